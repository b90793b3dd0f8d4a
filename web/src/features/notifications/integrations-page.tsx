import { Alert, Button, Group, NativeSelect, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';

interface WebhookView {
  configured: boolean;
  host: string | null;
}

interface Integrations {
  slack: { configured: boolean; workspace: string | null; savedAt: string | null };
  webhooks: { slack: WebhookView; teams: WebhookView; language: 'nl' | 'en' };
}

type TestOutcome = 'sent' | 'failed' | 'not_configured';

const key = ['integrations'] as const;

/** `/admin/integrations`: the Slack app for DMs and the Slack/Teams channel webhooks for team announcements. */
export default function IntegrationsPage() {
  const { t } = useTranslation('notifications');
  const integrations = useQuery({ queryKey: key, queryFn: () => api<Integrations>('/api/v1/integrations') });
  if (integrations.isPending) return <PageLoader />;
  return (
    <Page title={t('integrations.title')} width={800}>
      <Text>{t('integrations.intro')}</Text>
      {integrations.isError ? <ErrorAlert error={integrations.error} onRetry={() => void integrations.refetch()} /> : null}
      {integrations.data ? (
        <>
          <SlackAppSection view={integrations.data} />
          <WebhooksSection key={JSON.stringify(integrations.data.webhooks)} view={integrations.data} />
        </>
      ) : null}
    </Page>
  );
}

function SlackAppSection({ view }: { view: Integrations }) {
  const { t } = useTranslation('notifications');
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  const save = useMutation({
    mutationFn: () => api<Integrations>('/api/v1/integrations/slack', { method: 'PUT', json: { botToken: token.trim() } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      setToken('');
      notifySuccess(t('integrations.slackSaved', { workspace: saved.slack.workspace ?? '' }));
    },
    meta: { inlineError: true },
  });
  const remove = useMutation({
    mutationFn: () => api<Integrations>('/api/v1/integrations/slack', { method: 'DELETE' }),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      notifySuccess(t('integrations.slackRemoved'));
    },
    onError: notifyError,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const slack = view.slack;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="integrations-slack">
      <form onSubmit={onSubmit}>
        <Stack>
          <Title order={2} size="h3" id="integrations-slack">
            {t('integrations.slackTitle')}
          </Title>
          <Alert color={slack.configured ? 'green' : 'gray'} role="status">
            {slack.configured
              ? t('integrations.slackConnected', { workspace: slack.workspace ?? '', date: slack.savedAt ? formatDate(slack.savedAt) : '' })
              : t('integrations.slackNotConnected')}
          </Alert>
          <Text size="sm" c="gray.8" id="slack-token-help">
            {t('integrations.slackHelp')}
          </Text>
          <PasswordInput
            label={slack.configured ? t('integrations.replaceToken') : t('integrations.botToken')}
            value={token}
            onChange={(event) => setToken(event.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
            required
            aria-describedby="slack-token-help"
          />
          {save.error ? <ErrorAlert error={save.error} /> : null}
          <Group>
            <Button type="submit" loading={save.isPending} disabled={token.trim() === ''}>
              {t('integrations.saveToken')}
            </Button>
            {slack.configured ? (
              <Button variant="default" color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
                {t('integrations.disconnect')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function WebhookField({ label, view, value, onChange, onRemove }: { label: string; view: WebhookView; value: string; onChange: (value: string) => void; onRemove: () => void }) {
  const { t } = useTranslation('notifications');
  return (
    <Stack gap={4}>
      <TextInput
        type="url"
        label={label}
        description={view.configured ? t('integrations.configuredAt', { host: view.host ?? '' }) : t('integrations.notConfigured')}
        placeholder="https://"
        value={value}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      {view.configured ? (
        <Group>
          <Button size="xs" variant="default" onClick={onRemove} aria-label={`${t('integrations.remove')}: ${label}`}>
            {t('integrations.remove')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

function WebhooksSection({ view }: { view: Integrations }) {
  const { t } = useTranslation('notifications');
  const queryClient = useQueryClient();
  const [slackUrl, setSlackUrl] = useState('');
  const [teamsUrl, setTeamsUrl] = useState('');
  const [language, setLanguage] = useState(view.webhooks.language);
  const [testResult, setTestResult] = useState<Record<'slack' | 'teams', TestOutcome> | null>(null);

  const save = useMutation({
    mutationFn: (body: { slack?: string | null; teams?: string | null; language?: 'nl' | 'en' }) =>
      api<Integrations>('/api/v1/integrations/webhooks', { method: 'PUT', json: body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      notifySuccess(t('integrations.webhooksSaved'));
    },
    meta: { inlineError: true },
  });
  const test = useMutation({
    mutationFn: () => api<Record<'slack' | 'teams', TestOutcome>>('/api/v1/integrations/webhooks/test', { method: 'POST' }),
    onSuccess: setTestResult,
    onError: notifyError,
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      ...(slackUrl.trim() ? { slack: slackUrl.trim() } : {}),
      ...(teamsUrl.trim() ? { teams: teamsUrl.trim() } : {}),
      language,
    });
  };
  const anyConfigured = view.webhooks.slack.configured || view.webhooks.teams.configured;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="integrations-webhooks">
      <form onSubmit={onSubmit}>
        <Stack>
          <Title order={2} size="h3" id="integrations-webhooks">
            {t('integrations.webhooksTitle')}
          </Title>
          <Text size="sm" c="gray.8">
            {t('integrations.webhooksHelp')}
          </Text>
          <WebhookField label={t('integrations.slackWebhook')} view={view.webhooks.slack} value={slackUrl} onChange={setSlackUrl} onRemove={() => save.mutate({ slack: null })} />
          <WebhookField label={t('integrations.teamsWebhook')} view={view.webhooks.teams} value={teamsUrl} onChange={setTeamsUrl} onRemove={() => save.mutate({ teams: null })} />
          <NativeSelect
            label={t('integrations.language')}
            data={[
              { value: 'nl', label: 'Nederlands' },
              { value: 'en', label: 'English' },
            ]}
            value={language}
            onChange={(event) => setLanguage(event.currentTarget.value === 'nl' ? 'nl' : 'en')}
          />
          {save.error ? <ErrorAlert error={save.error} /> : null}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('integrations.saveWebhooks')}
            </Button>
            {anyConfigured ? (
              <Button variant="default" onClick={() => test.mutate()} loading={test.isPending}>
                {t('integrations.test')}
              </Button>
            ) : null}
          </Group>
          <Text role="status" aria-live="polite">
            {testResult
              ? t('integrations.testResult', { slack: t(`integrations.result.${testResult.slack}`), teams: t(`integrations.result.${testResult.teams}`) })
              : ''}
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
