import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { groupsOfKind, useGroups } from '../groups/groups-api';
import { type FlowFilters, usePersonaFlow } from './personas-api';
import { type Cell, PERSONA_KEYS, type PersonaFlow, type PersonaKey } from './personas-types';
import classes from './personas.module.css';

// At least 3:1 contrast on white (WCAG 1.4.11); the table below carries the same figures for everyone.
const COLOURS: Record<PersonaKey, string> = { anchored: '#495057', loyal_fan: '#1864ab', cautious_mover: '#e8590c', job_hopper: '#2b8a3e', unknown: '#862e9c' };

function useCellText() {
  const { t } = useTranslation('personas');
  return (cell: Cell, min: number) => (cell === null ? t('flow.hidden', { min }) : String(cell));
}

/** People per persona per week as stacked bars (hidden counts left out), and the figures as a table. */
function Distribution({ flow }: { flow: PersonaFlow }) {
  const { t } = useTranslation('personas');
  const cellText = useCellText();
  const data = flow.weeks.map((week) => ({ label: formatDate(week.week), ...Object.fromEntries(PERSONA_KEYS.map((key) => [key, week.counts[key] ?? 0])) }));
  return (
    <Stack gap="xs" component="section" aria-labelledby="flow-distribution">
      <Title order={2} size="h3" id="flow-distribution">
        {t('flow.distribution')}
      </Title>
      {flow.weeks.length === 0 ? (
        <Text>{t('flow.noWeeks')}</Text>
      ) : (
        <>
          {/* The chart repeats the table for sighted readers; assistive technology reads the table. */}
          <div className={classes.chart} aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid stroke="#dee2e6" vertical={false} />
                <XAxis dataKey="label" tick={{ fontSize: 12, fill: '#495057' }} interval="preserveStartEnd" minTickGap={16} />
                <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#495057' }} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 13 }} />
                {PERSONA_KEYS.map((key) => (
                  <Bar key={key} dataKey={key} stackId="people" name={t(`names.${key}`)} fill={COLOURS[key]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details className={classes.details}>
            <summary className={classes.summary}>
              <Text span fw={600}>
                {t('flow.distributionTable')}
              </Text>
            </summary>
            <Table.ScrollContainer minWidth={560}>
              <Table striped withTableBorder>
                <caption className={classes.caption}>{t('flow.distributionCaption')}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('flow.week')}</Table.Th>
                    {PERSONA_KEYS.map((key) => (
                      <Table.Th key={key} scope="col" ta="right">
                        {t(`names.${key}`)}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {flow.weeks.map((week) => (
                    <Table.Tr key={week.week}>
                      <Table.Th scope="row" fw={400}>
                        {t('flow.weekOf', { date: formatDate(week.week) })}
                      </Table.Th>
                      {PERSONA_KEYS.map((key) => (
                        <Table.Td key={key} ta="right">
                          {cellText(week.counts[key], flow.minGroupSize)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </details>
        </>
      )}
    </Stack>
  );
}

/** From (rows) → to (columns): how many people moved, hidden below the minimum group size. */
function Transitions({ flow }: { flow: PersonaFlow }) {
  const { t } = useTranslation('personas');
  const cellText = useCellText();
  const rows = PERSONA_KEYS.filter((from) => flow.transitions.some((cell) => cell.from === from));
  const countOf = (from: PersonaKey, to: PersonaKey) => flow.transitions.find((cell) => cell.from === from && cell.to === to)?.count ?? null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="flow-transitions">
      <Title order={2} size="h3" id="flow-transitions">
        {t('flow.transitions')}
      </Title>
      <Text size="sm">{t('flow.transitionsIntro')}</Text>
      {rows.length === 0 ? (
        <Text>{t('flow.noTransitions')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder withColumnBorders>
            <caption className={classes.caption}>{t('flow.transitionsCaption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('flow.fromPersona')}</Table.Th>
                {PERSONA_KEYS.map((key) => (
                  <Table.Th key={key} scope="col" ta="right">
                    {t(`names.${key}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((from) => (
                <Table.Tr key={from}>
                  <Table.Th scope="row" fw={600}>
                    {t(`names.${from}`)}
                  </Table.Th>
                  {PERSONA_KEYS.map((to) => (
                    <Table.Td key={to} ta="right" fw={from === to ? 400 : 600}>
                      {cellText(countOf(from, to), flow.minGroupSize)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** `/personas/flow`: the persona flow report for programme staff (aggregates of 5 or more people only). */
export default function PersonaFlowPage() {
  const { t } = useTranslation('personas');
  const person = useCurrentPerson();
  const groups = useGroups();
  const [draft, setDraft] = useState<FlowFilters>({ from: '', to: '', department: '' });
  const [filters, setFilters] = useState<FlowFilters>(draft);
  const flow = usePersonaFlow(filters);
  const recompute = useMutation({
    mutationFn: () => api<{ people: number; changed: number }>('/api/v1/personas/recompute', { method: 'POST' }),
    onSuccess: () => void flow.refetch(),
    onError: notifyError,
    meta: { inlineError: true },
  });
  const departments = groupsOfKind(groups.data, 'department');
  const isAdmin = hasAnyRole(person, ['admin']);

  return (
    <Page
      title={t('flow.title')}
      actions={
        isAdmin ? (
          <Button variant="default" onClick={() => recompute.mutate()} loading={recompute.isPending}>
            {t('flow.recompute')}
          </Button>
        ) : null
      }
    >
      <Text>{t('flow.intro', { min: flow.data?.minGroupSize ?? 5 })}</Text>
      {recompute.data ? (
        <Alert color="teal" role="status">
          {t('flow.recomputed', { people: recompute.data.people, changed: recompute.data.changed })}
        </Alert>
      ) : null}
      <Paper withBorder p="md" component="form" onSubmit={(event) => {
        event.preventDefault();
        setFilters(draft);
      }}>
        <SimpleGrid cols={{ base: 1, sm: 4 }} verticalSpacing="sm">
          <TextInput type="date" label={t('flow.from')} value={draft.from} onChange={(event) => setDraft({ ...draft, from: event.currentTarget.value })} />
          <TextInput type="date" label={t('flow.to')} value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.currentTarget.value })} />
          <NativeSelect
            label={t('flow.department')}
            value={draft.department}
            onChange={(event) => setDraft({ ...draft, department: event.currentTarget.value })}
            data={[{ value: '', label: t('flow.allDepartments') }, ...departments.map((group) => ({ value: group.id, label: group.name }))]}
          />
          <Group align="flex-end">
            <Button type="submit" mih={44}>
              {t('flow.apply')}
            </Button>
          </Group>
        </SimpleGrid>
      </Paper>
      {flow.isPending ? <PageLoader /> : null}
      {flow.isError ? <ErrorAlert error={flow.error} onRetry={() => void flow.refetch()} /> : null}
      {flow.data ? (
        <Stack gap="lg">
          <Text fw={600}>
            {flow.data.department ? `${flow.data.department.name} · ` : ''}
            {t('flow.period', { from: formatDate(flow.data.from), to: formatDate(flow.data.to) })}
          </Text>
          {flow.data.groupTooSmall ? (
            <Alert color="gray">{t('flow.groupTooSmall', { min: flow.data.minGroupSize })}</Alert>
          ) : (
            <>
              {flow.data.suppressed ? <Text size="sm" c="gray.7">{t('flow.suppressedNote', { min: flow.data.minGroupSize })}</Text> : null}
              <Distribution flow={flow.data} />
              <Transitions flow={flow.data} />
            </>
          )}
        </Stack>
      ) : null}
    </Page>
  );
}
