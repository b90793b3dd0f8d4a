import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api } from '../../lib/api';
import { type AlumniInvitation, invitationKey } from './alumni-api';

/**
 * `/alumni/join?token=…`, reached from the alumni invitation (a signed link, also mailed to the
 * personal e-mail when an alumnus asks to sign in). Opening it changes nothing; joining mails a
 * sign-in link to the personal e-mail, since that is the only way alumni sign in.
 */
export default function AlumniJoinPage() {
  const { t } = useTranslation('alumni');
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const queryClient = useQueryClient();
  const [personalEmail, setPersonalEmail] = useState('');

  const invitation = useQuery({
    queryKey: invitationKey(token),
    queryFn: () => api<AlumniInvitation>(`/api/v1/alumni/invitation?token=${encodeURIComponent(token)}`, { redirectOnUnauthorized: false }),
    enabled: token.length >= 20,
    retry: false,
  });

  const join = useMutation({
    mutationFn: () =>
      api<{ inProgramme: true; signInLinkSentTo: string | null }>('/api/v1/alumni/invitation/join', {
        method: 'POST',
        json: { token, ...(personalEmail.trim() ? { personalEmail: personalEmail.trim() } : {}) },
        redirectOnUnauthorized: false,
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: invitationKey(token) }),
    meta: { inlineError: true },
  });

  const leave = useMutation({
    mutationFn: () => api<{ inProgramme: false }>('/api/v1/alumni/invitation/leave', { method: 'POST', json: { token }, redirectOnUnauthorized: false }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: invitationKey(token) }),
    meta: { inlineError: true },
  });

  if (token.length < 20 || invitation.isError) {
    return (
      <Page title={t('join.title')} width={560}>
        <Alert color="red" role="alert">
          <Stack gap="sm" align="flex-start">
            <Text>{t('join.invalid')}</Text>
            <Anchor component={Link} to="/sign-in">
              {t('join.signIn')}
            </Anchor>
          </Stack>
        </Alert>
      </Page>
    );
  }
  if (invitation.isPending) return <PageLoader />;

  const data = invitation.data;
  const onJoin = (event: FormEvent) => {
    event.preventDefault();
    join.mutate();
  };

  return (
    <Page title={t('join.title')} width={560}>
      <Paper withBorder p="lg">
        <Stack>
          <Title order={2} size="h3">
            {t('join.hello', { name: data.name })}
          </Title>
          <Text>{t('join.intro')}</Text>
          <div aria-live="polite" role="status">
            {join.data ? <Alert color="green">{t('join.joined', { email: join.data.signInLinkSentTo ?? '' })}</Alert> : null}
            {leave.isSuccess && !data.inProgramme ? <Alert color="blue">{t('join.left')}</Alert> : null}
          </div>
          {data.inProgramme ? (
            <Stack align="flex-start">
              {join.data ? null : <Text>{t('join.alreadyIn')}</Text>}
              <Button component={Link} to="/sign-in">
                {t('join.signIn')}
              </Button>
              <Button variant="subtle" color="red" onClick={() => leave.mutate()} loading={leave.isPending}>
                {t('join.leaveButton')}
              </Button>
            </Stack>
          ) : (
            <form onSubmit={onJoin}>
              <Stack>
                {data.personalEmailHint ? (
                  <Text>{t('join.knownEmail', { email: data.personalEmailHint })}</Text>
                ) : (
                  <TextInput
                    label={t('join.personalEmail')}
                    description={t('join.personalEmailHelp')}
                    type="email"
                    autoComplete="email"
                    required
                    value={personalEmail}
                    onChange={(event) => setPersonalEmail(event.currentTarget.value)}
                  />
                )}
                <Button type="submit" loading={join.isPending}>
                  {t('join.joinButton')}
                </Button>
              </Stack>
            </form>
          )}
          {join.error ? <ErrorAlert error={join.error} /> : null}
          {leave.error ? <ErrorAlert error={leave.error} /> : null}
        </Stack>
      </Paper>
    </Page>
  );
}
