import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AmbassadorStatus } from '../../lib/types';

// Light badges use shade 9 text on shade 1; these colours keep that above 4.5:1.
const COLORS: Record<AmbassadorStatus, string> = {
  invited: 'indigo',
  active: 'blue',
  paused: 'gray',
  opted_out: 'red',
  alumni: 'grape',
};

export function StatusBadge({ status }: { status: AmbassadorStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" tt="none">
      {t(`ambassadorStatus.${status}`)}
    </Badge>
  );
}
