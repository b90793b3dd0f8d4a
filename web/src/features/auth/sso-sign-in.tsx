import { Alert, Button } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';

/** What the sign-in page needs to know about single sign-on (GET /api/v1/auth/sso). */
export interface SsoStatus {
  enabled: boolean;
  label: string | null;
  required: boolean;
  startUrl: string | null;
}

export function useSsoStatus() {
  return useQuery({
    queryKey: ['sso-status'],
    queryFn: () => api<SsoStatus>('/api/v1/auth/sso', { redirectOnUnauthorized: false }),
    staleTime: 5 * 60_000,
  });
}

const errorCodes = [
  'wrong_audience',
  'token_expired',
  'domain_not_allowed',
  'account_deactivated',
  'alumni',
  'provider_unreachable',
  'state_mismatch',
  'email_missing',
  'email_unverified',
  'denied',
  'failed',
] as const;
type SsoErrorCode = (typeof errorCodes)[number];

/** The code from `?sso_error=`, or `failed` for one this page does not know. */
function knownCode(code: string): SsoErrorCode {
  return (errorCodes as readonly string[]).includes(code) ? (code as SsoErrorCode) : 'failed';
}

/**
 * "Sign in with Microsoft": a plain link, because signing in happens on the provider's pages.
 * Podium comes back to `next` afterwards.
 */
export function SsoButton({ status, next, primary }: { status: SsoStatus; next: string; primary: boolean }) {
  const { t } = useTranslation('sso');
  const href = `${status.startUrl ?? '/api/v1/auth/sso/start'}${next === '/' ? '' : `?returnTo=${encodeURIComponent(next)}`}`;
  return (
    <Button component="a" href={href} variant={primary ? 'filled' : 'default'} fullWidth size={primary ? 'md' : 'sm'}>
      {t('signInWith', { label: status.label ?? 'SSO' })}
    </Button>
  );
}

/** Why the way back from the provider ended on the sign-in page, in the person's language. */
export function SsoErrorAlert({ code, label }: { code: string; label: string }) {
  const { t } = useTranslation('sso');
  return (
    <Alert color="red" title={t('errorTitle', { label })} role="alert">
      {t(`errors.${knownCode(code)}`)}
    </Alert>
  );
}
