import { and, desc, eq, gt, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { people, shares, stories, storyFeatured } from '../db/schema/index.ts';
import type { Network } from '../db/schema/stories.ts';
import { storyCanonicalUrl } from '../public/urls.ts';
import { getSetting } from '../settings/service.ts';
import { getStats } from '../stats/service.ts';
import type { StatsView } from '../stats/schema.ts';
import type { ImpactView } from './schema.ts';
import { addDays, mondayOf, utcDay } from './weeks.ts';

/** A colleagues' median is shown only when at least this many entered a figure: no aggregate over fewer than five people. */
export const MIN_PEOPLE_FOR_MEDIAN = 5;

const totalsOf = (stats: StatsView) => ({
  shares: stats.shares,
  humanClicks: stats.clicks.human,
  visitors: stats.clicks.visitors,
  applications: stats.conversions.application,
  hires: stats.conversions.hire,
});

/**
 * "What's in it for me": a person's own results. Clicks, visitors and conversions come from the
 * stats domain (the daily click rollups, where bots and previews are counted apart, and the
 * conversions' touchpoints), so the impact page and the stats API can never disagree.
 */
export async function myImpact(ctx: AppContext, auth: SignedIn, weeks: number): Promise<ImpactView> {
  const personId = auth.personId as string;
  const now = ctx.clock.now();
  const to = utcDay(now);
  const from = addDays(mondayOf(to), -7 * (weeks - 1));
  const db = ctx.database.db;
  const [range, allTime, sharesPerWeek, reach, featured] = await Promise.all([
    getStats(ctx, auth, 'person', personId, { from, to }),
    getStats(ctx, auth, 'person', personId, {}),
    sharesByWeekAndNetwork(db, personId, from, to),
    reachOf(ctx, personId),
    featuredIn(ctx, personId, now),
  ]);

  const growth = new Map<string, { week: string; shares: number; humanClicks: number; visitors: number }>();
  for (let week = from; week <= to; week = addDays(week, 7)) growth.set(week, { week, shares: 0, humanClicks: 0, visitors: 0 });
  for (const day of range.daily) {
    const bucket = growth.get(mondayOf(day.day));
    if (!bucket) continue;
    bucket.humanClicks += day.human;
    bucket.visitors += day.visitors;
  }
  const byNetwork = new Map<Network, number>();
  for (const row of sharesPerWeek) {
    const bucket = growth.get(row.week);
    if (bucket) bucket.shares += row.n;
    byNetwork.set(row.network, (byNetwork.get(row.network) ?? 0) + row.n);
  }

  return {
    from,
    to,
    weeks,
    range: totalsOf(range),
    allTime: totalsOf(allTime),
    sharesByNetwork: [...byNetwork].map(([network, n]) => ({ network, shares: n })).sort((a, b) => b.shares - a.shares || a.network.localeCompare(b.network)),
    growth: [...growth.values()],
    reach,
    featured,
  };
}

/** My shares per ISO week (Monday, UTC) and network within the range. */
async function sharesByWeekAndNetwork(tx: Tx, personId: string, from: string, to: string) {
  return tx
    .select({
      week: sql<string>`to_char(date_trunc('week', ${shares.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`,
      network: shares.network,
      n: sql<number>`count(*)::int`,
    })
    .from(shares)
    .where(and(eq(shares.personId, personId), sql`${shares.createdAt} >= ${`${from}T00:00:00Z`}::timestamptz`, sql`${shares.createdAt} < ${`${addDays(to, 1)}T00:00:00Z`}::timestamptz`))
    .groupBy(sql`1`, shares.network);
}

/**
 * My reach next to the company page's: my own LinkedIn network size when I entered it, else the
 * median of what colleagues entered (only with at least five of them), else unknown.
 */
async function reachOf(ctx: AppContext, personId: string): Promise<ImpactView['reach']> {
  const db = ctx.database.db;
  const [[me], [colleagues], company] = await Promise.all([
    db.select({ networkSize: people.networkSize }).from(people).where(eq(people.id, personId)),
    db
      .select({
        n: sql<number>`count(*)::int`,
        median: sql<unknown>`percentile_cont(0.5) within group (order by ${people.networkSize})`,
      })
      .from(people)
      .where(and(isNotNull(people.networkSize), ne(people.id, personId), isNull(people.erasedAt))),
    getSetting(db, 'company.followers'),
  ]);
  let mine: number | null = me?.networkSize ?? null;
  let source: ImpactView['reach']['source'] = mine === null ? 'unknown' : 'self_reported';
  if (mine === null && colleagues && colleagues.n >= MIN_PEOPLE_FOR_MEDIAN && colleagues.median !== null) {
    mine = Math.round(Number(colleagues.median));
    source = 'colleagues_median';
  }
  const ratio = mine !== null && company.linkedin ? Math.round((mine / company.linkedin) * 10_000) / 10_000 : null;
  return { mine, source, company, ratio };
}

/** Published stories (inside their publish window, not expired) that feature me, newest first. */
async function featuredIn(ctx: AppContext, personId: string, now: Date): Promise<ImpactView['featured']> {
  const rows = await ctx.database.db
    .select({ id: stories.id, title: stories.title, slug: stories.slug, externalUrl: stories.externalUrl, publishedAt: stories.publishedAt })
    .from(storyFeatured)
    .innerJoin(stories, eq(stories.id, storyFeatured.storyId))
    .where(
      and(
        eq(storyFeatured.personId, personId),
        eq(stories.status, 'published'),
        isNotNull(stories.publishedAt),
        lte(stories.publishedAt, now),
        or(isNull(stories.expireAt), gt(stories.expireAt, now)),
      ),
    )
    .orderBy(desc(stories.publishedAt), desc(stories.id))
    .limit(100);
  return rows.map((row) => ({ id: row.id, title: row.title, slug: row.slug, url: storyCanonicalUrl(ctx.config, row), publishedAt: row.publishedAt?.toISOString() ?? null }));
}
