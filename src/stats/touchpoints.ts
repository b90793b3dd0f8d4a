import { and, eq, gt, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { conversions } from '../db/schema/index.ts';
import type { ConversionType } from '../db/schema/tracking.ts';
import { dayRange } from './range.ts';
import { type RangeQuery, type TouchpointReport, touchpointBuckets } from './schema.ts';
import { occurredWithin } from './service.ts';

const HOUR_S = 3600;
const round = (value: number | null, digits = 1): number | null => (value === null ? null : Number(value.toFixed(digits)));
/** Ordered-set aggregates answer numeric or double precision, which a driver may hand over as text. */
const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * The "seven touchpoints" rule measured for this organisation: how many human clicks came before
 * each conversion of a type (1 to 7, then 8 and more), the median and 75th percentile, and the
 * time from the first touch to the conversion. Read from the conversions alone.
 */
export async function touchpointReport(ctx: AppContext, query: RangeQuery & { type: ConversionType }): Promise<TouchpointReport> {
  const range = dayRange(query);
  const db = ctx.database.db;
  const c = conversions;
  const where = and(eq(c.type, query.type), ...occurredWithin(range));
  const hours = sql`greatest(extract(epoch from (${c.occurredAt} - ${c.firstTouchAt})), 0) / ${HOUR_S}`;
  const [[summary], bucketRows] = await Promise.all([
    db
      .select({
        touched: sql<number>`count(*) filter (where ${c.touchpointCount} > 0)::int`,
        untouched: sql<number>`count(*) filter (where ${c.touchpointCount} = 0)::int`,
        median: sql<unknown>`percentile_cont(0.5) within group (order by ${c.touchpointCount}) filter (where ${c.touchpointCount} > 0)`,
        p75: sql<unknown>`percentile_cont(0.75) within group (order by ${c.touchpointCount}) filter (where ${c.touchpointCount} > 0)`,
        mean: sql<unknown>`avg(${c.touchpointCount}) filter (where ${c.touchpointCount} > 0)`,
        medianHours: sql<unknown>`percentile_cont(0.5) within group (order by ${hours}) filter (where ${c.touchpointCount} > 0 and ${c.firstTouchAt} is not null)`,
        p75Hours: sql<unknown>`percentile_cont(0.75) within group (order by ${hours}) filter (where ${c.touchpointCount} > 0 and ${c.firstTouchAt} is not null)`,
      })
      .from(c)
      .where(where),
    db
      .select({ bucket: sql<number>`least(${c.touchpointCount}, 8)::int`, n: sql<number>`count(*)::int` })
      .from(c)
      .where(and(where, gt(c.touchpointCount, 0)))
      .groupBy(sql`1`),
  ]);
  const touched = summary?.touched ?? 0;
  const counts = new Map(bucketRows.map((row) => [row.bucket, row.n]));
  const medianHours = numberOrNull(summary?.medianHours);
  const p75Hours = numberOrNull(summary?.p75Hours);
  return {
    type: query.type,
    from: range.from,
    to: range.to,
    conversions: touched,
    withoutTouchpoints: summary?.untouched ?? 0,
    buckets: touchpointBuckets.map((touchpoints, index) => {
      const n = counts.get(index + 1) ?? 0;
      return { touchpoints, conversions: n, share: touched === 0 ? 0 : Number((n / touched).toFixed(4)) };
    }),
    touchpoints: { median: round(numberOrNull(summary?.median)), p75: round(numberOrNull(summary?.p75)), mean: round(numberOrNull(summary?.mean), 2) },
    timeToConvert: {
      medianHours: round(medianHours),
      p75Hours: round(p75Hours),
      medianDays: round(medianHours === null ? null : medianHours / 24),
      p75Days: round(p75Hours === null ? null : p75Hours / 24),
    },
  };
}

/** Days from the first touch to a conversion, in buckets: under 1, 1–3, 3–7, 7–14, 14–30, 30 and more. */
export const timeToConvertBuckets = ['0-1', '1-3', '3-7', '7-14', '14-30', '30+'] as const;
const bucketBounds = [1, 3, 7, 14, 30];

/**
 * How long it took from the first touch to each conversion of a type (those with a touchpoint and
 * a first touch, as `touchpointReport` measures its median), counted per bucket of days.
 */
export async function timeToConvertHistogram(ctx: AppContext, query: RangeQuery & { type: ConversionType }): Promise<{ days: (typeof timeToConvertBuckets)[number]; conversions: number }[]> {
  const range = dayRange(query);
  const c = conversions;
  const days = sql`greatest(extract(epoch from (${c.occurredAt} - ${c.firstTouchAt})), 0) / 86400`;
  const bucket = sql<number>`(case ${sql.join(
    bucketBounds.map((bound, index) => sql`when ${days} < ${bound} then ${index}`),
    sql` `,
  )} else ${bucketBounds.length} end)::int`;
  const rows = await ctx.database.db
    .select({ bucket, n: sql<number>`count(*)::int` })
    .from(c)
    .where(and(eq(c.type, query.type), gt(c.touchpointCount, 0), sql`${c.firstTouchAt} is not null`, ...occurredWithin(range)))
    .groupBy(sql`1`);
  const counts = new Map(rows.map((row) => [Number(row.bucket), Number(row.n)]));
  return timeToConvertBuckets.map((label, index) => ({ days: label, conversions: counts.get(index) ?? 0 }));
}
