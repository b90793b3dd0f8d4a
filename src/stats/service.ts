import { and, eq, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { campaigns, clickRollupsDaily, conversions, conversionTouchpoints, people, shares, stories } from '../db/schema/index.ts';
import { conversionTypes } from '../db/schema/tracking.ts';
import { AppError, notFound } from '../http/errors.ts';
import { canViewPersonStats, canViewShareStats } from './policy.ts';
import { type DayRange, dayRange } from './range.ts';
import type { ClickCounts, ConversionCounts, RangeQuery, StatsView } from './schema.ts';
import { listedIndividually } from '../people/visibility.ts';

export type StatsSubject = StatsView['subject']['type'];

/** The column that ties each table to a subject: every rollup and touchpoint carries the share's dimensions. */
const columnsOf: Record<StatsSubject, { rollup: PgColumn; touchpoint: PgColumn; share: PgColumn }> = {
  share: { rollup: clickRollupsDaily.shareId, touchpoint: conversionTouchpoints.shareId, share: shares.id },
  story: { rollup: clickRollupsDaily.storyId, touchpoint: conversionTouchpoints.storyId, share: shares.storyId },
  person: { rollup: clickRollupsDaily.personId, touchpoint: conversionTouchpoints.personId, share: shares.personId },
  campaign: { rollup: clickRollupsDaily.campaignId, touchpoint: conversionTouchpoints.campaignId, share: shares.campaignId },
};

/** Whether the subject exists and the caller may see its results: 404 for what does not exist, 403 for someone else's. */
async function authorize(ctx: AppContext, auth: SignedIn, subject: StatsSubject, id: string): Promise<void> {
  const db = ctx.database.db;
  const exists = async (table: typeof stories | typeof campaigns | typeof people) => (await db.select({ id: table.id }).from(table).where(eq(table.id, id)).limit(1)).length > 0;
  if (subject === 'share') {
    const [share] = await db.select({ personId: shares.personId }).from(shares).where(eq(shares.id, id)).limit(1);
    if (!share) throw notFound('share_not_found', id);
    if (!canViewShareStats(auth, share)) throw new AppError(403, 'forbidden', 'error.stats_own_only');
  } else if (subject === 'person') {
    // Someone else's id is a 403 whether or not it exists, so the answer tells nothing about who is in Podium.
    if (!canViewPersonStats(auth, id)) throw new AppError(403, 'forbidden', 'error.stats_own_only');
    const [person] = await db.select({ ambassadorStatus: people.ambassadorStatus, erasedAt: people.erasedAt }).from(people).where(eq(people.id, id)).limit(1);
    // An erased person is gone as a person (anonymised); their results live on in the totals only.
    if (!person || (person.erasedAt && auth.personId !== id)) throw notFound('person_not_found', id);
    // Paused and opted-out people are out of staff's individual views at once (people/visibility.ts); they still see their own.
    if (auth.personId !== id && !listedIndividually(person)) throw new AppError(403, 'person_opted_out', 'error.person_unlisted');
  } else if (subject === 'story') {
    if (!(await exists(stories))) throw notFound('story_not_found', id);
  } else if (!(await exists(campaigns))) throw notFound('campaign_not_found', id);
}

const zeroClicks = (): ClickCounts => ({ human: 0, unique: 0, visitors: 0, bot: 0, previews: 0 });

/** Clicks per day from the daily rollups (never raw clicks). */
async function dailyClicks(tx: Tx, column: PgColumn, id: string, range: DayRange): Promise<({ day: string } & ClickCounts)[]> {
  const r = clickRollupsDaily;
  const rows = await tx
    .select({
      day: r.day,
      human: sql<number>`sum(${r.humanClicks})::int`,
      unique: sql<number>`sum(${r.uniqueClicks})::int`,
      visitors: sql<number>`sum(${r.visitors})::int`,
      bot: sql<number>`sum(${r.botClicks} + ${r.previews})::int`,
      previews: sql<number>`sum(${r.previews})::int`,
    })
    .from(r)
    .where(and(eq(column, id), range.from ? gte(r.day, range.from) : undefined, range.to ? lte(r.day, range.to) : undefined))
    .groupBy(r.day)
    .orderBy(r.day);
  return rows;
}

/** Conversions in the range with at least one touchpoint on the subject, per type. */
async function conversionCounts(tx: Tx, column: PgColumn, id: string, range: DayRange): Promise<ConversionCounts> {
  const rows = await tx
    .select({ type: conversions.type, n: sql<number>`count(distinct ${conversions.id})::int` })
    .from(conversionTouchpoints)
    .innerJoin(conversions, eq(conversions.id, conversionTouchpoints.conversionId))
    .where(and(eq(column, id), ...occurredWithin(range)))
    .groupBy(conversions.type);
  const counts = Object.fromEntries(conversionTypes.map((type) => [type, 0])) as ConversionCounts;
  for (const row of rows) counts[row.type] = row.n;
  return counts;
}

/** Conditions on a conversion's time for a range of days. */
export function occurredWithin(range: DayRange): (SQL | undefined)[] {
  return [range.start ? gte(conversions.occurredAt, range.start) : undefined, range.end ? lt(conversions.occurredAt, range.end) : undefined];
}

/**
 * The results of a share, story, person or campaign over a range of days: clicks from the daily
 * rollups, conversions from their touchpoints, and the shares made.
 */
export async function getStats(ctx: AppContext, auth: SignedIn, subject: StatsSubject, id: string, query: RangeQuery): Promise<StatsView> {
  const range = dayRange(query);
  await authorize(ctx, auth, subject, id);
  const db = ctx.database.db;
  const columns = columnsOf[subject];
  const [daily, converted, [made]] = await Promise.all([
    dailyClicks(db, columns.rollup, id, range),
    conversionCounts(db, columns.touchpoint, id, range),
    db
      .select({ shares: sql<number>`count(*)::int`, ambassadors: sql<number>`count(distinct ${shares.personId})::int` })
      .from(shares)
      .where(and(eq(columns.share, id), range.start ? gte(shares.createdAt, range.start) : undefined, range.end ? lt(shares.createdAt, range.end) : undefined)),
  ]);
  const clicks = zeroClicks();
  for (const day of daily) for (const key of Object.keys(clicks) as (keyof ClickCounts)[]) clicks[key] += day[key];
  return {
    subject: { type: subject, id },
    from: range.from,
    to: range.to,
    visitorsCounted: 'sum_of_daily_uniques',
    shares: made?.shares ?? 0,
    ambassadors: made?.ambassadors ?? 0,
    clicks,
    conversions: converted,
    daily,
  };
}
