import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Page, PageLoader } from '../../app/page';
import { api } from '../../lib/api';
import { safeNext } from '../../lib/safe-next';
import type { Session } from '../../lib/types';
import { useSession, useStartSession } from './session';
import { AlumniSignInHint } from '../alumni/sign-in-hint';

type Mode = 'link' | 'password';

/** `/sign-in`: a sign-in link by e-mail first, a password as the alternative. */
export function SignInPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get('next')) ?? '/';
  const navigate = useNavigate();
  const session = useSession();
  const startSession = useStartSession();
  const [mode, setMode] = useState<Mode>('link');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);

  const sendLink = useMutation({
    mutationFn: (address: string) =>
      api<{ sent: boolean }>('/api/auth/magic-link', {
        method: 'POST',
        json: { email: address },
        redirectOnUnauthorized: false,
      }),
    onSuccess: (_data, address) => setSentTo(address),
    meta: { inlineError: true },
  });

  const signIn = useMutation({
    mutationFn: () =>
      api<Session>('/api/auth/password', {
        method: 'POST',
        json: { email, password },
        redirectOnUnauthorized: false,
      }),
    onSuccess: (data) => {
      startSession(data);
      void navigate(next, { replace: true });
    },
    meta: { inlineError: true },
  });

  if (session.isPending) return <PageLoader />;
  if (session.data && !signIn.isSuccess) return <Navigate to={next} replace />;

  const onSendLink = (event: FormEvent) => {
    event.preventDefault();
    setSentTo(null);
    sendLink.mutate(email.trim());
  };
  const onPassword = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  const switchMode = (to: Mode) => {
    setMode(to);
    setSentTo(null);
    sendLink.reset();
    signIn.reset();
  };

  const error = mode === 'link' ? sendLink.error : signIn.error;

  return (
    <Page title={t('signIn.title')} width={480}>
      <Paper withBorder p="lg">
        {mode === 'link' ? (
          <form onSubmit={onSendLink}>
            <Stack>
              <Text>{t('signIn.linkIntro')}</Text>
              <AlumniSignInHint />
              <TextInput
                label={t('signIn.email')}
                type="email"
                autoComplete="email"
                required
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
              />
              <Button type="submit" loading={sendLink.isPending}>
                {t('signIn.sendLink')}
              </Button>
            </Stack>
          </form>
        ) : (
          <form onSubmit={onPassword}>
            <Stack>
              <TextInput
                label={t('signIn.email')}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
              />
              <PasswordInput
                label={t('signIn.password')}
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                visibilityToggleButtonProps={{
                  'aria-label': t('signIn.togglePassword'),
                }}
              />
              <Button type="submit" loading={signIn.isPending}>
                {t('signIn.submitPassword')}
              </Button>
            </Stack>
          </form>
        )}
        <div aria-live="polite" role="status">
          {mode === 'link' && sentTo ? (
            <Alert color="blue" title={t('signIn.linkSentTitle')} mt="md">
              {t('signIn.linkSent', { email: sentTo })}
            </Alert>
          ) : null}
        </div>
        <div aria-live="assertive">
          {error ? (
            <Alert color="red" title={t('errors.title')} mt="md">
              {error instanceof Error ? error.message : t('errors.unknown')}
            </Alert>
          ) : null}
        </div>
      </Paper>
      <Anchor
        component="button"
        type="button"
        onClick={() => switchMode(mode === 'link' ? 'password' : 'link')}
        ta="left"
        mih={24}
      >
        {mode === 'link' ? t('signIn.usePassword') : t('signIn.useLink')}
      </Anchor>
    </Page>
  );
}
