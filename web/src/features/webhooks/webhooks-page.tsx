import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api, type Page as ListPage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { showSuccess } from '../../lib/toast';
import { DeliveriesPanel } from './deliveries-panel';
import { EndpointForm } from './endpoint-form';
import type { WebhookDelivery, WebhookEndpoint } from './types';
import { webhooksKey } from './types';

/** The signing secret, shown once after creation or rotation, with a copy button. */
function SecretOnce({ shown, onDismiss }: { shown: { url: string; secret: string }; onDismiss: () => void }) {
  const { t } = useTranslation('webhooks');
  return (
    <Alert color="teal" role="status">
      <Stack gap="xs" align="flex-start">
        <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
          {t('secret.title', { url: shown.url })}
        </Text>
        <Text>{t('secret.help')}</Text>
        <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="webhook-secret">
          {shown.secret}
        </Code>
        <Group>
          <CopyButton value={shown.secret}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" onClick={copy}>
                {copied ? t('secret.copied') : t('secret.copy')}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="subtle" onClick={onDismiss}>
            {t('secret.dismiss')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

type Pending = { kind: 'rotate' | 'delete'; endpoint: WebhookEndpoint } | null;

function EndpointCard({ endpoint, onEdit, onDeliveries, onAsk }: { endpoint: WebhookEndpoint; onEdit: () => void; onDeliveries: () => void; onAsk: (kind: 'rotate' | 'delete') => void }) {
  const { t } = useTranslation('webhooks');
  const queryClient = useQueryClient();
  const test = useMutation({
    mutationFn: () => api<WebhookDelivery>(`/api/v1/webhooks/${endpoint.id}/test`, { method: 'POST' }),
    meta: { inlineError: true },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['webhooks', endpoint.id, 'deliveries'] }),
  });
  const label = { url: endpoint.url };
  return (
    <Paper withBorder p="md" component="article" aria-label={endpoint.url}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={3} size="h4" style={{ overflowWrap: 'anywhere' }}>
              {endpoint.url}
            </Title>
            {endpoint.description ? <Text c="dimmed">{endpoint.description}</Text> : null}
          </Stack>
          <Badge color={endpoint.active ? 'teal.9' : 'gray.7'} variant="filled" tt="none">
            {endpoint.active ? t('state.active') : t('state.off')}
          </Badge>
        </Group>
        {endpoint.disabledReason === 'consecutive_failures' && endpoint.disabledAt ? (
          <Alert color="red" variant="light">
            {t('state.disabled', { at: formatDateTime(endpoint.disabledAt), count: endpoint.consecutiveFailures })}
          </Alert>
        ) : endpoint.consecutiveFailures > 0 ? (
          <Text size="sm" c="red.9">
            {t('state.failures', { count: endpoint.consecutiveFailures })}
          </Text>
        ) : null}
        <Text size="sm">
          {t('columns.events')}: {endpoint.events.map((e) => t(`events.${e}`)).join(' · ')}
        </Text>
        {test.isSuccess ? (
          <Alert color={test.data.status === 'succeeded' ? 'teal' : 'red'} role="status" variant="light">
            {test.data.status === 'succeeded'
              ? t('actions.testOk', { status: test.data.responseStatus ?? '' })
              : t('actions.testFailed', { detail: test.data.responseStatus !== null ? `HTTP ${test.data.responseStatus}` : (test.data.responseBody ?? '') })}
          </Alert>
        ) : null}
        {test.isError ? <ErrorAlert error={test.error} /> : null}
        <Group gap="xs" wrap="wrap">
          <Button size="xs" variant="default" onClick={onEdit} aria-label={t('actions.editLabel', label)}>
            {t('actions.edit')}
          </Button>
          <Button size="xs" variant="default" onClick={() => test.mutate()} loading={test.isPending} aria-label={t('actions.testLabel', label)}>
            {t('actions.test')}
          </Button>
          <Button size="xs" variant="default" onClick={onDeliveries} aria-label={t('actions.deliveriesLabel', label)}>
            {t('actions.deliveries')}
          </Button>
          <Button size="xs" variant="default" onClick={() => onAsk('rotate')} aria-label={t('actions.rotateLabel', label)}>
            {t('actions.rotate')}
          </Button>
          <Button size="xs" variant="default" color="red" onClick={() => onAsk('delete')} aria-label={t('actions.deleteLabel', label)}>
            {t('actions.delete')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** `/admin/webhooks`: outgoing webhooks — endpoints, their state, test events, secrets and the delivery log; admins only. */
export default function WebhooksPage() {
  const { t } = useTranslation('webhooks');
  const queryClient = useQueryClient();
  const endpoints = useQuery({ queryKey: webhooksKey, queryFn: () => api<ListPage<WebhookEndpoint>>('/api/v1/webhooks') });
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const confirm = useMutation({
    mutationFn: async (what: NonNullable<Pending>) => {
      if (what.kind === 'delete') {
        await api<null>(`/api/v1/webhooks/${what.endpoint.id}`, { method: 'DELETE' });
        return null;
      }
      return api<WebhookEndpoint & { secret: string }>(`/api/v1/webhooks/${what.endpoint.id}/secret`, { method: 'POST' });
    },
    meta: { inlineError: true },
    onSuccess: (result, what) => {
      setPending(null);
      void queryClient.invalidateQueries({ queryKey: webhooksKey });
      if (result) setSecret({ url: result.url, secret: result.secret });
      else {
        showSuccess(t('actions.deleted'));
        if (viewing === what.endpoint.id) setViewing(null);
      }
    },
  });
  const items = endpoints.data?.items ?? [];
  const editingEndpoint = items.find((e) => e.id === editing);
  const viewingEndpoint = items.find((e) => e.id === viewing);

  return (
    <Page title={t('title')} width={1000}>
      <Text>{t('intro')}</Text>
      {secret ? <SecretOnce shown={secret} onDismiss={() => setSecret(null)} /> : null}
      {endpoints.isPending ? <PageLoader /> : null}
      {endpoints.isError ? <ErrorAlert error={endpoints.error} onRetry={() => void endpoints.refetch()} /> : null}
      {endpoints.isSuccess && items.length === 0 ? <Text>{t('empty')}</Text> : null}
      <Stack>
        {items.map((endpoint) =>
          editingEndpoint?.id === endpoint.id ? (
            <EndpointForm key={endpoint.id} endpoint={endpoint} onDone={() => setEditing(null)} />
          ) : (
            <EndpointCard key={endpoint.id} endpoint={endpoint} onEdit={() => setEditing(endpoint.id)} onDeliveries={() => setViewing(endpoint.id)} onAsk={(kind) => setPending({ kind, endpoint })} />
          ),
        )}
      </Stack>
      {viewingEndpoint ? <DeliveriesPanel endpoint={viewingEndpoint} onClose={() => setViewing(null)} /> : null}
      <EndpointForm onCreated={(created) => setSecret({ url: created.url, secret: created.secret })} />
      <Modal opened={pending !== null} onClose={() => setPending(null)} title={pending ? (pending.kind === 'delete' ? t('actions.deleteLabel', { url: pending.endpoint.url }) : t('actions.rotateLabel', { url: pending.endpoint.url })) : ''}>
        <Stack>
          <Text>{pending?.kind === 'delete' ? t('actions.deleteConfirm') : t('actions.rotateConfirm')}</Text>
          {confirm.isError ? <ErrorAlert error={confirm.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPending(null)}>
              {t('form.cancel')}
            </Button>
            <Button color={pending?.kind === 'delete' ? 'red' : undefined} loading={confirm.isPending} onClick={() => pending && confirm.mutate(pending)}>
              {pending?.kind === 'delete' ? t('actions.delete') : t('actions.rotate')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}
