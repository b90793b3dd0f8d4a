import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rowsOf } from '../db/rows.ts';
import { MIN_NUDGED, MIN_HOLDOUT, nudgeReport } from '../nudges/report.ts';
import { personaFlow } from '../personas/flow.ts';
import { calendarSummary } from '../stories/calendar.ts';
import { MIN_GROUP, suppressGroup, suppressSmallGroups } from './anonymity.ts';
import { periodsOf, shareConditions } from './filters.ts';
import type { ProgrammeAnalytics, ProgrammeQuery } from './health-schema.ts';

const DAY_MS = 86_400_000;
const MIN_NUDGE_DAYS = 7;
const MAX_NUDGE_DAYS = 730;
const rate = (part: number, all: number): number | null => (all === 0 ? null : Number((part / all).toFixed(4)));

/** Share texts of the period: personalised against copied, in total and per ISO week. */
async function shareTexts(ctx: AppContext, query: ProgrammeQuery, period: ReturnType<typeof periodsOf>['current'], admin: boolean): Promise<ProgrammeAnalytics['shareTexts']> {
  const where = shareConditions({ compare: 'none', department: query.department }, 's', period);
  const db = ctx.database.db;
  const [[total], weeks] = await Promise.all([
    db
      .execute(sql`select count(distinct s.person_id)::int as people, count(*)::int as shares, (count(*) filter (where s.personalised))::int as personalised
        from shares s where ${where}`)
      .then((r) => rowsOf<{ people: number; shares: number; personalised: number }>(r)),
    db
      .execute(sql`select date_trunc('week', s.created_at at time zone 'UTC')::date::text as week,
          (count(*) filter (where s.personalised))::int as personalised, (count(*) filter (where not s.personalised))::int as copied
        from shares s where ${where} group by 1 order by 1`)
      .then((r) => rowsOf<{ week: string; personalised: number; copied: number }>(r)),
  ]);
  const people = Number(total?.people ?? 0);
  const made = Number(total?.shares ?? 0);
  const personalised = Number(total?.personalised ?? 0);
  // Organisation-wide figures reveal no group; a department's are a group of its sharers.
  const figures = suppressGroup({ people, shares: made, personalised, copied: made - personalised }, { admin: admin || !query.department });
  return {
    ...figures,
    personalisedShare: figures.suppressed ? null : rate(personalised, made),
    weeks: figures.suppressed ? [] : weeks.map((week) => ({ week: week.week, personalised: Number(week.personalised), copied: Number(week.copied) })),
  };
}

/**
 * The programme-health dashboard: progress on the yearly storytelling target and podium coverage
 * (the editorial calendar's summary), the persona flow (src/personas/flow.ts, with its own
 * suppression), nudge effectiveness (src/nudges/report.ts) and personalised against copied share
 * texts. Department rows and a department's share texts about fewer than 5 people are for admins only.
 */
export async function programmeAnalytics(ctx: AppContext, query: ProgrammeQuery, options: { admin: boolean }): Promise<ProgrammeAnalytics> {
  const now = ctx.clock.now();
  const { current } = periodsOf({ from: query.from, to: query.to, compare: 'none' }, now);
  const year = Number(current.to.slice(0, 4));
  const periodDays = Math.round((current.end.getTime() - current.start.getTime()) / DAY_MS);
  const nudgeDays = Math.min(MAX_NUDGE_DAYS, Math.max(MIN_NUDGE_DAYS, periodDays));
  const [summary, flow, nudges, texts] = await Promise.all([
    calendarSummary(ctx, year),
    personaFlow(ctx, { from: current.from, to: current.to, department: query.department }),
    nudgeReport(ctx, nudgeDays, { hideSmallGroups: !options.admin }),
    shareTexts(ctx, query, current, options.admin),
  ]);

  // An even pace through the year: how many stories the target asks for by now (or the year's end), as `published` counts.
  const yearStart = Date.UTC(year, 0, 1);
  const yearDays = (Date.UTC(year + 1, 0, 1) - yearStart) / DAY_MS;
  const elapsed = Math.min(yearDays, Math.max(0, (now.getTime() - yearStart) / DAY_MS));
  const expected = Math.round((summary.target * elapsed) / yearDays);

  const departments = suppressSmallGroups(
    summary.coverage.byDepartment.map((row) => ({ key: row.department?.id ?? '', label: row.department?.name ?? null, people: row.people, featuredPeople: row.featuredPeople })),
    { admin: options.admin },
  );
  const activePeople = summary.coverage.byDepartment.reduce((sum, row) => sum + row.people, 0);

  const sum = (field: 'sent' | 'holdout' | 'sharedAfterNudge' | 'sharedInHoldout') => nudges.rows.reduce((total, row) => total + row[field], 0);
  const sent = sum('sent');
  const holdout = sum('holdout');
  const nudgedRate = rate(sum('sharedAfterNudge'), sent);
  const holdoutRate = rate(sum('sharedInHoldout'), holdout);
  const tooFewToSay = sent < MIN_NUDGED || holdout < MIN_HOLDOUT;

  return {
    period: { from: current.from, to: current.to },
    department: flow.department,
    minGroupSize: MIN_GROUP,
    storytelling: { year, target: summary.target, published: summary.published, remaining: summary.remaining, expected, onTrack: summary.published >= expected },
    coverage: { year, featuredPeople: summary.coverage.featuredPeople, activePeople, neverFeatured: summary.coverage.neverFeaturedCount, byDepartment: departments },
    personaFlow: flow,
    nudges: {
      days: nudgeDays,
      totals: {
        sent,
        holdout,
        sharedAfterNudge: sum('sharedAfterNudge'),
        sharedInHoldout: sum('sharedInHoldout'),
        shareRateNudged: nudgedRate,
        shareRateHoldout: holdoutRate,
        upliftPoints: tooFewToSay || nudgedRate === null || holdoutRate === null ? null : Math.round((nudgedRate - holdoutRate) * 1000) / 10,
        tooFewToSay,
      },
      rows: nudges.rows,
    },
    shareTexts: texts,
  };
}

/** The CSV header of the programme figures: one row per figure. */
export const programmeCsvHeader = ['section', 'week', 'key', 'label', 'figure', 'value'];

/** The programme figures as CSV rows (see programmeCsvHeader). */
export function programmeCsv(view: ProgrammeAnalytics): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  const add = (section: string, key: string, label: string | null, figure: string, value: string | number | boolean | null, week = '') =>
    rows.push([section, week, key, label ?? '', figure, typeof value === 'boolean' ? String(value) : value]);
  add('period', '', '', 'from', view.period.from);
  add('period', '', '', 'to', view.period.to);
  if (view.department) add('period', view.department.id, view.department.name, 'department', view.department.id);
  for (const figure of ['year', 'target', 'published', 'remaining', 'expected', 'onTrack'] as const) add('storytelling', '', '', figure, view.storytelling[figure]);
  for (const figure of ['year', 'featuredPeople', 'activePeople', 'neverFeatured'] as const) add('coverage', '', '', figure, view.coverage[figure]);
  for (const row of view.coverage.byDepartment) for (const figure of ['people', 'featuredPeople'] as const) add('coverage_department', row.key, row.label, figure, row[figure]);
  for (const week of view.personaFlow.weeks) for (const [persona, n] of Object.entries(week.counts)) add('persona_week', persona, '', 'people', n, week.week);
  for (const move of view.personaFlow.transitions) add('persona_flow', `${move.from}>${move.to}`, '', 'people', move.count);
  for (const [figure, value] of Object.entries(view.nudges.totals)) add('nudges', '', '', figure, value);
  for (const row of view.nudges.rows) {
    for (const figure of ['sent', 'holdout', 'sharedAfterNudge', 'sharedInHoldout', 'shareRateNudged', 'shareRateHoldout', 'upliftPoints'] as const) add('nudge_template', `${row.templateKey}/${row.persona}`, '', figure, row[figure]);
  }
  for (const figure of ['people', 'shares', 'personalised', 'copied', 'personalisedShare'] as const) add('share_texts', '', '', figure, view.shareTexts[figure]);
  for (const week of view.shareTexts.weeks) {
    add('share_texts', '', '', 'personalised', week.personalised, week.week);
    add('share_texts', '', '', 'copied', week.copied, week.week);
  }
  return rows;
}
