import { Badge, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, PageLoader } from '../../app/page';
import { api, type Page as ListPage, query } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { showSuccess } from '../../lib/toast';
import { ScrollTable } from '../leaderboards/scroll-table';
import type { WebhookDelivery, WebhookEndpoint } from './types';

// Dark shades keep white badge text above 4.5:1.
const statusColor = { pending: 'gray.7', succeeded: 'teal.9', failed: 'red.9' } as const;

/** The delivery log of one endpoint, newest first, with "send again". */
export function DeliveriesPanel({ endpoint, onClose }: { endpoint: WebhookEndpoint; onClose: () => void }) {
  const { t } = useTranslation('webhooks');
  const headingId = useId();
  const queryClient = useQueryClient();
  const key = ['webhooks', endpoint.id, 'deliveries'];
  const deliveries = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => api<ListPage<WebhookDelivery>>(`/api/v1/webhooks/${endpoint.id}/deliveries${query({ limit: 25, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const replay = useMutation({
    mutationFn: (id: string) => api<WebhookDelivery>(`/api/v1/webhooks/deliveries/${id}/replay`, { method: 'POST' }),
    meta: { inlineError: true },
    onSuccess: () => {
      showSuccess(t('deliveries.replayed'));
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const items = deliveries.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id={headingId} style={{ overflowWrap: 'anywhere' }}>
            {t('deliveries.title', { url: endpoint.url })}
          </Title>
          <Button variant="default" size="xs" onClick={onClose}>
            {t('deliveries.close')}
          </Button>
        </Group>
        {deliveries.isPending ? <PageLoader /> : null}
        {deliveries.isError ? <ErrorAlert error={deliveries.error} onRetry={() => void deliveries.refetch()} /> : null}
        {replay.isError ? <ErrorAlert error={replay.error} /> : null}
        {deliveries.isSuccess && items.length === 0 ? <Text>{t('deliveries.empty')}</Text> : null}
        {items.length > 0 ? (
          <ScrollTable label={t('deliveries.title', { url: endpoint.url })} minWidth={760}>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('deliveries.created')}</Table.Th>
                  <Table.Th scope="col">{t('deliveries.event')}</Table.Th>
                  <Table.Th scope="col">{t('deliveries.status')}</Table.Th>
                  <Table.Th scope="col">{t('deliveries.attempts')}</Table.Th>
                  <Table.Th scope="col">{t('deliveries.response')}</Table.Th>
                  <Table.Th scope="col">{t('deliveries.duration')}</Table.Th>
                  <Table.Th scope="col">{t('columns.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((delivery) => (
                  <Table.Tr key={delivery.id}>
                    <Table.Th scope="row" fw={400}>
                      {formatDateTime(delivery.createdAt)}
                      {delivery.replayOf ? (
                        <Text size="xs" c="dimmed">
                          {t('deliveries.replayOf')}
                        </Text>
                      ) : null}
                    </Table.Th>
                    <Table.Td>
                      <Code>{delivery.event}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[delivery.status]} variant="filled" tt="none">
                        {t(`deliveries.statuses.${delivery.status}`)}
                      </Badge>
                      {delivery.status === 'pending' && delivery.nextAttemptAt ? (
                        <Text size="xs" c="dimmed">
                          {t('deliveries.nextAttempt', { at: formatDateTime(delivery.nextAttemptAt) })}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{delivery.attempts}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{delivery.responseStatus !== null ? `HTTP ${delivery.responseStatus}` : t('deliveries.noResponse')}</Text>
                      {delivery.responseBody ? (
                        <details>
                          <summary>{t('deliveries.showBody')}</summary>
                          <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxWidth: 360 }}>
                            {delivery.responseBody}
                          </Code>
                        </details>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{delivery.durationMs !== null ? t('deliveries.ms', { ms: delivery.durationMs }) : '–'}</Table.Td>
                    <Table.Td>
                      {delivery.status !== 'pending' ? (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => replay.mutate(delivery.id)}
                          loading={replay.isPending && replay.variables === delivery.id}
                          aria-label={t('deliveries.replayLabel', { at: formatDateTime(delivery.createdAt) })}
                        >
                          {t('deliveries.replay')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        ) : null}
        {deliveries.hasNextPage ? (
          <Group>
            <Button variant="default" onClick={() => void deliveries.fetchNextPage()} loading={deliveries.isFetchingNextPage}>
              {t('deliveries.more')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
