import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rowsOf } from '../db/rows.ts';
import { suppressGroup } from './anonymity.ts';
import { groupFigures } from './figures.ts';
import { type AnalyticsFilter, conversionPeriod, isNarrowed, type Period, periodsOf, rollupConditions, shareConditions, touchpointConditions } from './filters.ts';
import type { Timeseries, TimeseriesInterval, TimeseriesPoint } from './schema.ts';

const DAY_MS = 86_400_000;
const msOf = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The first day of the bucket a day falls in: itself, its ISO week's Monday, or its month's first day. */
export function bucketStart(day: string, interval: TimeseriesInterval): string {
  if (interval === 'day') return day;
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  const weekday = (new Date(msOf(day)).getUTCDay() + 6) % 7;
  return dayOf(msOf(day) - weekday * DAY_MS);
}

/** Every bucket of the period, in order; the first may start before the period (it is labelled with the period's first day). */
function bucketsOf(period: Period, interval: TimeseriesInterval): string[] {
  const starts: string[] = [];
  for (let ms = msOf(period.from); ms <= msOf(period.to); ms += DAY_MS) {
    const start = bucketStart(dayOf(ms), interval);
    if (starts.at(-1) !== start) starts.push(start);
  }
  return starts;
}

/** A SQL expression for the bucket of a UTC day. */
const bucketSql = (day: SQL, interval: TimeseriesInterval): SQL => sql`date_trunc(${interval}, ${day}::timestamp)::date::text`;

async function pointsOf(ctx: AppContext, filter: AnalyticsFilter, period: Period, interval: TimeseriesInterval): Promise<TimeseriesPoint[]> {
  const db = ctx.database.db;
  const [clickRows, shareRows, conversionRows] = await Promise.all([
    db
      .execute(sql`select ${bucketSql(sql`r.day`, interval)} as bucket, sum(r.human_clicks)::int as human, sum(r.visitors)::int as visitors
        from click_rollups_daily r where ${rollupConditions(filter, 'r', period)} group by 1`)
      .then((x) => rowsOf<{ bucket: string; human: number; visitors: number }>(x)),
    db
      .execute(sql`select ${bucketSql(sql`(s.created_at at time zone 'UTC')::date`, interval)} as bucket, count(*)::int as n
        from shares s where ${shareConditions(filter, 's', period)} group by 1`)
      .then((x) => rowsOf<{ bucket: string; n: number }>(x)),
    db
      .execute(sql`select ${bucketSql(sql`(c.occurred_at at time zone 'UTC')::date`, interval)} as bucket,
          count(*) filter (where c.type = 'application')::int as applications, count(*) filter (where c.type = 'hire')::int as hires
        from conversions c
        where c.type in ('application', 'hire') and ${conversionPeriod(period, 'c')}
          and exists (select 1 from conversion_touchpoints t where t.conversion_id = c.id and ${touchpointConditions(filter, 't')})
        group by 1`)
      .then((x) => rowsOf<{ bucket: string; applications: number; hires: number }>(x)),
  ]);
  const first = bucketStart(period.from, interval);
  // The first bucket may begin before the period: its figures are the period's part of it, labelled with the period's first day.
  const label = (bucket: string) => (bucket === first ? period.from : bucket);
  const points = new Map<string, TimeseriesPoint>();
  for (const start of bucketsOf(period, interval)) points.set(label(start), { start: label(start), shares: 0, humanClicks: 0, visitors: 0, applications: 0, hires: 0 });
  const at = (bucket: string) => points.get(label(bucket));
  for (const row of clickRows) {
    const point = at(row.bucket);
    if (point) {
      point.humanClicks = Number(row.human);
      point.visitors = Number(row.visitors);
    }
  }
  for (const row of shareRows) {
    const point = at(row.bucket);
    if (point) point.shares = Number(row.n);
  }
  for (const row of conversionRows) {
    const point = at(row.bucket);
    if (point) {
      point.applications = Number(row.applications);
      point.hires = Number(row.hires);
    }
  }
  return [...points.values()];
}

/**
 * Shares, human clicks, visitors (sum of daily uniques), applications and hires per day, week
 * (from Monday) or month, for this period and the previous one. A view narrowed to a group of fewer
 * than MIN_GROUP people is left out for everyone but admins (a previous period about too few: null).
 */
export async function analyticsTimeseries(ctx: AppContext, filter: AnalyticsFilter, interval: TimeseriesInterval, options: { admin: boolean }): Promise<Timeseries> {
  const { current, previous } = periodsOf(filter, ctx.clock.now());
  const base = { interval, period: { from: current.from, to: current.to }, previousPeriod: previous ? { from: previous.from, to: previous.to } : null };
  // A narrowed view is about a group: each period's points only when enough people are behind them.
  const tooFew = async (period: Period): Promise<boolean> => {
    if (!isNarrowed(filter) || options.admin) return false;
    const [group] = await groupFigures(ctx, filter, period, null);
    return suppressGroup({ people: group?.people ?? 0 }, options).suppressed;
  };
  const [hideCurrent, hidePrevious] = await Promise.all([tooFew(current), previous ? tooFew(previous) : true]);
  if (hideCurrent) return { ...base, suppressed: true, points: [], previous: null };
  const [points, before] = await Promise.all([pointsOf(ctx, filter, current, interval), previous && !hidePrevious ? pointsOf(ctx, filter, previous, interval) : null]);
  return { ...base, suppressed: false, points, previous: before };
}
