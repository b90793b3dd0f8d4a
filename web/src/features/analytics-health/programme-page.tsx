import { Alert, NativeSelect, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorAlert, Page, PageLoader } from '../../app/page';
import { formatDate } from '../../lib/format';
import { groupsOfKind, useGroups } from '../groups/groups-api';
import { ChartSection, Figure } from './chart-section';
import classes from './health.module.css';
import { csvUrl, lastDays, PROGRAMME_PATH, useProgramme } from './health-api';
import { PERSONAS } from './health-types';
import { AnalyticsSubnav } from '../analytics/analytics-subnav';
import { PeriodPicker, percent } from './period-picker';
import { usePeriodParams } from './use-period';

// Colours with at least 3:1 contrast on white (WCAG 1.4.11).
const PERSONA_COLOURS = { anchored: '#1864ab', loyal_fan: '#2b8a3e', cautious_mover: '#e8590c', job_hopper: '#c2255c', unknown: '#495057' };
const TWO = ['#1864ab', '#c2255c'];
const AXIS = { fontSize: 12, fill: '#495057' };

/** `/analytics/programme`: is the programme healthy — stories, stage, personas, nudges and own words. */
export default function ProgrammePage() {
  const { t, i18n } = useTranslation('analyticsHealth');
  const { t: tp } = useTranslation('personas');
  const { days, department, update } = usePeriodParams();
  const params = { ...lastDays(days), department };
  const report = useProgramme(params);
  const groups = useGroups();
  const data = report.data;
  const lang = i18n.resolvedLanguage ?? 'en';
  const csv = csvUrl(PROGRAMME_PATH, params);
  const hidden = t('hidden', { count: data?.minGroupSize ?? 5 });
  const cell = (value: number | null) => (value === null ? hidden : value);

  return (
    <Page title={t('programme.title')} width={960}>
      <AnalyticsSubnav />
      <Text>{t('programme.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <PeriodPicker value={days} onChange={(next) => update({ days: next })} />
        <NativeSelect
          label={t('programme.department')}
          value={department ?? ''}
          onChange={(event) => update({ department: event.currentTarget.value || null })}
          data={[{ value: '', label: t('programme.allDepartments') }, ...groupsOfKind(groups.data, 'department').map((group) => ({ value: group.id, label: group.name }))]}
          size="md"
        />
      </SimpleGrid>
      {report.isPending ? <PageLoader /> : null}
      {report.isError ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      {data ? (
        <Stack gap="xl">
          <Text size="sm" c="gray.8">
            {t('period.shown', { from: formatDate(data.period.from), to: formatDate(data.period.to) })}
          </Text>

          <ChartSection
            id="programme-target"
            title={t('target.title', { year: data.storytelling.year })}
            description={t(data.storytelling.onTrack ? 'target.onTrack' : 'target.behind', { published: data.storytelling.published, target: data.storytelling.target, expected: data.storytelling.expected })}
            csvHref={csv}
            table={{
              caption: t('target.caption'),
              columns: [t('target.figure'), t('target.value')],
              rows: [
                [t('target.published'), data.storytelling.published],
                [t('target.expected'), data.storytelling.expected],
                [t('target.target'), data.storytelling.target],
                [t('target.remaining'), data.storytelling.remaining],
              ],
            }}
          >
            <Progress.Root size={24} aria-hidden="true">
              <Progress.Section value={Math.min(100, (100 * data.storytelling.published) / Math.max(1, data.storytelling.target))} color="blue.8">
                <Progress.Label>{data.storytelling.published}</Progress.Label>
              </Progress.Section>
            </Progress.Root>
          </ChartSection>

          <ChartSection
            id="programme-coverage"
            title={t('coverage.title')}
            description={t('coverage.description', { featured: data.coverage.featuredPeople, active: data.coverage.activePeople, never: data.coverage.neverFeatured, year: data.coverage.year })}
            csvHref={csv}
            chart={
              <div className={classes.chart} aria-hidden="true">
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart
                    accessibilityLayer={false}
                    data={data.coverage.byDepartment.filter((row) => !row.suppressed).map((row) => ({ ...row, label: row.label ?? t('coverage.noDepartment') }))}
                    margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
                  >
                    <CartesianGrid stroke="#dee2e6" vertical={false} />
                    <XAxis dataKey="label" tick={AXIS} interval={0} />
                    <YAxis allowDecimals={false} tick={AXIS} />
                    <Tooltip />
                    <Legend wrapperStyle={{ fontSize: 13 }} />
                    <Bar dataKey="people" name={t('coverage.people')} fill={TWO[0]} isAnimationActive={false} />
                    <Bar dataKey="featuredPeople" name={t('coverage.featured')} fill={TWO[1]} isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            }
            table={{
              caption: t('coverage.caption'),
              columns: [t('coverage.department'), t('coverage.people'), t('coverage.featured')],
              rows: data.coverage.byDepartment.map((row) => [row.label ?? t('coverage.noDepartment'), cell(row.people), cell(row.featuredPeople)]),
            }}
          />

          <ChartSection
            id="programme-personas"
            title={t('personas.title')}
            description={data.personaFlow.groupTooSmall ? t('personas.tooSmall', { count: data.minGroupSize }) : t('personas.description')}
            csvHref={csv}
            chart={
              data.personaFlow.weeks.length > 0 ? (
                <div className={classes.chart} aria-hidden="true">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart accessibilityLayer={false} data={data.personaFlow.weeks.map((week) => ({ label: formatDate(week.week), ...week.counts }))} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                      <CartesianGrid stroke="#dee2e6" vertical={false} />
                      <XAxis dataKey="label" tick={AXIS} interval="preserveStartEnd" minTickGap={16} />
                      <YAxis allowDecimals={false} tick={AXIS} />
                      <Tooltip />
                      <Legend wrapperStyle={{ fontSize: 13 }} />
                      {PERSONAS.map((persona) => (
                        <Bar key={persona} dataKey={persona} stackId="personas" name={tp(`names.${persona}`)} fill={PERSONA_COLOURS[persona]} isAnimationActive={false} />
                      ))}
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              ) : null
            }
            table={{
              caption: t('personas.caption'),
              columns: [t('personas.week'), ...PERSONAS.map((persona) => tp(`names.${persona}`))],
              rows: data.personaFlow.weeks.map((week) => [formatDate(week.week), ...PERSONAS.map((persona) => cell(week.counts[persona]))]),
            }}
          >
            {data.personaFlow.suppressed && !data.personaFlow.groupTooSmall ? <Text size="sm">{t('personas.suppressed', { count: data.minGroupSize })}</Text> : null}
          </ChartSection>

          <ChartSection
            id="programme-nudges"
            title={t('nudges.title')}
            description={t('nudges.description', { days: data.nudges.days })}
            csvHref={csv}
            chart={
              data.nudges.rows.length > 0 ? (
                <div className={classes.chart} aria-hidden="true">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart
                      accessibilityLayer={false}
                      data={data.nudges.rows.map((row) => ({ label: `${row.templateKey} · ${tp(`names.${row.persona}`)}`, nudged: (row.shareRateNudged ?? 0) * 100, holdout: (row.shareRateHoldout ?? 0) * 100 }))}
                      margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
                    >
                      <CartesianGrid stroke="#dee2e6" vertical={false} />
                      <XAxis dataKey="label" tick={AXIS} />
                      <YAxis unit="%" tick={AXIS} />
                      <Tooltip />
                      <Legend wrapperStyle={{ fontSize: 13 }} />
                      <Bar dataKey="nudged" name={t('nudges.rateNudged')} fill={TWO[0]} isAnimationActive={false} />
                      <Bar dataKey="holdout" name={t('nudges.rateHoldout')} fill={TWO[1]} isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              ) : null
            }
            table={{
              caption: t('nudges.caption'),
              columns: [t('nudges.template'), t('nudges.sent'), t('nudges.holdout'), t('nudges.rateNudged'), t('nudges.rateHoldout'), t('nudges.uplift')],
              rows: [
                ...data.nudges.rows.map((row) => [
                  `${row.templateKey} · ${tp(`names.${row.persona}`)}`,
                  row.sent,
                  row.holdout,
                  percent(row.shareRateNudged, lang),
                  percent(row.shareRateHoldout, lang),
                  row.tooFewToSay ? t('nudges.tooFew') : t('nudges.points', { value: row.upliftPoints }),
                ]),
                [
                  t('nudges.total'),
                  data.nudges.totals.sent,
                  data.nudges.totals.holdout,
                  percent(data.nudges.totals.shareRateNudged, lang),
                  percent(data.nudges.totals.shareRateHoldout, lang),
                  data.nudges.totals.tooFewToSay ? t('nudges.tooFew') : t('nudges.points', { value: data.nudges.totals.upliftPoints }),
                ],
              ],
            }}
          >
            <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
              <Paper withBorder p="sm">
                <Figure label={t('nudges.rateNudged')} value={percent(data.nudges.totals.shareRateNudged, lang)} note={t('nudges.sentCount', { count: data.nudges.totals.sent })} />
              </Paper>
              <Paper withBorder p="sm">
                <Figure label={t('nudges.rateHoldout')} value={percent(data.nudges.totals.shareRateHoldout, lang)} note={t('nudges.holdoutCount', { count: data.nudges.totals.holdout })} />
              </Paper>
              <Paper withBorder p="sm">
                <Figure label={t('nudges.uplift')} value={data.nudges.totals.tooFewToSay ? t('nudges.tooFew') : t('nudges.points', { value: data.nudges.totals.upliftPoints })} />
              </Paper>
            </SimpleGrid>
          </ChartSection>

          <ChartSection
            id="programme-texts"
            title={t('texts.title')}
            description={
              data.shareTexts.suppressed
                ? hidden
                : t('texts.description', { share: percent(data.shareTexts.personalisedShare, lang), personalised: data.shareTexts.personalised ?? 0, shares: data.shareTexts.shares ?? 0 })
            }
            csvHref={csv}
            chart={
              data.shareTexts.weeks.length > 0 ? (
                <div className={classes.chart} aria-hidden="true">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart accessibilityLayer={false} data={data.shareTexts.weeks.map((week) => ({ ...week, label: formatDate(week.week) }))} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                      <CartesianGrid stroke="#dee2e6" vertical={false} />
                      <XAxis dataKey="label" tick={AXIS} interval="preserveStartEnd" minTickGap={16} />
                      <YAxis allowDecimals={false} tick={AXIS} />
                      <Tooltip />
                      <Legend wrapperStyle={{ fontSize: 13 }} />
                      <Bar dataKey="personalised" stackId="texts" name={t('texts.personalised')} fill={TWO[0]} isAnimationActive={false} />
                      <Bar dataKey="copied" stackId="texts" name={t('texts.copied')} fill={TWO[1]} isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              ) : null
            }
            table={{
              caption: t('texts.caption'),
              columns: [t('texts.week'), t('texts.personalised'), t('texts.copied')],
              rows: data.shareTexts.weeks.map((week) => [formatDate(week.week), week.personalised, week.copied]),
            }}
          >
            {data.shareTexts.suppressed ? <Alert color="gray">{t('texts.suppressed', { count: data.minGroupSize })}</Alert> : null}
          </ChartSection>
        </Stack>
      ) : null}
    </Page>
  );
}
