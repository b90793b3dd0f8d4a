import type { AppContext } from '../context.ts';
import type { Language } from '../db/schema/index.ts';
import { timeToConvertHistogram, touchpointReport } from '../stats/touchpoints.ts';
import { vacancyFunnelRows } from '../vacancies/funnel.ts';
import { periodsOf } from './filters.ts';
import { gapWeeks } from './gap-snapshots.ts';
import type { RecruitmentAnalytics, RecruitmentQuery } from './health-schema.ts';

const shareOf = (part: number, all: number): number | null => (all === 0 ? null : Number((part / all).toFixed(4)));
const round2 = (value: number): number => Math.round(value * 100) / 100;

/**
 * The recruitment dashboard: touchpoints before each application and the time from first touch
 * (the stats service's touchpoint report), applications and hires through advocacy against all,
 * the per-vacancy referral funnel (src/vacancies/funnel.ts) and the content gap per week from the
 * daily snapshots. Conversions count by when they occurred, shares by when they were made.
 */
export async function recruitmentAnalytics(ctx: AppContext, query: RecruitmentQuery, language: Language): Promise<RecruitmentAnalytics> {
  const { current } = periodsOf({ from: query.from, to: query.to, compare: 'none' }, ctx.clock.now());
  const range = { from: current.from, to: current.to };
  const [applications, hires, timeHistogram, vacancies, gapRows] = await Promise.all([
    touchpointReport(ctx, { ...range, type: 'application' }),
    touchpointReport(ctx, { ...range, type: 'hire' }),
    timeToConvertHistogram(ctx, { ...range, type: 'application' }),
    vacancyFunnelRows(ctx, range),
    gapWeeks(ctx, range, language),
  ]);
  const weeks = new Map<string, RecruitmentAnalytics['contentGap'][number]>();
  for (const { week, day, ...theme } of gapRows) {
    let entry = weeks.get(week);
    if (!entry) {
      entry = { week, day, totalNeed: 0, themes: [] };
      weeks.set(week, entry);
    }
    entry.totalNeed = round2(entry.totalNeed + theme.need);
    entry.themes.push(theme);
  }
  const advocacyPart = (report: typeof applications) => {
    const all = report.conversions + report.withoutTouchpoints;
    return { all, throughAdvocacy: report.conversions, share: shareOf(report.conversions, all) };
  };
  return {
    period: range,
    touchpoints: {
      applications: applications.conversions,
      withoutTouchpoints: applications.withoutTouchpoints,
      ...applications.touchpoints,
      histogram: applications.buckets.map((bucket) => ({ touchpoints: bucket.touchpoints, applications: bucket.conversions, share: bucket.share })),
    },
    timeToApply: {
      medianDays: applications.timeToConvert.medianDays,
      p75Days: applications.timeToConvert.p75Days,
      histogram: timeHistogram.map((bucket) => ({ days: bucket.days, applications: bucket.conversions })),
    },
    advocacy: { applications: advocacyPart(applications), hires: advocacyPart(hires) },
    vacancies,
    contentGap: [...weeks.values()],
  };
}

/** The CSV header of the recruitment figures: one row per figure. */
export const recruitmentCsvHeader = ['section', 'week', 'key', 'label', 'figure', 'value'];

/** The recruitment figures as CSV rows (see recruitmentCsvHeader). */
export function recruitmentCsv(view: RecruitmentAnalytics): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  const add = (section: string, key: string, label: string, figure: string, value: string | number | null, week = '') => rows.push([section, week, key, label, figure, value]);
  const { touchpoints, timeToApply, advocacy } = view;
  add('period', '', '', 'from', view.period.from);
  add('period', '', '', 'to', view.period.to);
  for (const figure of ['applications', 'withoutTouchpoints', 'median', 'p75', 'mean'] as const) add('touchpoints', '', '', figure, touchpoints[figure]);
  for (const bucket of touchpoints.histogram) add('touchpoints', bucket.touchpoints, '', 'applications', bucket.applications);
  add('time_to_apply', '', '', 'medianDays', timeToApply.medianDays);
  add('time_to_apply', '', '', 'p75Days', timeToApply.p75Days);
  for (const bucket of timeToApply.histogram) add('time_to_apply', bucket.days, '', 'applications', bucket.applications);
  for (const type of ['applications', 'hires'] as const) for (const figure of ['all', 'throughAdvocacy', 'share'] as const) add('advocacy', type, '', figure, advocacy[type][figure]);
  for (const row of view.vacancies) {
    for (const figure of ['shares', 'humanClicks', 'applications', 'advocacyApplications', 'hires', 'advocacyHires'] as const) add('vacancy', row.vacancy.id, row.vacancy.title, figure, row[figure]);
  }
  for (const week of view.contentGap) {
    add('content_gap', '', '', 'totalNeed', week.totalNeed, week.week);
    for (const theme of week.themes) for (const figure of ['pressure', 'supply', 'need', 'openVacancies', 'recentStories'] as const) add('content_gap', theme.theme.key, theme.theme.name, figure, theme[figure], week.week);
  }
  return rows;
}
