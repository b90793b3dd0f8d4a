import { Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { showSuccess } from '../../lib/toast';
import type { Person } from '../../lib/types';
import { useUpdateCurrentPerson } from '../auth/session';

/** My choice to appear on the team leaderboard (off unless I switch it on); saved as soon as it changes. */
export function LeaderboardOptInSection({ person }: { person: Person }) {
  const { t } = useTranslation('leaderboards');
  const updatePerson = useUpdateCurrentPerson();
  const save = useMutation({
    mutationFn: (leaderboardOptIn: boolean) => api<Person>('/api/v1/me', { method: 'PATCH', json: { leaderboardOptIn } }),
    onSuccess: (saved, leaderboardOptIn) => {
      updatePerson(saved);
      showSuccess(leaderboardOptIn ? t('profile.on') : t('profile.off'));
    },
  });
  if (person.ambassadorStatus === 'opted_out' || person.ambassadorStatus === 'alumni') return null;
  const checked = save.isPending ? save.variables : person.leaderboardOptIn === true;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="profile-leaderboard">
      <Stack>
        <Title order={2} size="h3" id="profile-leaderboard">
          {t('profile.title')}
        </Title>
        <Text>{t('profile.intro')}</Text>
        <Switch
          label={t('profile.optIn')}
          description={t('profile.optInHelp')}
          checked={checked}
          // Not disabled while saving, so keyboard focus stays on it; a second change waits for the first.
          onChange={(event) => {
            if (!save.isPending) save.mutate(event.currentTarget.checked);
          }}
        />
      </Stack>
    </Paper>
  );
}
