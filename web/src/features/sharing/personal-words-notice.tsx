import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ShareCheck } from './sharing-types';

/**
 * A gentle, never blocking nudge towards personal words, updated as the check answers. The live
 * region is always there, so screen readers hear the nudge when it appears.
 */
export function PersonalWordsNotice({
  check,
  onPersonalise,
  onAnotherSuggestion,
}: {
  check: ShareCheck | undefined;
  onPersonalise: () => void;
  /** Null when there is no other suggestion to offer. */
  onAnotherSuggestion: (() => void) | null;
}) {
  const { t } = useTranslation('ambassador');
  const copied = check && !check.personalised;
  const message = !copied
    ? null
    : check.similarTo === 'colleague' && check.colleaguesWithSimilarText > 0
      ? t('notice.colleagues', { count: check.colleaguesWithSimilarText })
      : t('notice.suggestion');

  return (
    <div role="status" aria-live="polite">
      {message ? (
        <Alert color="yellow" variant="light">
          <Stack gap="sm">
            <Text size="sm" c="dark.9">
              {message}
            </Text>
            <Group gap="sm">
              <Button size="md" mih={44} onClick={onPersonalise}>
                {t('notice.personalise')}
              </Button>
              {onAnotherSuggestion ? (
                <Button size="md" mih={44} variant="default" onClick={onAnotherSuggestion}>
                  {t('notice.anotherSuggestion')}
                </Button>
              ) : null}
            </Group>
          </Stack>
        </Alert>
      ) : check?.personalised ? (
        <Text size="sm" c="gray.9">
          ✓ {t('notice.personal')}
        </Text>
      ) : null}
    </div>
  );
}
