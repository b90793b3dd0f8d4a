import { Alert, Anchor, Paper, SegmentedControl, Stack, Switch, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { ApiError, api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { showSuccess } from '../../lib/toast';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import type { Leaderboard } from './leaderboard-types';
import { ScrollTable } from './scroll-table';

const perMember = (n: number) => n.toLocaleString(undefined, { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** Admins switch leaderboards on or off for the organisation (off by default). */
function LeaderboardSetting() {
  const { t } = useTranslation('leaderboards');
  const queryClient = useQueryClient();
  const setting = useQuery({ queryKey: ['settings', 'leaderboards'], queryFn: () => api<{ enabled: boolean }>('/api/v1/settings/leaderboards') });
  const save = useMutation({
    mutationFn: (enabled: boolean) => api<{ enabled: boolean }>('/api/v1/settings/leaderboards', { method: 'PUT', json: { enabled } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings', 'leaderboards'], saved);
      void queryClient.invalidateQueries({ queryKey: ['leaderboard'] });
      showSuccess(saved.enabled ? t('settingOn') : t('settingOff'));
    },
  });
  if (!setting.data) return null;
  return (
    <Paper withBorder p="md">
      <Switch
        label={t('settingLabel')}
        description={t('settingHelp')}
        checked={save.isPending ? save.variables : setting.data.enabled}
        onChange={(event) => {
          if (!save.isPending) save.mutate(event.currentTarget.checked);
        }}
      />
    </Paper>
  );
}

/** `/leaderboard`: teams or departments ranked per active ambassador; only colleagues who opted in appear. */
export default function LeaderboardPage() {
  const { t } = useTranslation('leaderboards');
  const person = useCurrentPerson();
  const [by, setBy] = useState<'team' | 'department'>('team');
  const board = useQuery({
    queryKey: ['leaderboard', by],
    queryFn: () => api<Leaderboard>(`/api/v1/analytics/leaderboard?by=${by}`),
    retry: false,
  });
  const refusal = board.error instanceof ApiError && (board.error.code === 'leaderboards_off' || board.error.code === 'leaderboard_not_for_you') ? board.error : null;
  const data = board.data;

  return (
    <Page title={t('title')} width={960}>
      <Text>{t('intro')}</Text>
      {hasAnyRole(person, ['admin']) ? <LeaderboardSetting /> : null}
      <Stack gap={4}>
        <Text fw={600} id="leaderboard-by">
          {t('by')}
        </Text>
        <SegmentedControl
          aria-labelledby="leaderboard-by"
          value={by}
          onChange={(value) => setBy(value === 'department' ? 'department' : 'team')}
          data={[
            { value: 'team', label: t('byTeam') },
            { value: 'department', label: t('byDepartment') },
          ]}
          size="md"
        />
      </Stack>
      {board.isPending ? <PageLoader /> : null}
      {refusal ? (
        <Alert color="blue" title={refusal.code === 'leaderboards_off' ? t('offTitle') : t('notForYouTitle')}>
          {refusal.message}
        </Alert>
      ) : null}
      {board.isError && !refusal ? <ErrorAlert error={board.error} onRetry={() => void board.refetch()} /> : null}
      {data ? (
        <Stack>
          {data.me ? (
            <Text>
              {data.me.optedIn ? t('onIt') : t('notOnIt')}{' '}
              <Anchor component={Link} to="/profile">
                {t('toProfile')}
              </Anchor>
            </Text>
          ) : null}
          {data.rows.length > 0 ? (
            <Anchor href={`/api/v1/analytics/leaderboard?by=${data.by}&from=${data.period.from}&to=${data.period.to}&format=csv`} download>
              {t('downloadCsv')}
            </Anchor>
          ) : null}
          {data.rows.length === 0 ? (
            <Text>{t('empty')}</Text>
          ) : (
            <ScrollTable label={t('title')} minWidth={560}>
              <Table striped withTableBorder>
                <caption>{t('period', { from: formatDate(data.period.from), to: formatDate(data.period.to) })}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('columns.rank')}</Table.Th>
                    <Table.Th scope="col">{t('columns.group')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('columns.sharesPerMember')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('columns.clicksPerMember')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('columns.participants')}
                    </Table.Th>
                    <Table.Th scope="col">{t('columns.people')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.rows.map((row) => (
                    <Table.Tr key={row.group.id}>
                      <Table.Td>{row.rank}</Table.Td>
                      <Table.Th scope="row" fw={600}>
                        {row.group.name}
                      </Table.Th>
                      <Table.Td ta="right">{perMember(row.sharesPerMember)}</Table.Td>
                      <Table.Td ta="right">{perMember(row.clicksPerMember)}</Table.Td>
                      <Table.Td ta="right">{t('participantsOf', { participants: row.participants, members: row.members })}</Table.Td>
                      <Table.Td>{row.people.map((p) => p.name).join(', ')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </Stack>
      ) : null}
    </Page>
  );
}
