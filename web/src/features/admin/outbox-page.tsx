import { Accordion, Button, Group, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import classes from '../../app/app.module.css';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api, type Page as ListPage, query } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { LinkifiedText } from '../../lib/linkified-text';

interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

/** `/admin/outbox`: the mails Podium sent (or would send), newest first, as plain text. */
export default function OutboxPage() {
  const { t } = useTranslation();
  const outbox = useInfiniteQuery({
    queryKey: ['outbox'],
    queryFn: ({ pageParam, signal }) =>
      api<ListPage<OutboxMail>>(`/api/v1/outbox${query({ limit: 25, cursor: pageParam })}`, {
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const mails = outbox.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Page
      title={t('outbox.title')}
      width={900}
      actions={
        <Button variant="default" onClick={() => void outbox.refetch()} loading={outbox.isRefetching}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Text>{t('outbox.intro')}</Text>
      {outbox.isPending ? <PageLoader /> : null}
      {outbox.isError ? <ErrorAlert error={outbox.error} onRetry={() => void outbox.refetch()} /> : null}
      {outbox.isSuccess && mails.length === 0 ? <Text>{t('outbox.empty')}</Text> : null}
      {mails.length > 0 ? (
        <Accordion variant="separated" order={2} multiple>
          {mails.map((mail) => (
            <Accordion.Item key={mail.id} value={mail.id}>
              <Accordion.Control>
                {/* Only phrasing content inside the button: spans shown as blocks. */}
                <Text component="span" display="block" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {mail.subject}
                </Text>
                <Text
                  component="span"
                  display="block"
                  size="sm"
                  c="gray.8"
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {t('outbox.meta', { to: mail.to, time: formatDateTime(mail.createdAt) })}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <Text component="pre" ff="monospace" size="sm" className={classes.preWrap}>
                  <LinkifiedText text={mail.text} />
                </Text>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      ) : null}
      {outbox.hasNextPage ? (
        <Group justify="center">
          <Button
            variant="default"
            onClick={() => void outbox.fetchNextPage()}
            loading={outbox.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      ) : null}
    </Page>
  );
}
