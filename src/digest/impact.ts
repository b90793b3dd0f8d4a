import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { addDays } from '../impact/weeks.ts';

/** A person's impact over some days, as the digest reports it. */
export interface WeekImpact {
  shares: number;
  humanClicks: number;
  visitors: number;
  applications: number;
}

export const noImpact = (): WeekImpact => ({ shares: 0, humanClicks: 0, visitors: 0, applications: 0 });
export const hasImpact = (impact: WeekImpact): boolean => impact.shares + impact.humanClicks + impact.visitors + impact.applications > 0;

/**
 * Everyone's impact over UTC days `from`…`to` in three grouped queries, counted as the impact page
 * and the stats API count it: clicks and visitors from the daily click rollups (bots and previews
 * are kept apart there and never counted), applications from the conversions' touchpoints.
 */
export async function impactOfEveryone(tx: Tx, from: string, to: string): Promise<Map<string, WeekImpact>> {
  const start = `${from}T00:00:00Z`;
  const end = `${addDays(to, 1)}T00:00:00Z`;
  const [clicks, made, applications] = await Promise.all([
    tx.execute(sql`select person_id, sum(human_clicks)::int as human, sum(visitors)::int as visitors
      from click_rollups_daily where day >= ${from} and day <= ${to} group by person_id`),
    tx.execute(sql`select person_id, count(*)::int as n from shares
      where created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz group by person_id`),
    tx.execute(sql`select ct.person_id, count(distinct c.id)::int as n
      from conversion_touchpoints ct join conversions c on c.id = ct.conversion_id
      where c.type = 'application' and c.occurred_at >= ${start}::timestamptz and c.occurred_at < ${end}::timestamptz
      group by ct.person_id`),
  ]);
  const impact = new Map<string, WeekImpact>();
  const of = (personId: string) => {
    let known = impact.get(personId);
    if (!known) {
      known = noImpact();
      impact.set(personId, known);
    }
    return known;
  };
  for (const row of rowsOf<{ person_id: string; human: number; visitors: number }>(clicks)) {
    const known = of(row.person_id);
    known.humanClicks = Number(row.human);
    known.visitors = Number(row.visitors);
  }
  for (const row of rowsOf<{ person_id: string; n: number }>(made)) of(row.person_id).shares = Number(row.n);
  for (const row of rowsOf<{ person_id: string; n: number }>(applications)) of(row.person_id).applications = Number(row.n);
  return impact;
}
