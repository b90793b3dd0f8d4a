import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rowsOf } from '../db/rows.ts';
import { type AnalyticsFilter, conversionPeriod, rollupConditions, shareConditions, touchpointConditions } from './filters.ts';
import type { Period } from './filters.ts';

/** What the breakdowns can group by. */
export const breakdownDimensions = ['department', 'location', 'persona', 'theme', 'format', 'campaign', 'network', 'audience'] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];

/** The figures of one group (or of everything): the people behind them, shares, clicks and conversions. */
export interface GroupFigures {
  key: string | null;
  people: number;
  shares: number;
  clicks: { human: number; unique: number; visitors: number; bot: number };
  conversions: { apply_started: number; application: number; hire: number; lead: number; signup: number };
}

/**
 * How a source row (a rollup, share or touchpoint, all carrying the share's dimensions as at the
 * time of the share) maps to a group: an optional join and the key. Theme and location may give a
 * row more than one group (a story with two themes, a person in two locations).
 */
function grouping(by: BreakdownDimension | null, alias: string): { join: SQL; key: SQL } {
  const col = (name: string) => sql.raw(`${alias}.${name}`);
  switch (by) {
    case null:
      return { join: sql``, key: sql`null::text` };
    case 'department':
      return { join: sql``, key: sql`${col('department_id')}::text` };
    case 'persona':
      return { join: sql``, key: col('persona_key') };
    case 'network':
      return { join: sql``, key: sql`${col('network')}::text` };
    case 'campaign':
      return { join: sql``, key: sql`${col('campaign_id')}::text` };
    case 'audience':
      return { join: sql``, key: sql`${col('audience_id')}::text` };
    case 'theme':
      return { join: sql`left join story_themes bt on bt.story_id = ${col('story_id')}`, key: sql`bt.theme_id::text` };
    case 'format':
      return { join: sql`left join stories bf on bf.id = ${col('story_id')}`, key: sql`bf.format::text` };
    case 'location':
      return {
        join: sql`left join (select gm.person_id, gm.group_id from group_memberships gm join groups lg on lg.id = gm.group_id and lg.kind = 'location') bl on bl.person_id = ${col('person_id')}`,
        key: sql`bl.group_id::text`,
      };
  }
}

const emptyFigures = (key: string | null): GroupFigures => ({
  key,
  people: 0,
  shares: 0,
  clicks: { human: 0, unique: 0, visitors: 0, bot: 0 },
  conversions: { apply_started: 0, application: 0, hire: 0, lead: 0, signup: 0 },
});

/**
 * The figures for a filter and period, per group of `by` (or one row for everything when `by` is
 * null): clicks from click_rollups_daily, shares made in the period, conversions that occurred in
 * the period with at least one touchpoint in the group, and the distinct people behind any of them
 * (the size k-anonymity looks at; left at 0 with `people: false`). Never reads raw clicks.
 */
export async function groupFigures(ctx: AppContext, filter: AnalyticsFilter, period: Period, by: BreakdownDimension | null, options: { people: boolean } = { people: true }): Promise<GroupFigures[]> {
  const db = ctx.database.db;
  const r = grouping(by, 'r');
  const s = grouping(by, 's');
  const t = grouping(by, 't');
  const rollupWhere = rollupConditions(filter, 'r', period);
  const shareWhere = shareConditions(filter, 's', period);
  const touchWhere = sql`${touchpointConditions(filter, 't')} and ${conversionPeriod(period, 'c')}`;
  const [clickRows, shareRows, conversionRows, peopleRows] = await Promise.all([
    db
      .execute(sql`select ${r.key} as key, sum(r.human_clicks)::int as human, sum(r.unique_clicks)::int as uniq, sum(r.visitors)::int as visitors,
          sum(r.bot_clicks + r.previews)::int as bot
        from click_rollups_daily r ${r.join} where ${rollupWhere} group by 1`)
      .then((x) => rowsOf<{ key: string | null; human: number; uniq: number; visitors: number; bot: number }>(x)),
    db.execute(sql`select ${s.key} as key, count(*)::int as n from shares s ${s.join} where ${shareWhere} group by 1`).then((x) => rowsOf<{ key: string | null; n: number }>(x)),
    db
      .execute(sql`select ${t.key} as key, c.type, count(distinct c.id)::int as n
        from conversion_touchpoints t join conversions c on c.id = t.conversion_id ${t.join}
        where ${touchWhere} group by 1, 2`)
      .then((x) => rowsOf<{ key: string | null; type: keyof GroupFigures['conversions']; n: number }>(x)),
    // The people behind the figures cost a pass over the period's rollups: only counted where a rule needs them.
    options.people
      ? db
          // union all, then one row per (key, person) by hashing: a plain union sorts every row, on disk for a year.
          .execute(sql`select key, count(*)::int as n from (
              select key, person_id from (
                select ${r.key} as key, r.person_id from click_rollups_daily r ${r.join} where ${rollupWhere}
                union all select ${s.key} as key, s.person_id from shares s ${s.join} where ${shareWhere}
                union all select ${t.key} as key, t.person_id from conversion_touchpoints t join conversions c on c.id = t.conversion_id ${t.join} where ${touchWhere}
              ) every_row group by key, person_id
            ) behind group by 1`)
          .then((x) => rowsOf<{ key: string | null; n: number }>(x))
      : Promise.resolve([]),
  ]);
  const byKey = new Map<string | null, GroupFigures>();
  const rowOf = (key: string | null) => {
    let row = byKey.get(key);
    if (!row) {
      row = emptyFigures(key);
      byKey.set(key, row);
    }
    return row;
  };
  if (by === null) rowOf(null);
  for (const row of clickRows) rowOf(row.key).clicks = { human: Number(row.human ?? 0), unique: Number(row.uniq ?? 0), visitors: Number(row.visitors ?? 0), bot: Number(row.bot ?? 0) };
  for (const row of shareRows) rowOf(row.key).shares = Number(row.n);
  for (const row of conversionRows) rowOf(row.key).conversions[row.type] = Number(row.n);
  for (const row of peopleRows) rowOf(row.key).people = Number(row.n);
  return [...byKey.values()];
}
