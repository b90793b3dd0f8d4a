import { Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorAlert, PageLoader } from '../../app/page';
import { formatDate } from '../../lib/format';
import { FiguresTable } from '../../lib/figures-table';
import { analyticsUrl, filterParams, TIMESERIES_PATH, useTimeseries, type ViewState } from './analytics-api';
import classes from './analytics.module.css';
import { INTERVALS, type Interval, MIN_GROUP } from './analytics-types';
import { CsvLink } from './csv-link';
import { useFormat } from './format';

// At least 3:1 contrast on white (WCAG 1.4.11), told apart by shape too (bars, solid, dashed and dotted lines).
const COLOURS = { shares: '#1864ab', humanClicks: '#c2255c', visitors: '#2b8a3e', previous: '#495057' };

/** Shares, clicks and visitors per day, week or month, the previous period's clicks alongside; the figures as a table and CSV. */
export function TimeseriesChart({ state, onInterval }: { state: ViewState; onInterval: (interval: Interval) => void }) {
  const { t } = useTranslation('analytics');
  const { number } = useFormat();
  const series = useTimeseries(state.filters, state.interval);
  const points = series.data?.points ?? [];
  const previous = series.data?.previous ?? null;
  const labels = {
    shares: t('metrics.shares'),
    humanClicks: t('metrics.humanClicks'),
    visitors: t('metrics.visitors'),
    applications: t('metrics.applications'),
    hires: t('metrics.hires'),
    previous: t('series.previousClicks'),
  };
  const data = points.map((point, i) => ({ ...point, label: formatDate(point.start), previousClicks: previous?.[i]?.humanClicks ?? null }));
  const totals = points.reduce((sum, point) => ({ shares: sum.shares + point.shares, clicks: sum.clicks + point.humanClicks }), { shares: 0, clicks: 0 });
  const csvUrl = analyticsUrl(TIMESERIES_PATH, { ...filterParams(state.filters), interval: state.interval }, true);
  return (
    <Stack gap="xs" component="section" aria-labelledby="analytics-series">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={2} size="h3" id="analytics-series">
          {t('series.title')}
        </Title>
        <CsvLink href={csvUrl} name={t('series.title')} />
      </Group>
      <Stack gap={4}>
        <Text fw={600} size="sm" id="analytics-interval">
          {t('filters.interval')}
        </Text>
        <SegmentedControl
          aria-labelledby="analytics-interval"
          value={state.interval}
          onChange={(value) => onInterval(value as Interval)}
          data={INTERVALS.map((interval) => ({ value: interval, label: t(`interval.${interval}`) }))}
          size="md"
        />
      </Stack>
      {series.isPending ? <PageLoader /> : null}
      {series.isError ? <ErrorAlert error={series.error} onRetry={() => void series.refetch()} /> : null}
      {series.data?.suppressed ? <Text>{t('series.suppressed', { min: MIN_GROUP })}</Text> : null}
      {series.data && !series.data.suppressed && points.length === 0 ? <Text>{t('series.empty')}</Text> : null}
      {points.length > 0 ? (
        <>
          <Text c="gray.8">{t('series.summary', { count: points.length, shares: number(totals.shares), clicks: number(totals.clicks) })}</Text>
          {/* The chart repeats the table below for sighted readers; assistive technology reads the table. */}
          <div className={classes.chart} aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 0, bottom: 0, left: -8 }}>
                <CartesianGrid stroke="#dee2e6" vertical={false} />
                <XAxis dataKey="label" tick={{ fontSize: 12, fill: '#495057' }} interval="preserveStartEnd" minTickGap={16} />
                <YAxis yAxisId="clicks" allowDecimals={false} tick={{ fontSize: 12, fill: '#495057' }} />
                {/* Shares are far fewer than clicks: their own scale on the right keeps the bars readable. */}
                <YAxis yAxisId="shares" orientation="right" allowDecimals={false} tick={{ fontSize: 12, fill: COLOURS.shares }} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 13 }} />
                <Bar yAxisId="shares" dataKey="shares" name={labels.shares} fill={COLOURS.shares} radius={[3, 3, 0, 0]} isAnimationActive={false} />
                <Line yAxisId="clicks" dataKey="humanClicks" name={labels.humanClicks} stroke={COLOURS.humanClicks} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
                <Line yAxisId="clicks" dataKey="visitors" name={labels.visitors} stroke={COLOURS.visitors} strokeWidth={2} strokeDasharray="6 3" dot={{ r: 2 }} isAnimationActive={false} />
                {previous ? (
                  <Line yAxisId="clicks" dataKey="previousClicks" name={labels.previous} stroke={COLOURS.previous} strokeWidth={2} strokeDasharray="2 3" dot={false} isAnimationActive={false} connectNulls />
                ) : null}
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          <FiguresTable
            summary={t('series.table')}
            caption={t('series.caption', { interval: t(`interval.${state.interval}`).toLowerCase() })}
            columns={[t('series.start'), labels.shares, labels.humanClicks, labels.visitors, labels.applications, labels.hires, ...(previous ? [labels.previous] : [])]}
            rows={data.map((point) => [
              point.label,
              number(point.shares),
              number(point.humanClicks),
              number(point.visitors),
              number(point.applications),
              number(point.hires),
              ...(previous ? [point.previousClicks === null ? t('notApplicable') : number(point.previousClicks)] : []),
            ])}
          />
        </>
      ) : null}
    </Stack>
  );
}
