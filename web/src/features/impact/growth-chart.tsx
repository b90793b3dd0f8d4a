import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate } from '../../lib/format';
import { FiguresTable } from '../../lib/figures-table';
import classes from './impact.module.css';
import type { WeekGrowth } from './impact-types';

// Colours with at least 3:1 contrast on white (WCAG 1.4.11), told apart by shape too (bars, solid and dashed lines).
const COLOURS = { shares: '#1864ab', humanClicks: '#c2255c', visitors: '#2b8a3e' };

/** My growth per week: shares as bars, clicks by people and unique visitors as lines, with the figures as a table. */
export function GrowthChart({ growth }: { growth: WeekGrowth[] }) {
  const { t } = useTranslation('impact');
  const data = growth.map((week) => ({ ...week, label: formatDate(week.week) }));
  const totals = growth.reduce((sum, week) => ({ shares: sum.shares + week.shares, clicks: sum.clicks + week.humanClicks }), { shares: 0, clicks: 0 });
  const labels = { shares: t('figures.shares'), humanClicks: t('figures.humanClicks'), visitors: t('figures.visitors') };
  return (
    <Stack gap="xs" component="section" aria-labelledby="impact-growth">
      <Title order={2} size="h3" id="impact-growth">
        {t('growth.title')}
      </Title>
      <Text c="gray.8">{t('growth.summary', { weeks: growth.length, shares: totals.shares, clicks: totals.clicks })}</Text>
      {/* The chart repeats the table below for sighted readers; assistive technology reads the table. */}
      <div className={classes.chart} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid stroke="#dee2e6" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12, fill: '#495057' }} interval="preserveStartEnd" minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#495057' }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Bar dataKey="shares" name={labels.shares} fill={COLOURS.shares} radius={[3, 3, 0, 0]} isAnimationActive={false} />
            <Line dataKey="humanClicks" name={labels.humanClicks} stroke={COLOURS.humanClicks} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
            <Line dataKey="visitors" name={labels.visitors} stroke={COLOURS.visitors} strokeWidth={2} strokeDasharray="6 3" dot={{ r: 3 }} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <FiguresTable
        summary={t('growth.table')}
        caption={t('growth.caption')}
        columns={[t('growth.week'), labels.shares, labels.humanClicks, labels.visitors]}
        rows={growth.map((week) => [formatDate(week.week), week.shares, week.humanClicks, week.visitors])}
      />
    </Stack>
  );
}
