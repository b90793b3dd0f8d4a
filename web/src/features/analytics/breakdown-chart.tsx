import { Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { ErrorAlert, PageLoader } from '../../app/page';
import { formatDate } from '../../lib/format';
import figureClasses from '../../lib/figures-table.module.css';
import { analyticsUrl, BREAKDOWN_PATH, filterParams, useBreakdown, type ViewState } from './analytics-api';
import { BREAKDOWN_METRICS, type BreakdownFigures, type BreakdownMetric, type BreakdownRow, MIN_GROUP, metricOf } from './analytics-types';
import { CsvLink } from './csv-link';
import { useFormat } from './format';

const COLOUR = '#1864ab';

/** A row's name in the reader's language: personas, formats and networks by their key, the rest as the API names them. */
function useRowLabel(by: ViewState['by']) {
  const { t } = useTranslation('analytics');
  return (row: BreakdownRow): string => {
    if (row.key === null) return t('breakdowns.none');
    if (by === 'persona') return t(`names.${row.key as 'unknown'}`, { ns: 'personas', defaultValue: row.label ?? row.key });
    if (by === 'format') return t(`format.${row.key as 'news'}`, { ns: 'editorial', defaultValue: row.label ?? row.key });
    if (by === 'network') return t(`networks.${row.key as 'link'}`, { ns: 'impact', defaultValue: row.label ?? row.key });
    return row.label ?? row.key;
  };
}

/** The breakdown by one dimension: a bar per group for the chosen figure, every figure in the table (and CSV). */
export function BreakdownChart({ state }: { state: ViewState }) {
  const { t } = useTranslation('analytics');
  const { number } = useFormat();
  const [metric, setMetric] = useState<BreakdownMetric>('humanClicks');
  const breakdown = useBreakdown(state.filters, state.by);
  const rowLabel = useRowLabel(state.by);
  const captionId = useId();
  const rows = breakdown.data?.rows ?? [];
  const dimension = t(`dimension.${state.by}`);
  const metricLabel = t(`metrics.${metric}`);
  const shown = rows.filter((row) => !row.suppressed).map((row) => ({ name: rowLabel(row), value: metricOf(row, metric) ?? 0 }));
  const suppressedCount = rows.filter((row) => row.suppressed).length;
  const cell = (value: number | null, suppressed: boolean) => (suppressed || value === null ? t('suppressed', { min: MIN_GROUP }) : number(value));
  const columns = BREAKDOWN_METRICS.map((key) => ({ key, label: t(`metrics.${key}`) }));
  const figures = (row: BreakdownFigures, suppressed: boolean) => columns.map((column) => cell(metricOf(row, column.key), suppressed));
  const csvUrl = analyticsUrl(BREAKDOWN_PATH, { ...filterParams(state.filters), by: state.by }, true);
  const chartTitle = t('breakdowns.chartTitle', { metric: metricLabel, dimension });
  return (
    <Stack gap="xs" component="section" aria-labelledby="analytics-breakdown">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={2} size="h3" id="analytics-breakdown">
          {chartTitle}
        </Title>
        <CsvLink href={csvUrl} name={chartTitle} />
      </Group>
      <NativeSelect
        label={t('breakdowns.metric')}
        value={metric}
        onChange={(event) => setMetric(event.currentTarget.value as BreakdownMetric)}
        data={columns.map((column) => ({ value: column.key, label: column.label }))}
        maw={360}
      />
      {breakdown.isPending ? <PageLoader /> : null}
      {breakdown.isError ? <ErrorAlert error={breakdown.error} onRetry={() => void breakdown.refetch()} /> : null}
      {breakdown.data && rows.length === 0 ? <Text>{t('breakdowns.empty')}</Text> : null}
      {suppressedCount > 0 ? (
        <Text size="sm" c="gray.8">
          {t('breakdowns.suppressedNote', { min: MIN_GROUP })}
        </Text>
      ) : null}
      {shown.length > 0 ? (
        // The chart repeats the table below for sighted readers; assistive technology reads the table.
        <div aria-hidden="true" style={{ width: '100%', height: Math.max(160, 40 + shown.length * 36) }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={shown} layout="vertical" margin={{ top: 8, right: 56, bottom: 0, left: 8 }}>
              <CartesianGrid stroke="#dee2e6" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12, fill: '#495057' }} />
              <YAxis type="category" dataKey="name" width={120} tick={{ fontSize: 12, fill: '#212529' }} />
              <Bar dataKey="value" name={metricLabel} fill={COLOUR} isAnimationActive={false} radius={[0, 3, 3, 0]}>
                <LabelList dataKey="value" position="right" formatter={(value: unknown) => number(Number(value))} style={{ fontSize: 12, fill: '#212529' }} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      ) : null}
      {breakdown.data && rows.length > 0 ? (
        <details className={figureClasses.details}>
          <summary className={figureClasses.summary}>
            <Text span fw={600}>
              {t('breakdowns.table', { dimension })}
            </Text>
          </summary>
          <Table.ScrollContainer minWidth={640}>
            <Table striped withTableBorder aria-describedby={captionId}>
              <caption id={captionId} className={figureClasses.caption}>
                {t('breakdowns.caption', { dimension, from: formatDate(breakdown.data.period.from), to: formatDate(breakdown.data.period.to) })}
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('breakdowns.column.label')}</Table.Th>
                  {columns.map((column) => (
                    <Table.Th key={column.key} scope="col" ta="right">
                      {column.label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.key ?? ''}>
                    <Table.Th scope="row" fw={400}>
                      {rowLabel(row)}
                    </Table.Th>
                    {figures(row, row.suppressed).map((value, i) => (
                      <Table.Td key={columns[i]?.key} ta="right">
                        {value}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row">{t('breakdowns.total')}</Table.Th>
                  {figures(breakdown.data.totals, breakdown.data.totals.suppressed).map((value, i) => (
                    <Table.Td key={columns[i]?.key} ta="right" fw={700}>
                      {value}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        </details>
      ) : null}
    </Stack>
  );
}
