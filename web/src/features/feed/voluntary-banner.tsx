import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AmbassadorStatus } from '../../lib/types';

/** Shown to people who are not (or no longer) sharing: reading is fine, sharing is a choice. */
export function VoluntaryBanner({ status }: { status: AmbassadorStatus }) {
  const { t } = useTranslation('ambassador');
  const paused = status === 'paused';
  return (
    <Alert color="blue" title={t('feed.voluntaryTitle')} role="note">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{paused ? t('feed.voluntaryPaused') : t('feed.voluntary')}</Text>
        <Anchor component={Link} to="/profile" fw={700} size="sm" py={10} c="blue.9" underline="always">
          {paused ? t('feed.toProfilePaused') : t('feed.toProfile')}
        </Anchor>
      </Stack>
    </Alert>
  );
}
