import { Alert, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api, setCsrfToken } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { sessionKey, useCurrentPerson } from '../auth/session';
import { type AlumniStatus, myAlumniKey } from './alumni-api';

/** `/alumni`: the signed-in alumnus's programme page: status, the personal e-mail they sign in with, leaving. */
export default function AlumniProgrammePage() {
  const { t } = useTranslation('alumni');
  const person = useCurrentPerson();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [leaveOpened, leaveModal] = useDisclosure(false);
  const [email, setEmail] = useState('');
  const isAlumnus = person?.ambassadorStatus === 'alumni';

  const status = useQuery({ queryKey: myAlumniKey, queryFn: () => api<AlumniStatus>('/api/v1/me/alumni'), enabled: isAlumnus });
  useEffect(() => {
    if (status.data?.personalEmail) setEmail(status.data.personalEmail);
  }, [status.data?.personalEmail]);

  const save = useMutation({
    mutationFn: () => api<AlumniStatus>('/api/v1/me/alumni', { method: 'PATCH', json: { personalEmail: email.trim() } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(myAlumniKey, saved);
      notifySuccess(t('programme.saved'));
    },
    meta: { inlineError: true },
  });

  const leave = useMutation({
    mutationFn: () => api<AlumniStatus>('/api/v1/me/alumni/leave', { method: 'POST' }),
    onSuccess: () => {
      // Leaving signs out everywhere, this browser included.
      setCsrfToken(null);
      queryClient.removeQueries();
      queryClient.setQueryData(sessionKey, null);
      void navigate('/sign-in', { replace: true });
    },
  });

  if (!isAlumnus) {
    return (
      <Page title={t('programme.title')} width={640}>
        <Alert color="blue">{t('programme.notAlumnus')}</Alert>
      </Page>
    );
  }
  if (status.isPending) return <PageLoader />;
  if (status.isError) {
    return (
      <Page title={t('programme.title')} width={640}>
        <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />
      </Page>
    );
  }

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Page title={t('programme.title')} width={640}>
      <Stack gap="xs">
        <Text>{t('programme.intro')}</Text>
        {status.data.leftAt ? <Text>{t('programme.leftOn', { date: formatDate(status.data.leftAt) })}</Text> : null}
        {status.data.alumniJoinedAt ? <Text>{t('programme.since', { date: formatDate(status.data.alumniJoinedAt) })}</Text> : null}
        <Group>
          <Button component={Link} to="/feed">
            {t('programme.feedLink')}
          </Button>
        </Group>
      </Stack>

      <Paper withBorder p="md" component="section" aria-labelledby="alumni-email">
        <form onSubmit={onSave}>
          <Stack>
            <Title order={2} size="h4" id="alumni-email">
              {t('programme.emailSection')}
            </Title>
            <TextInput
              label={t('programme.personalEmail')}
              description={t('programme.personalEmailHelp')}
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            {save.error ? <ErrorAlert error={save.error} /> : null}
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('programme.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="alumni-leave">
        <Stack align="flex-start">
          <Title order={2} size="h4" id="alumni-leave">
            {t('programme.leaveSection')}
          </Title>
          <Text>{t('programme.leaveIntro')}</Text>
          <Button color="red" variant="light" onClick={leaveModal.open}>
            {t('programme.leaveButton')}
          </Button>
        </Stack>
      </Paper>

      <Modal opened={leaveOpened} onClose={leaveModal.close} title={t('programme.leaveConfirmTitle')} closeButtonProps={{ 'aria-label': t('programme.cancel') }}>
        <Stack>
          <Text>{t('programme.leaveIntro')}</Text>
          {leave.error ? <ErrorAlert error={leave.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={leaveModal.close}>
              {t('programme.cancel')}
            </Button>
            <Button color="red" onClick={() => leave.mutate()} loading={leave.isPending}>
              {t('programme.leaveConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}
