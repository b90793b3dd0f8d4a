import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rowsOf } from '../db/rows.ts';
import { getSetting } from '../settings/service.ts';
import { touchpointBuckets } from '../stats/schema.ts';
import { suppressGroup } from './anonymity.ts';
import { groupFigures } from './figures.ts';
import { type AnalyticsFilter, conversionPeriod, isNarrowed, type Period, periodsOf, shareConditions, touchpointConditions } from './filters.ts';
import type { Overview, OverviewFigures } from './schema.ts';

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/**
 * Participation at the end of a period: each ambassador's status then (their status now, or where
 * the first change after the end started from), narrowed to a department or location by current
 * membership; the other filters are about shares, not people.
 */
async function participation(ctx: AppContext, filter: AnalyticsFilter, period: Period): Promise<{ active: number; invited: number }> {
  const end = period.end.toISOString();
  const member = (groupId: string | undefined) =>
    groupId ? sql`and exists (select 1 from group_memberships gm where gm.person_id = p.id and gm.group_id = ${groupId})` : sql``;
  const [row] = rowsOf<{ active: number; invited: number }>(
    await ctx.database.db.execute(sql`
      select count(*) filter (where st.status = 'active')::int as active,
        count(*) filter (where st.status in ('invited', 'active', 'paused'))::int as invited
      from people p
      cross join lateral (select coalesce(
          (select h.from_status from person_status_changes h where h.person_id = p.id and h.changed_at >= ${end}::timestamptz order by h.changed_at, h.id limit 1),
          p.ambassador_status) as status) st
      where 'ambassador' = any(p.roles) and p.created_at < ${end}::timestamptz ${member(filter.department)} ${member(filter.location)}`),
  );
  return { active: Number(row?.active ?? 0), invited: Number(row?.invited ?? 0) };
}

/** Sharers and their networks: reach counts each sharer once, impressions count every share. */
async function networks(ctx: AppContext, filter: AnalyticsFilter, period: Period, defaultSize: number) {
  const [row] = rowsOf<{ sharers: number; known: number; reach: number; share_network: number }>(
    await ctx.database.db.execute(sql`
      with made as (select s.person_id from shares s where ${shareConditions(filter, 's', period)})
      select (select count(distinct person_id) from made)::int as sharers,
        (select count(*) from people p where p.id in (select person_id from made) and p.network_size is not null)::int as known,
        (select coalesce(sum(coalesce(p.network_size, ${defaultSize}::int)), 0) from people p where p.id in (select person_id from made))::float8 as reach,
        (select coalesce(sum(coalesce(p.network_size, ${defaultSize}::int)), 0) from made m join people p on p.id = m.person_id)::float8 as share_network`),
  );
  return { sharers: Number(row?.sharers ?? 0), known: Number(row?.known ?? 0), reach: Number(row?.reach ?? 0), shareNetwork: Number(row?.share_network ?? 0) };
}

/** Touchpoints before the applications of the period that touched the filter: median and 1 … 7, 8+. */
async function touchpointsBeforeApplication(ctx: AppContext, filter: AnalyticsFilter, period: Period): Promise<OverviewFigures['touchpoints']> {
  const counted = sql`select c.touchpoint_count from conversions c
    where c.type = 'application' and c.touchpoint_count > 0 and ${conversionPeriod(period, 'c')}
      and exists (select 1 from conversion_touchpoints t where t.conversion_id = c.id and ${touchpointConditions(filter, 't')})`;
  const db = ctx.database.db;
  const [medianRows, bucketRows] = await Promise.all([
    db.execute(sql`select percentile_cont(0.5) within group (order by touchpoint_count) as median from (${counted}) x`).then((r) => rowsOf<{ median: unknown }>(r)),
    db.execute(sql`select least(touchpoint_count, 8)::int as bucket, count(*)::int as n from (${counted}) x group by 1`).then((r) => rowsOf<{ bucket: number; n: number }>(r)),
  ]);
  const median = medianRows[0]?.median;
  const counts = new Map(bucketRows.map((row) => [Number(row.bucket), Number(row.n)]));
  return {
    median: median === null || median === undefined ? null : round(Number(median), 1),
    histogram: touchpointBuckets.map((touchpoints, index) => ({ touchpoints, applications: counts.get(index + 1) ?? 0 })),
  };
}

/** The overview's figures for one period, with the number of distinct people behind them. */
export async function overviewFigures(ctx: AppContext, filter: AnalyticsFilter, period: Period, options: { people: boolean } = { people: true }): Promise<OverviewFigures & { people: number }> {
  const db = ctx.database.db;
  const [emv, defaultNetworkSize, followers] = await Promise.all([
    getSetting(db, 'analytics.emv'),
    getSetting(db, 'analytics.defaultNetworkSize'),
    getSetting(db, 'company.followers'),
  ]);
  const [[figures], people, network, touchpoints] = await Promise.all([
    groupFigures(ctx, filter, period, null, options),
    participation(ctx, filter, period),
    networks(ctx, filter, period, defaultNetworkSize),
    touchpointsBeforeApplication(ctx, filter, period),
  ]);
  const shares = figures?.shares ?? 0;
  const clicks = figures?.clicks ?? { human: 0, unique: 0, visitors: 0, bot: 0 };
  const impressions = Math.round(network.shareNetwork * emv.impressionsPerNetworkMember);
  return {
    people: figures?.people ?? 0,
    participation: { ...people, sharers: network.sharers },
    shares,
    clicks: { ...clicks, visitorsCounted: 'sum_of_daily_uniques' },
    clickThroughPerShare: shares === 0 ? null : round(clicks.human / shares, 2),
    conversions: figures?.conversions ?? { apply_started: 0, application: 0, hire: 0, lead: 0, signup: 0 },
    earnedMediaValue: {
      amount: round(clicks.human * emv.costPerClick + (impressions / 1000) * emv.costPerThousandImpressions, 2),
      currency: emv.currency,
      costPerClick: emv.costPerClick,
      costPerThousandImpressions: emv.costPerThousandImpressions,
      impressionsPerNetworkMember: emv.impressionsPerNetworkMember,
      impressions,
    },
    reach: { estimated: Math.round(network.reach), sharersWithKnownNetwork: network.known, defaultNetworkSize, companyFollowers: followers.linkedin },
    touchpoints,
  };
}

/**
 * The overview for a filter: this period's figures and the previous period's. A view narrowed to
 * a group of fewer than MIN_GROUP people has its figures left out for everyone but admins.
 */
export async function analyticsOverview(ctx: AppContext, filter: AnalyticsFilter, options: { admin: boolean }): Promise<Overview> {
  const { current, previous } = periodsOf(filter, ctx.clock.now());
  const present = (figures: OverviewFigures & { people: number }) => {
    const { people, ...rest } = figures;
    if (!isNarrowed(filter)) return { ...rest, suppressed: false };
    const checked = suppressGroup({ people }, options);
    return checked.suppressed ? { suppressed: true } : { ...rest, suppressed: false };
  };
  // Only a narrowed view seen by a non-admin needs the number of people behind it.
  const people = { people: isNarrowed(filter) && !options.admin };
  const [now, before] = await Promise.all([overviewFigures(ctx, filter, current, people), previous ? overviewFigures(ctx, filter, previous, people) : null]);
  return {
    period: { from: current.from, to: current.to },
    previousPeriod: previous ? { from: previous.from, to: previous.to } : null,
    ...present(now),
    previous: before ? present(before) : null,
  };
}
