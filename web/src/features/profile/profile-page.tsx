import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api } from '../../lib/api';
import { downloadJson } from '../../lib/download';
import { notifyError } from '../../lib/notify';
import type { Person } from '../../lib/types';
import { useSignOut } from '../auth/session';
import { NotificationSettingsSection } from '../notifications-routes';
import { PersonaSection } from '../personas-routes';
import { LeaderboardOptInSection } from '../leaderboards-routes';
import { LinkedinSection } from '../linkedin-routes';
import { AmbassadorSection } from './ambassador-section';
import { DetailsSection } from './details-section';
import { PasswordSection } from './password-section';

/** `/profile`: my details, password, ambassador programme, my data and sign-out. */
export default function ProfilePage() {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const me = useQuery({ queryKey: ['me'], queryFn: () => api<Person>('/api/v1/me') });
  const download = useMutation({
    mutationFn: () => downloadJson('/api/v1/me/export', 'podium-my-data.json'),
    onError: notifyError,
    meta: { inlineError: true },
  });

  if (me.isPending) return <PageLoader />;
  if (me.isError) {
    return (
      <Page title={t('profile.title')}>
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </Page>
    );
  }
  const person = me.data;

  return (
    <Page title={t('profile.title')} width={900}>
      {/* Keyed by version so the form starts from the saved values after every update. */}
      <DetailsSection key={person.updatedAt} person={person} />
      <NotificationSettingsSection person={person} />
      <AmbassadorSection person={person} />
      <PersonaSection person={person} />
      <LeaderboardOptInSection person={person} />
      <LinkedinSection person={person} />
      <PasswordSection person={person} />
      <Paper withBorder p="md" component="section" aria-labelledby="profile-data">
        <Stack>
          <Title order={2} size="h3" id="profile-data">
            {t('profile.data')}
          </Title>
          <Text>{t('profile.dataIntro')}</Text>
          <Group>
            <Button variant="default" onClick={() => download.mutate()} loading={download.isPending}>
              {t('profile.downloadData')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="profile-sessions">
        <Stack>
          <Title order={2} size="h3" id="profile-sessions">
            {t('profile.sessions')}
          </Title>
          <Text>{t('profile.sessionsIntro')}</Text>
          <Group>
            <Button variant="default" onClick={() => signOut.mutate(false)} loading={signOut.isPending}>
              {t('profile.signOut')}
            </Button>
            <Button variant="default" onClick={() => signOut.mutate(true)} loading={signOut.isPending}>
              {t('profile.signOutEverywhere')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Page>
  );
}
