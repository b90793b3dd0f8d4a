import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import classes from '../../app/app.module.css';
import { ListQueryStatus, Page } from '../../app/page';
import { api, type Page as ListPage, query } from '../../lib/api';
import { formatDateTime } from '../../lib/format';

interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  token: { id: string; name: string } | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Only the fields that changed, so a long record does not hide the one edit. */
function changedOnly(before: unknown, after: unknown): { before: unknown; after: unknown } {
  if (!isRecord(before) || !isRecord(after)) return { before, after };
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of keys) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    if (key in before) b[key] = before[key];
    if (key in after) a[key] = after[key];
  }
  return { before: b, after: a };
}

function Json({ value }: { value: unknown }) {
  return (
    <Text component="pre" ff="monospace" size="xs" className={classes.preWrap}>
      {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
    </Text>
  );
}

/** `/admin/audit`: who did what, when, with before/after of the change. */
export default function AuditPage() {
  const { t } = useTranslation();
  const [action, setAction] = useState('');
  const [debouncedAction] = useDebouncedValue(action.trim(), 300);
  const audit = useInfiniteQuery({
    queryKey: ['audit-log', debouncedAction],
    queryFn: ({ pageParam, signal }) =>
      api<ListPage<AuditEntry>>(
        `/api/v1/audit-log${query({ action: debouncedAction, limit: 50, cursor: pageParam })}`,
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const entries = audit.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Page title={t('audit.title')}>
      <search aria-label={t('audit.filterLabel')}>
        <TextInput
          label={t('audit.action')}
          description={t('audit.actionHelp')}
          value={action}
          onChange={(event) => setAction(event.currentTarget.value)}
          maw={360}
        />
      </search>
      <ListQueryStatus query={audit} summary={t('audit.shown', { count: entries.length })} />
      {entries.length > 0 ? (
        <Table.ScrollContainer minWidth={760} type="native">
          <Table verticalSpacing="sm">
            <Table.Caption>{t('audit.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audit.columns.when')}</Table.Th>
                <Table.Th scope="col">{t('audit.columns.who')}</Table.Th>
                <Table.Th scope="col">{t('audit.columns.action')}</Table.Th>
                <Table.Th scope="col">{t('audit.columns.subject')}</Table.Th>
                <Table.Th scope="col">{t('audit.columns.changes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => {
                const diff = changedOnly(entry.before, entry.after);
                const hasChanges = entry.before != null || entry.after != null;
                return (
                  <Table.Tr key={entry.id} style={{ verticalAlign: 'top' }}>
                    <Table.Td>{formatDateTime(entry.at)}</Table.Td>
                    <Table.Td>
                      {entry.actor
                        ? entry.actor.name
                        : entry.token
                          ? t('audit.viaToken', { name: entry.token.name })
                          : t('audit.system')}
                    </Table.Td>
                    <Table.Td>
                      <Text component="code" ff="monospace" size="sm">
                        {entry.action}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      {entry.subjectType} {entry.subjectId}
                    </Table.Td>
                    <Table.Td>
                      {hasChanges ? (
                        <details>
                          <summary>{t('audit.showChanges')}</summary>
                          <Stack gap={4} mt="xs">
                            <Text size="sm" fw={600}>
                              {t('audit.before')}
                            </Text>
                            <Json value={diff.before} />
                            <Text size="sm" fw={600}>
                              {t('audit.after')}
                            </Text>
                            <Json value={diff.after} />
                          </Stack>
                        </details>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {audit.hasNextPage ? (
        <Group justify="center">
          <Button
            variant="default"
            onClick={() => void audit.fetchNextPage()}
            loading={audit.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      ) : null}
    </Page>
  );
}
