import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApprovalStatus, StoryStatus } from './stories-api';

// Light badges use shade 9 text on shade 1; these colours keep that above 4.5:1.
export const STATUS_COLORS: Record<StoryStatus, string> = {
  idea: 'grape',
  draft: 'gray',
  in_review: 'violet',
  approved: 'cyan',
  published: 'blue',
  archived: 'dark',
};

const APPROVAL_COLORS: Record<ApprovalStatus, string> = {
  not_requested: 'gray',
  pending: 'indigo',
  approved: 'cyan',
  changes_requested: 'red',
};

export function StoryStatusBadge({ status }: { status: StoryStatus }) {
  const { t } = useTranslation('editorial');
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none">
      {t(`status.${status}`)}
    </Badge>
  );
}

export function ApprovalBadge({ approval }: { approval: ApprovalStatus }) {
  const { t } = useTranslation('editorial');
  return (
    <Badge color={APPROVAL_COLORS[approval]} variant="light" tt="none">
      {t(`approval.${approval}`)}
    </Badge>
  );
}
