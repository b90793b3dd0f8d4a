import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FeedReason } from '../sharing/sharing-types';

/** Reasons worded on a card, at most; the API lists the strongest first. */
const SHOWN = 3;

/**
 * "Why you see this": the reasons the ranked feed gives for a card, as one sentence
 * ("new and your department is hiring for Engineering"). Renders nothing without reasons.
 */
export function FeedReasons({ reasons, sharedByMe }: { reasons: FeedReason[] | undefined; sharedByMe: number }) {
  const { t, i18n } = useTranslation('recruitment');
  // The card already says "You shared this"; the reason would say it twice.
  const phrases = (reasons ?? [])
    .filter((reason) => !(reason.key === 'already_shared' && sharedByMe > 0))
    .slice(0, SHOWN)
    .map((reason) => {
      if (reason.key === 'hiring' || reason.key === 'your_department_hiring') {
        return reason.theme ? t(`feedReasons.${reason.key}Theme`, { theme: reason.theme }) : t(`feedReasons.${reason.key}`);
      }
      return t(`feedReasons.${reason.key}`);
    });
  if (phrases.length === 0) return null;
  const list = new Intl.ListFormat(i18n.resolvedLanguage === 'nl' ? 'nl' : 'en', { type: 'conjunction' }).format(phrases);
  return (
    <Text size="sm" c="gray.8">
      <Text span fw={600} inherit>
        {t('feedReasons.label')}
      </Text>{' '}
      {list}
    </Text>
  );
}
