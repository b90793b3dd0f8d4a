import { Alert, Anchor, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import type { Person, PublicSettings } from '../../lib/types';
import { StatusBadge } from '../people/status-badge';
import { TellMyStoryCheckbox } from '../recruitment/tell-my-story-checkbox';
import { useMeAction } from './profile-api';

/** The ambassador programme: join with consent, pause, resume or opt out. */
export function AmbassadorSection({ person }: { person: Person }) {
  const { t } = useTranslation();
  const [joinOpened, joinModal] = useDisclosure(false);
  const [optOutOpened, optOutModal] = useDisclosure(false);
  const settings = useQuery({
    queryKey: ['settings', 'public'],
    queryFn: () => api<PublicSettings>('/api/v1/settings/public'),
    staleTime: 5 * 60_000,
  });
  const policyVersion = settings.data?.socialPolicyVersion ?? '';

  const join = useMeAction('consent', () => {
    joinModal.close();
    notifySuccess(t('ambassador.joined'));
  });
  const pause = useMeAction('pause', () => notifySuccess(t('ambassador.pausedNotice')));
  const resume = useMeAction('resume', () => notifySuccess(t('ambassador.resumed')));
  const optOut = useMeAction('opt-out', () => {
    optOutModal.close();
    notifySuccess(t('ambassador.optedOut'));
  });

  const status = person.ambassadorStatus;
  const canJoin = status !== 'active' && status !== 'paused';

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="profile-ambassador">
      <Stack>
        <Title order={2} size="h3" id="profile-ambassador">
          {t('ambassador.title')}
        </Title>
        <Text>{t('ambassador.intro')}</Text>
        <Group gap="xs">
          <Text fw={600}>{t('ambassador.status')}</Text>
          <StatusBadge status={status} />
        </Group>
        <Text>
          {person.consent
            ? t('ambassador.consentGiven', {
                version: person.consent.policyVersion,
                date: formatDate(person.consent.givenAt),
              })
            : t('ambassador.noConsent')}
        </Text>
        {status === 'opted_out' ? null : <TellMyStoryCheckbox person={person} />}
        <Group>
          {canJoin ? <Button onClick={joinModal.open}>{t('ambassador.join')}</Button> : null}
          {status === 'active' ? (
            <Button variant="default" onClick={() => pause.mutate(undefined)} loading={pause.isPending}>
              {t('ambassador.pause')}
            </Button>
          ) : null}
          {status === 'paused' ? (
            <Button onClick={() => resume.mutate(undefined)} loading={resume.isPending}>
              {t('ambassador.resume')}
            </Button>
          ) : null}
          {status === 'active' || status === 'paused' ? (
            <Button variant="default" onClick={optOutModal.open}>
              {t('ambassador.optOut')}
            </Button>
          ) : null}
        </Group>
      </Stack>

      <Modal
        opened={joinOpened}
        onClose={joinModal.close}
        title={t('ambassador.joinTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text>{t('ambassador.joinIntro')}</Text>
          <Text fw={600}>{t('ambassador.policyVersion', { version: policyVersion })}</Text>
          {settings.data?.socialPolicyUrl ? (
            <Anchor href={settings.data.socialPolicyUrl} target="_blank" rel="noopener noreferrer">
              {t('ambassador.readPolicy')}
            </Anchor>
          ) : null}
          <Text>{t('ambassador.joinDisclosure')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={joinModal.close}>
              {t('common.cancel')}
            </Button>
            <Button
              onClick={() => join.mutate({ policyVersion })}
              loading={join.isPending}
              disabled={!policyVersion}
            >
              {t('ambassador.agreeAndJoin')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal
        opened={optOutOpened}
        onClose={optOutModal.close}
        title={t('ambassador.optOutTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Alert color="blue">{t('ambassador.optOutExplain')}</Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={optOutModal.close}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={() => optOut.mutate(undefined)} loading={optOut.isPending}>
              {t('ambassador.optOutConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
