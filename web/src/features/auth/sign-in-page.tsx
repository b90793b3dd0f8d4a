import { Alert, Anchor, Button, Divider, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
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
import { SsoButton, SsoErrorAlert, useSsoStatus } from './sso-sign-in';

type Mode = 'link' | 'password';

/**
 * `/sign-in`: a sign-in link by e-mail first, a password as the alternative. With single sign-on the
 * "Sign in with …" button comes first; where SSO is required, the other ways are folded away for
 * break-glass administrators and former colleagues.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const { t: tSso } = useTranslation('sso');
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get('next')) ?? '/';
  const ssoError = searchParams.get('sso_error');
  const sso = useSsoStatus();
  // A former colleague sent back by SSO needs the e-mail link to their personal address: open it for them.
  const [showOtherWays, setShowOtherWays] = useState(ssoError === 'alumni');
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

  if (session.isPending || sso.isPending) return <PageLoader />;
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
  const ssoStatus = sso.data?.enabled ? sso.data : null;
  const ssoLabel = ssoStatus?.label ?? 'SSO';
  const required = ssoStatus?.required === true;
  const otherWaysVisible = !required || showOtherWays;

  return (
    <Page title={t('signIn.title')} width={480}>
      {ssoError ? <SsoErrorAlert code={ssoError} label={ssoLabel} /> : null}
      {ssoStatus ? (
        <Stack gap="sm">
          {required ? <Text>{tSso('requiredIntro', { label: ssoLabel })}</Text> : null}
          <SsoButton status={ssoStatus} next={next} primary={required} />
          {required ? (
            <>
              <Anchor
                component="button"
                type="button"
                onClick={() => setShowOtherWays((shown) => !shown)}
                aria-expanded={showOtherWays}
                aria-controls="sign-in-other-ways"
                ta="left"
                mih={24}
              >
                {showOtherWays ? tSso('hideWithoutSso') : tSso('withoutSso')}
              </Anchor>
              {showOtherWays ? <Text size="sm">{tSso('withoutSsoIntro')}</Text> : null}
            </>
          ) : (
            <Divider label={tSso('or')} labelPosition="center" />
          )}
        </Stack>
      ) : null}
      <div id="sign-in-other-ways" hidden={!otherWaysVisible}>
      <Stack>
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
      </Stack>
      </div>
    </Page>
  );
}
