import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FiguresTable } from '../../lib/figures-table';
import classes from './analytics.module.css';
import { MIN_GROUP, type OverviewFigures } from './analytics-types';
import { useFormat } from './format';

interface Kpi {
  key: string;
  label: string;
  value: (figures: OverviewFigures) => number | null;
  show: (value: number) => string;
  detail?: string;
  note?: string;
}

/** The key figures of the overview, each with the previous period's value and the change. */
export function KpiCards({ overview, previous, previousHidden }: { overview: OverviewFigures; previous: OverviewFigures | null; previousHidden: boolean }) {
  const { t } = useTranslation('analytics');
  const { number, money } = useFormat();
  const currency = overview.earnedMediaValue.currency;
  const kpis: Kpi[] = [
    {
      key: 'participation',
      label: t('kpi.participation'),
      value: (f) => f.participation.active,
      show: (v) => number(v),
      detail: t('kpi.participationDetail', { invited: number(overview.participation.invited), sharers: number(overview.participation.sharers) }),
    },
    { key: 'shares', label: t('kpi.shares'), value: (f) => f.shares, show: (v) => number(v) },
    { key: 'humanClicks', label: t('kpi.humanClicks'), value: (f) => f.clicks.human, show: (v) => number(v) },
    { key: 'visitors', label: t('kpi.visitors'), value: (f) => f.clicks.visitors, show: (v) => number(v), note: t('kpi.visitorsNote') },
    { key: 'clickThrough', label: t('kpi.clickThrough'), value: (f) => f.clickThroughPerShare, show: (v) => number(v, 2) },
    { key: 'applications', label: t('kpi.applications'), value: (f) => f.conversions.application, show: (v) => number(v) },
    { key: 'hires', label: t('kpi.hires'), value: (f) => f.conversions.hire, show: (v) => number(v) },
    { key: 'emv', label: t('kpi.emv'), value: (f) => f.earnedMediaValue.amount, show: (v) => money(v, currency) },
  ];
  const change = (current: number | null, before: number | null): string => {
    if (current === null || before === null) return t('notApplicable');
    if (before === 0) return current === 0 ? t('kpi.noChange') : t('kpi.newSincePrevious');
    const percent = Math.round(((current - before) / before) * 1000) / 10;
    if (percent === 0) return t('kpi.noChange');
    return t('kpi.change', { sign: percent > 0 ? '+' : '−', percent: number(Math.abs(percent), 1) });
  };
  const shown = (kpi: Kpi, figures: OverviewFigures | null) => {
    const value = figures ? kpi.value(figures) : null;
    return value === null ? t('notApplicable') : kpi.show(value);
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="analytics-kpis">
      <Title order={2} size="h3" id="analytics-kpis">
        {t('overview.figures')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        {kpis.map((kpi) => (
          <KpiCard key={kpi.key} label={kpi.label} value={shown(kpi, overview)} detail={kpi.detail} note={kpi.note}>
            {previousHidden ? (
              <Text size="xs" c="gray.8">
                {t('kpi.previous', { value: t('suppressed', { min: MIN_GROUP }) })}
              </Text>
            ) : null}
            {previous ? (
              <>
                <Text size="xs" c="gray.8">
                  {t('kpi.previous', { value: shown(kpi, previous) })}
                </Text>
                <Text size="xs" c="gray.8">
                  {change(kpi.value(overview), kpi.value(previous))}
                </Text>
              </>
            ) : null}
          </KpiCard>
        ))}
      </SimpleGrid>
      <FiguresTable
        summary={t('overview.figuresTable')}
        caption={t('overview.figuresCaption')}
        columns={[t('kpi.metric'), t('kpi.current'), ...(previous ? [t('kpi.previousColumn'), t('kpi.changeColumn')] : [])]}
        rows={kpis.map((kpi) => [kpi.label, shown(kpi, overview), ...(previous ? [shown(kpi, previous), change(kpi.value(overview), kpi.value(previous))] : [])])}
      />
    </Stack>
  );
}

function KpiCard({ label, value, detail, note, children }: { label: string; value: string; detail?: string; note?: string; children?: React.ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p="sm" className={classes.card} role="group" aria-labelledby={id}>
      <Text size="sm" c="gray.8" id={id}>
        {label}
      </Text>
      <Text fz={26} fw={700} className={classes.value}>
        {value}
      </Text>
      {detail ? (
        <Text size="xs" c="gray.8">
          {detail}
        </Text>
      ) : null}
      {children}
      {note ? (
        <Text size="xs" c="gray.8">
          {note}
        </Text>
      ) : null}
    </Paper>
  );
}
