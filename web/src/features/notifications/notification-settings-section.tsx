import { Alert, Button, Group, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/page';
import { api } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/notify';
import type { Person } from '../../lib/types';
import { useUpdateCurrentPerson } from '../auth/session';
import { currentPushState, disablePush, enablePush, PushDenied, type PushState } from './push-device';

interface QuietHours {
  start: string;
  end: string;
}

/** The person as /api/v1/me answers it, with the quiet hours this section edits. */
type PersonWithQuietHours = Person & { quietHours?: QuietHours | null };

const defaultQuietHours: QuietHours = { start: '21:00', end: '08:00' };

/** Profile: quiet hours (people.preferences.quietHours) and Web Push on this device. */
export function NotificationSettingsSection({ person }: { person: PersonWithQuietHours }) {
  const { t } = useTranslation('notifications');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="profile-notifications">
      <Stack>
        <Title order={2} size="h3" id="profile-notifications">
          {t('preferences.title')}
        </Title>
        <Text>{t('preferences.intro')}</Text>
        <QuietHoursForm key={person.updatedAt} person={person} />
        <DevicePush person={person} />
        {person.notificationChannels.includes('slack') ? (
          <Text size="sm" c="gray.8">
            {t('preferences.slackHint', { email: person.email })}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function QuietHoursForm({ person }: { person: PersonWithQuietHours }) {
  const { t } = useTranslation('notifications');
  const updatePerson = useUpdateCurrentPerson();
  const [enabled, setEnabled] = useState(Boolean(person.quietHours));
  const [hours, setHours] = useState<QuietHours>(person.quietHours ?? defaultQuietHours);
  const same = enabled && hours.start === hours.end;

  const save = useMutation({
    mutationFn: () => api<Person>('/api/v1/me', { method: 'PATCH', json: { quietHours: enabled ? hours : null } }),
    onSuccess: (saved) => {
      updatePerson(saved);
      notifySuccess(t('preferences.saved'));
    },
    meta: { inlineError: true },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!same) save.mutate();
  };

  return (
    <form onSubmit={onSubmit} aria-labelledby="quiet-hours-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="quiet-hours-title">
          {t('preferences.quietHours')}
        </Title>
        <Switch label={t('preferences.quietHoursEnabled')} checked={enabled} onChange={(event) => setEnabled(event.currentTarget.checked)} />
        {enabled ? (
          <>
            <Text size="sm" c="gray.8" id="quiet-hours-help">
              {t('preferences.quietHoursHelp', { timeZone: person.timeZone })}
            </Text>
            <Group gap="md" grow preventGrowOverflow={false} wrap="wrap">
              <TextInput
                type="time"
                label={t('preferences.quietFrom')}
                value={hours.start}
                required
                aria-describedby="quiet-hours-help"
                onChange={(event) => setHours({ ...hours, start: event.currentTarget.value })}
                miw={140}
              />
              <TextInput
                type="time"
                label={t('preferences.quietUntil')}
                value={hours.end}
                required
                aria-describedby="quiet-hours-help"
                error={same ? t('preferences.quietSame') : undefined}
                onChange={(event) => setHours({ ...hours, end: event.currentTarget.value })}
                miw={140}
              />
            </Group>
          </>
        ) : null}
        {save.error ? <ErrorAlert error={save.error} /> : null}
        <Group>
          <Button type="submit" variant="default" loading={save.isPending} disabled={same}>
            {t('preferences.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * "Notifications on this device": asks permission, subscribes with the VAPID key, posts the
 * subscription, and adds web push to the person's channels.
 */
function DevicePush({ person }: { person: Person }) {
  const { t } = useTranslation('notifications');
  const queryClient = useQueryClient();
  const updatePerson = useUpdateCurrentPerson();
  const state = useQuery({ queryKey: ['push', 'state'], queryFn: currentPushState, staleTime: Number.POSITIVE_INFINITY });
  const toggle = useMutation({
    mutationFn: async (on: boolean) => {
      if (on) {
        await enablePush();
        // Turning push on for a device also means "reach me by web push".
        if (!person.notificationChannels.includes('web_push')) {
          const channels = [...person.notificationChannels, 'web_push' as const];
          updatePerson(await api<Person>('/api/v1/me', { method: 'PATCH', json: { notificationChannels: channels } }));
        }
      } else await disablePush();
      return currentPushState();
    },
    onSuccess: (next: PushState) => {
      queryClient.setQueryData(['push', 'state'], next);
      notifySuccess(next === 'on' ? t('preferences.deviceEnabled') : t('preferences.deviceDisabled'));
    },
    onError: async (error) => {
      queryClient.setQueryData(['push', 'state'], await currentPushState());
      if (!(error instanceof PushDenied)) notifyError(error);
    },
  });

  const current = state.data;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('preferences.device')}
      </Title>
      <Text size="sm" c="gray.8" id="device-push-help">
        {t('preferences.deviceHelp')}
      </Text>
      {current === 'unsupported' ? <Alert color="gray">{t('preferences.deviceUnsupported')}</Alert> : null}
      {current === 'denied' || toggle.error instanceof PushDenied ? (
        <Alert color="yellow" role="alert">
          {t('preferences.deviceDenied')}
        </Alert>
      ) : null}
      {current === 'off' || current === 'on' ? (
        <Switch
          label={t('preferences.device')}
          description={current === 'on' ? t('preferences.deviceOn') : undefined}
          checked={current === 'on'}
          disabled={toggle.isPending}
          aria-describedby="device-push-help"
          onChange={(event) => toggle.mutate(event.currentTarget.checked)}
        />
      ) : null}
    </Stack>
  );
}
