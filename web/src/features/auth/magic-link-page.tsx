import { Alert, Anchor, Button, Paper, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert, Page } from '../../app/page';
import { ApiError, api } from '../../lib/api';
import { safeNext } from '../../lib/safe-next';
import type { Session } from '../../lib/types';
import { useStartSession } from './session';

const KNOWN_LINK_ERRORS = ['link_invalid', 'link_expired', 'link_used'] as const;
type LinkError = (typeof KNOWN_LINK_ERRORS)[number];

function linkErrorCode(error: unknown): LinkError | null {
  if (!(error instanceof ApiError)) return null;
  return KNOWN_LINK_ERRORS.find((code) => code === error.code) ?? null;
}

/**
 * `/auth/magic?token=…`, the link from the sign-in e-mail. Opening it changes nothing: mail
 * scanners fetch links too, so only the button press spends the token.
 */
export function MagicLinkPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const next = safeNext(searchParams.get('next')) ?? '/';
  const navigate = useNavigate();
  const startSession = useStartSession();

  const verify = useMutation({
    mutationFn: () =>
      api<Session>('/api/auth/magic-link/verify', {
        method: 'POST',
        json: { token },
        redirectOnUnauthorized: false,
      }),
    onSuccess: (session) => {
      startSession(session);
      void navigate(next, { replace: true });
    },
    meta: { inlineError: true },
  });

  const code = token ? linkErrorCode(verify.error) : 'link_invalid';

  return (
    <Page title={t('magicLink.title')} width={480}>
      <Paper withBorder p="lg">
        <Stack>
          {code ? (
            <Alert color="red" title={t('magicLink.failedTitle')} role="alert">
              <Stack gap="sm" align="flex-start">
                <Text>{t(`magicLink.errors.${code}`)}</Text>
                <Anchor component={Link} to="/sign-in">
                  {t('magicLink.requestNew')}
                </Anchor>
              </Stack>
            </Alert>
          ) : (
            <>
              <Text>{t('magicLink.intro')}</Text>
              {verify.error ? <ErrorAlert error={verify.error} /> : null}
              <Button onClick={() => verify.mutate()} loading={verify.isPending}>
                {t('magicLink.submit')}
              </Button>
            </>
          )}
        </Stack>
      </Paper>
    </Page>
  );
}
