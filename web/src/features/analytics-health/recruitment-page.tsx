import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { formatDate } from '../../lib/format';
import { ChartSection, Figure } from './chart-section';
import classes from './health.module.css';
import { csvUrl, lastDays, RECRUITMENT_PATH, useRecruitment } from './health-api';
import type { RecruitmentAnalytics } from './health-types';
import { AnalyticsSubnav } from '../analytics/analytics-subnav';
import { PeriodPicker, percent } from './period-picker';
import { usePeriodParams } from './use-period';

// Colours with at least 3:1 contrast on white (WCAG 1.4.11); series also differ by position or dash.
const COLOURS = ['#1864ab', '#c2255c', '#2b8a3e', '#e8590c', '#5f3dc4', '#495057'];
const AXIS = { fontSize: 12, fill: '#495057' };
/** The vacancy chart shows the first ten; the table lists every row. */
const CHARTED_VACANCIES = 10;
/** The content-gap chart draws the total and the themes with the most need in the latest week. */
const CHARTED_THEMES = 4;

function ContentGapChart({ weeks }: { weeks: RecruitmentAnalytics['contentGap'] }) {
  const { t } = useTranslation('analyticsHealth');
  const latest = weeks.at(-1);
  const top = (latest?.themes ?? []).slice(0, CHARTED_THEMES).map((row) => row.theme);
  const data = weeks.map((week) => ({
    label: formatDate(week.week),
    total: week.totalNeed,
    ...Object.fromEntries(top.map((theme) => [theme.id, week.themes.find((row) => row.theme.id === theme.id)?.need ?? 0])),
  }));
  return (
    <div className={classes.chart} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
          <CartesianGrid stroke="#dee2e6" vertical={false} />
          <XAxis dataKey="label" tick={AXIS} interval="preserveStartEnd" minTickGap={16} />
          <YAxis tick={AXIS} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Line dataKey="total" name={t('gap.total')} stroke={COLOURS[0]} strokeWidth={3} dot={{ r: 3 }} isAnimationActive={false} />
          {top.map((theme, i) => (
            <Line
              key={theme.id}
              dataKey={theme.id}
              name={theme.name}
              stroke={COLOURS[(i + 1) % COLOURS.length]}
              strokeWidth={2}
              strokeDasharray={i % 2 === 0 ? '6 3' : '2 2'}
              dot={{ r: 2 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function SimpleBars({ data, dataKey, name, category }: { data: object[]; dataKey: string; name: string; category: string }) {
  return (
    <div className={classes.chart} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid stroke="#dee2e6" vertical={false} />
          <XAxis dataKey={category} tick={AXIS} />
          <YAxis allowDecimals={false} tick={AXIS} />
          <Tooltip />
          <Bar dataKey={dataKey} name={name} fill={COLOURS[0]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** `/analytics/recruitment`: what advocacy brings recruitment, for recruiters, editors and admins. */
export default function RecruitmentPage() {
  const { t, i18n } = useTranslation('analyticsHealth');
  const { days, update } = usePeriodParams();
  const period = lastDays(days);
  const report = useRecruitment(period);
  const data = report.data;
  const lang = i18n.resolvedLanguage ?? 'en';
  const csv = csvUrl(RECRUITMENT_PATH, period);
  const funnelLabels = { shares: t('funnel.shares'), humanClicks: t('funnel.humanClicks'), applications: t('funnel.applications'), hires: t('funnel.hires') };

  return (
    <Page title={t('recruitment.title')} width={960}>
      <AnalyticsSubnav />
      <Text>{t('recruitment.intro')}</Text>
      <PeriodPicker value={days} onChange={(next) => update({ days: next })} />
      {report.isPending ? <PageLoader /> : null}
      {report.isError ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      {data ? (
        <Stack gap="xl">
          <Text size="sm" c="gray.8">
            {t('period.shown', { from: formatDate(data.period.from), to: formatDate(data.period.to) })}
          </Text>
          <ChartSection
            id="recruitment-advocacy"
            title={t('advocacy.title')}
            description={t('advocacy.description')}
            csvHref={csv}
            table={{
              caption: t('advocacy.caption'),
              columns: [t('advocacy.kind'), t('advocacy.all'), t('advocacy.through'), t('advocacy.share')],
              rows: (['applications', 'hires'] as const).map((kind) => [t(`advocacy.${kind}`), data.advocacy[kind].all, data.advocacy[kind].throughAdvocacy, percent(data.advocacy[kind].share, lang)]),
            }}
          >
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
              {(['applications', 'hires'] as const).map((kind) => (
                <Paper key={kind} withBorder p="sm">
                  <Figure
                    label={t(`advocacy.shareOf.${kind}`)}
                    value={percent(data.advocacy[kind].share, lang)}
                    note={t('advocacy.ofAll', { through: data.advocacy[kind].throughAdvocacy, all: data.advocacy[kind].all })}
                  />
                </Paper>
              ))}
              <Paper withBorder p="sm">
                <Figure label={t('touchpoints.median')} value={data.touchpoints.median ?? '–'} note={t('touchpoints.p75', { value: data.touchpoints.p75 ?? '–' })} />
              </Paper>
              <Paper withBorder p="sm">
                <Figure label={t('timeToApply.median')} value={data.timeToApply.medianDays ?? '–'} note={t('timeToApply.p75', { value: data.timeToApply.p75Days ?? '–' })} />
              </Paper>
            </SimpleGrid>
          </ChartSection>

          <ChartSection
            id="recruitment-touchpoints"
            title={t('touchpoints.title')}
            description={t('touchpoints.description', { count: data.touchpoints.applications, without: data.touchpoints.withoutTouchpoints })}
            csvHref={csv}
            chart={<SimpleBars data={data.touchpoints.histogram} dataKey="applications" name={t('funnel.applications')} category="touchpoints" />}
            table={{
              caption: t('touchpoints.caption'),
              columns: [t('touchpoints.count'), t('funnel.applications'), t('touchpoints.share')],
              rows: data.touchpoints.histogram.map((bucket) => [bucket.touchpoints, bucket.applications, percent(bucket.share, lang)]),
            }}
          />

          <ChartSection
            id="recruitment-time"
            title={t('timeToApply.title')}
            description={t('timeToApply.description')}
            csvHref={csv}
            chart={<SimpleBars data={data.timeToApply.histogram.map((bucket) => ({ ...bucket, label: t(`timeToApply.bucket.${bucket.days}`) }))} dataKey="applications" name={t('funnel.applications')} category="label" />}
            table={{
              caption: t('timeToApply.caption'),
              columns: [t('timeToApply.days'), t('funnel.applications')],
              rows: data.timeToApply.histogram.map((bucket) => [t(`timeToApply.bucket.${bucket.days}`), bucket.applications]),
            }}
          />

          <ChartSection
            id="recruitment-funnel"
            title={t('funnel.title')}
            description={data.vacancies.length === 0 ? t('funnel.empty') : t('funnel.description', { count: Math.min(CHARTED_VACANCIES, data.vacancies.length) })}
            csvHref={csv}
            chart={
              data.vacancies.length > 0 ? (
                <div className={classes.tallChart} aria-hidden="true">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart accessibilityLayer={false} layout="vertical" data={data.vacancies.slice(0, CHARTED_VACANCIES).map((row) => ({ ...row, label: row.vacancy.title }))} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
                      <CartesianGrid stroke="#dee2e6" horizontal={false} />
                      <XAxis type="number" allowDecimals={false} tick={AXIS} />
                      <YAxis type="category" dataKey="label" width={120} tick={AXIS} />
                      <Tooltip />
                      <Legend wrapperStyle={{ fontSize: 13 }} />
                      {(['shares', 'humanClicks', 'applications', 'hires'] as const).map((key, i) => (
                        <Bar key={key} dataKey={key} name={funnelLabels[key]} fill={COLOURS[i]} isAnimationActive={false} />
                      ))}
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              ) : null
            }
            table={{
              caption: t('funnel.caption'),
              columns: [t('funnel.vacancy'), funnelLabels.shares, funnelLabels.humanClicks, funnelLabels.applications, t('funnel.advocacyApplications'), funnelLabels.hires],
              rows: data.vacancies.map((row) => [row.vacancy.title, row.shares, row.humanClicks, row.applications, row.advocacyApplications, row.hires]),
            }}
          />

          <ChartSection
            id="recruitment-gap"
            title={t('gap.title')}
            description={data.contentGap.length === 0 ? t('gap.empty') : t('gap.description')}
            csvHref={csv}
            chart={data.contentGap.length > 0 ? <ContentGapChart weeks={data.contentGap} /> : null}
            table={{
              caption: t('gap.caption'),
              columns: [t('gap.weekTheme'), t('gap.need'), t('gap.pressure'), t('gap.supply'), t('gap.openVacancies')],
              rows: data.contentGap.flatMap((week) => [
                [`${formatDate(week.week)} · ${t('gap.total')}`, week.totalNeed, '', '', ''],
                ...week.themes.map((row) => [`${formatDate(week.week)} · ${row.theme.name}`, row.need, row.pressure, row.supply, row.openVacancies]),
              ]),
            }}
          />
        </Stack>
      ) : null}
    </Page>
  );
}
