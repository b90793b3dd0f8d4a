import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../app/page';
import { formatDate } from '../../lib/format';
import type { Person } from '../../lib/types';
import { CONNECT_URL, useDisconnectLinkedin, useLinkedinConnection } from './linkedin-api';

const results = ['connected', 'cancelled', 'state_invalid', 'failed', 'not_configured'] as const;
type Result = (typeof results)[number];

/**
 * The profile's LinkedIn section: connect, reconnect (before or after the 60 days end) and
 * disconnect, with the expiry date. Hidden when this Podium has no LinkedIn app configured. After
 * LinkedIn sends the browser back, `?linkedin=<result>` is announced once and removed from the URL.
 */
export function LinkedinSection({ person }: { person: Person }) {
  const { t } = useTranslation('linkedin');
  const connection = useLinkedinConnection(person.ambassadorStatus !== 'alumni');
  const disconnect = useDisconnectLinkedin();
  const [params, setParams] = useSearchParams();
  const [result, setResult] = useState<Result | null>(null);

  useEffect(() => {
    const value = params.get('linkedin');
    if (!value) return;
    setResult((results as readonly string[]).includes(value) ? (value as Result) : 'failed');
    const next = new URLSearchParams(params);
    next.delete('linkedin');
    setParams(next, { replace: true });
  }, [params, setParams]);

  if (!connection.data?.configured) return null;
  const state = connection.data;
  const expiringSoon = state.status === 'connected' && (state.expiresInDays ?? 99) <= 7;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="profile-linkedin">
      <Stack>
        <Title order={2} size="h3" id="profile-linkedin">
          {t('section.title')}
        </Title>
        <div role="status" aria-live="polite">
          {result ? (
            <Alert color={result === 'connected' ? 'blue' : 'red'} title={t(`section.result.${result}`)} withCloseButton={false}>
              {result === 'connected' ? t('section.resultHelp.connected') : t('section.resultHelp.other')}
            </Alert>
          ) : null}
        </div>
        <Text>{t('section.intro')}</Text>
        {state.status === 'connected' ? (
          <Text>{t('section.connectedAs', { name: state.name ?? '—', date: formatDate(state.expiresAt ?? '') })}</Text>
        ) : state.status === 'expired' ? (
          <Text fw={600}>{t('section.expired')}</Text>
        ) : (
          <Text>{t('section.notConnected')}</Text>
        )}
        {expiringSoon ? <Text fw={600}>{t('section.expiresSoon', { count: state.expiresInDays ?? 0 })}</Text> : null}
        {disconnect.error ? <ErrorAlert error={disconnect.error} /> : null}
        <Group>
          {/* A full navigation: LinkedIn's consent page, then back to this page. */}
          <Button component="a" href={CONNECT_URL} size="md">
            {state.status === 'not_connected' ? t('section.connect') : t('section.reconnect')}
          </Button>
          {state.status !== 'not_connected' ? (
            <Button variant="default" size="md" onClick={() => disconnect.mutate()} loading={disconnect.isPending}>
              {t('section.disconnect')}
            </Button>
          ) : null}
          {state.status === 'connected' ? (
            <Anchor component={Link} to="/linkedin/posts">
              {t('section.myPosts')}
            </Anchor>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}
