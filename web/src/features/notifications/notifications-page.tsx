import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { type NotificationItem, useMarkAllRead, useMarkRead, useNotifications } from './notifications-api';

/** `/notifications`: my latest notifications, newest first; opening one marks it read. */
export default function NotificationsPage() {
  const { t } = useTranslation('notifications');
  const list = useNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead(() => notifySuccess(t('list.allRead')));
  const navigate = useNavigate();

  const open = (item: NotificationItem) => {
    if (!item.readAt) markRead.mutate(item.id, { onError: notifyError });
    if (item.url) void navigate(item.url);
  };

  const unread = list.data?.unreadCount ?? 0;
  return (
    <Page
      title={t('list.title')}
      width={720}
      actions={
        unread > 0 ? (
          <Button variant="default" onClick={() => markAll.mutate(undefined, { onError: notifyError })} loading={markAll.isPending}>
            {t('list.markAllRead')}
          </Button>
        ) : null
      }
    >
      {list.isPending ? <PageLoader /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Text role="status" aria-live="polite" c="gray.8">
        {list.data ? t('list.summary', { count: list.data.items.length, unread }) : ''}
      </Text>
      {list.data && list.data.items.length === 0 ? <Text>{t('list.empty')}</Text> : null}
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {list.data?.items.map((item) => (
          <Paper component="li" key={item.id} withBorder p="md" bg={item.readAt ? undefined : 'blue.0'}>
            <Stack gap={6}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
                  {item.title}
                </Title>
                {item.readAt ? null : (
                  <Badge color="blue.8" variant="filled" style={{ flexShrink: 0 }}>
                    {t('list.unread')}
                  </Badge>
                )}
              </Group>
              <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{item.body}</Text>
              <Text size="sm" c="gray.8">
                <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
              </Text>
              <Group gap="sm">
                {item.url ? (
                  <Button size="sm" onClick={() => open(item)} aria-label={`${t('list.open')}: ${item.title}`}>
                    {t('list.open')}
                  </Button>
                ) : null}
                {item.readAt ? null : (
                  <Button
                    size="sm"
                    variant="default"
                    onClick={() => markRead.mutate(item.id, { onError: notifyError })}
                    aria-label={`${t('list.markRead')}: ${item.title}`}
                  >
                    {t('list.markRead')}
                  </Button>
                )}
              </Group>
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Page>
  );
}
