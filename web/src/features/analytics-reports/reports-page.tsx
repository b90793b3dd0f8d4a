import { ActionIcon, Button, Group, MultiSelect, Paper, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api, type Page as ListPage, query } from '../../lib/api';
import { showSuccess } from '../../lib/toast';
import type { Group as PodiumGroup, Person } from '../../lib/types';
import { ScrollTable } from '../leaderboards/scroll-table';

interface ScheduledReport {
  id: string;
  name: string;
  frequency: 'weekly' | 'monthly';
  filters: Record<string, string>;
  recipients: { id: string; name: string; email: string }[];
  language: 'nl' | 'en';
  lastPeriod: string | null;
  nextPeriod: string;
}

const reportsKey = ['analytics', 'reports'];

/** The people who may receive a report: admins and editors (the ones who can read the dashboards). */
function useRecipientChoices() {
  return useQuery({
    queryKey: ['people', 'report-recipients'],
    queryFn: async () => {
      const [editors, admins] = await Promise.all(
        (['editor', 'admin'] as const).map((role) => api<ListPage<Person>>(`/api/v1/people${query({ role, active: true, limit: 200 })}`)),
      );
      const byId = new Map([...(editors?.items ?? []), ...(admins?.items ?? [])].map((p) => [p.id, p]));
      return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name)).map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }));
    },
  });
}

function NewReportForm() {
  const { t } = useTranslation('analyticsReports');
  const queryClient = useQueryClient();
  const recipients = useRecipientChoices();
  const departments = useQuery({ queryKey: ['groups', 'department'], queryFn: () => api<ListPage<PodiumGroup>>('/api/v1/groups?kind=department') });
  const [name, setName] = useState('');
  const [frequency, setFrequency] = useState<'weekly' | 'monthly'>('weekly');
  const [language, setLanguage] = useState<'nl' | 'en'>('en');
  const [recipientIds, setRecipientIds] = useState<string[]>([]);
  const [department, setDepartment] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api<ScheduledReport>('/api/v1/analytics/reports', {
        method: 'POST',
        json: { name: name.trim(), frequency, language, recipientIds, filters: department ? { department } : {} },
      }),
    meta: { inlineError: true },
    onSuccess: () => {
      setName('');
      setRecipientIds([]);
      setDepartment(null);
      void queryClient.invalidateQueries({ queryKey: reportsKey });
      showSuccess(t('created'));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-report">
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3" id="new-report">
            {t('new')}
          </Title>
          <TextInput label={t('name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={120} />
          <Group grow wrap="wrap" align="flex-start">
            <Select
              label={t('frequency')}
              value={frequency}
              onChange={(v) => setFrequency(v === 'monthly' ? 'monthly' : 'weekly')}
              data={[
                { value: 'weekly', label: t('weekly') },
                { value: 'monthly', label: t('monthly') },
              ]}
              allowDeselect={false}
            />
            <Select
              label={t('language')}
              value={language}
              onChange={(v) => setLanguage(v === 'nl' ? 'nl' : 'en')}
              data={[
                { value: 'en', label: t('languages.en') },
                { value: 'nl', label: t('languages.nl') },
              ]}
              allowDeselect={false}
            />
          </Group>
          <MultiSelect label={t('recipients')} description={t('recipientsHelp')} data={recipients.data ?? []} value={recipientIds} onChange={setRecipientIds} searchable required />
          <Select
            label={t('department')}
            placeholder={t('anyDepartment')}
            data={(departments.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
            value={department}
            onChange={setDepartment}
            clearable
            searchable
          />
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          <Group>
            <Button type="submit" loading={create.isPending} disabled={name.trim() === '' || recipientIds.length === 0}>
              {t('create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** `/analytics/reports`: the key figures mailed weekly or monthly to chosen admins and editors. */
export default function ReportsPage() {
  const { t } = useTranslation('analyticsReports');
  const queryClient = useQueryClient();
  const reports = useQuery({ queryKey: reportsKey, queryFn: () => api<ListPage<ScheduledReport>>('/api/v1/analytics/reports') });
  const remove = useMutation({
    mutationFn: (id: string) => api<null>(`/api/v1/analytics/reports/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: reportsKey });
      showSuccess(t('deleted'));
    },
  });
  const items = reports.data?.items ?? [];

  return (
    <Page title={t('title')} width={960}>
      <Text>{t('intro')}</Text>
      {reports.isPending ? <PageLoader /> : null}
      {reports.isError ? <ErrorAlert error={reports.error} onRetry={() => void reports.refetch()} /> : null}
      {reports.isSuccess && items.length === 0 ? <Text>{t('empty')}</Text> : null}
      {items.length > 0 ? (
        <ScrollTable label={t('title')} minWidth={600}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('columns.name')}</Table.Th>
                <Table.Th scope="col">{t('columns.frequency')}</Table.Th>
                <Table.Th scope="col">{t('columns.recipients')}</Table.Th>
                <Table.Th scope="col">{t('columns.lastPeriod')}</Table.Th>
                <Table.Th scope="col">{t('columns.nextPeriod')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('columns.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((report) => (
                <Table.Tr key={report.id}>
                  <Table.Th scope="row" fw={600}>
                    {report.name}
                  </Table.Th>
                  <Table.Td>{report.frequency === 'weekly' ? t('weekly') : t('monthly')}</Table.Td>
                  <Table.Td>{report.recipients.map((r) => r.name).join(', ')}</Table.Td>
                  <Table.Td>{report.lastPeriod ?? t('never')}</Table.Td>
                  <Table.Td>{report.nextPeriod}</Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={t('delete', { name: report.name })} onClick={() => remove.mutate(report.id)} loading={remove.isPending && remove.variables === report.id}>
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : null}
      <NewReportForm />
    </Page>
  );
}
