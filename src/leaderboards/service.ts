import { eq, sql } from 'drizzle-orm';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { people } from '../db/schema/index.ts';
import { impactOfEveryone } from '../digest/impact.ts';
import { AppError } from '../http/errors.ts';
import { addDays, utcDay } from '../impact/weeks.ts';
import { getSetting } from '../settings/service.ts';
import { readsAnalytics } from './policy.ts';
import type { LeaderboardQuery, LeaderboardRow, LeaderboardView } from './schema.ts';

/** The preference a person sets on their profile to appear on leaderboards (off unless they choose it). */
export const OPT_IN_PREFERENCE = 'leaderboardOptIn';

/** Whether a person chose to appear on leaderboards. */
export const optedIn = (preferences: Record<string, unknown>): boolean => preferences[OPT_IN_PREFERENCE] === true;

/** Statuses that never see a leaderboard: someone who paused, left the programme or left the organisation. */
const OUTSIDE_THE_PROGRAMME = new Set(['paused', 'opted_out', 'alumni']);

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The fair leaderboard: teams (or departments) ranked per capita, so a team of 5 is not measured
 * against a team of 50. Only members who opted in appear, by name, and only their shares and clicks
 * count; the figures are divided by all the group's active ambassadors, so a team is not flattered
 * by a few keen members. Paused, opted-out and former colleagues are never counted or listed, and a
 * group nobody opted into is left out rather than shown at the bottom.
 */
export async function leaderboard(ctx: AppContext, auth: SignedIn, query: LeaderboardQuery): Promise<LeaderboardView> {
  const db = ctx.database.db;
  if (!(await getSetting(db, 'leaderboards.enabled'))) throw new AppError(409, 'leaderboards_off', 'error.leaderboards_off');
  let me: { optedIn: boolean } | null = null;
  if (auth.personId) {
    const [viewer] = await db.select({ status: people.ambassadorStatus, preferences: people.preferences }).from(people).where(eq(people.id, auth.personId)).limit(1);
    const outside = !viewer || OUTSIDE_THE_PROGRAMME.has(viewer.status) || (viewer.status === 'invited' && !readsAnalytics(auth));
    if (outside) throw new AppError(403, 'leaderboard_not_for_you', 'error.leaderboard_not_for_you');
    me = { optedIn: optedIn(viewer.preferences) };
  }
  const to = query.to ?? utcDay(ctx.clock.now());
  const from = query.from ?? addDays(to, -27);
  if (to < from) throw new AppError(400, 'period_invalid', 'error.period_invalid', { start: from, end: to });
  return { by: query.by, period: { from, to }, rows: await rankGroups(db, query.by, from, to), me };
}

interface Member {
  group_id: string;
  group_name: string;
  person_id: string;
  person_name: string;
  opted_in: boolean;
}

/** Ranks the groups of one kind over UTC days from…to (both included). */
export async function rankGroups(tx: Tx, kind: 'team' | 'department', from: string, to: string): Promise<LeaderboardRow[]> {
  const members = rowsOf<Member>(
    await tx.execute(sql`select g.id as group_id, g.name as group_name, p.id as person_id, p.name as person_name,
        coalesce((p.preferences ->> ${OPT_IN_PREFERENCE})::boolean, false) as opted_in
      from group_memberships gm
      join groups g on g.id = gm.group_id and g.kind = ${kind}
      join people p on p.id = gm.person_id
      where p.ambassador_status = 'active' and p.active and p.erased_at is null`),
  );
  const impact = await impactOfEveryone(tx, from, to);
  const groups = new Map<string, Omit<LeaderboardRow, 'rank' | 'sharesPerMember' | 'clicksPerMember'>>();
  for (const m of members) {
    let group = groups.get(m.group_id);
    if (!group) {
      group = { group: { id: m.group_id, name: m.group_name }, members: 0, participants: 0, shares: 0, humanClicks: 0, people: [] };
      groups.set(m.group_id, group);
    }
    group.members += 1;
    if (!m.opted_in) continue;
    group.participants += 1;
    group.people.push({ id: m.person_id, name: m.person_name });
    const own = impact.get(m.person_id);
    group.shares += own?.shares ?? 0;
    group.humanClicks += own?.humanClicks ?? 0;
  }
  const rows = [...groups.values()]
    .filter((g) => g.participants > 0)
    .map((g) => ({
      ...g,
      people: g.people.sort((a, b) => a.name.localeCompare(b.name)),
      sharesPerMember: round2(g.shares / g.members),
      clicksPerMember: round2(g.humanClicks / g.members),
    }))
    .sort((a, b) => b.shares / b.members - a.shares / a.members || b.humanClicks / b.members - a.humanClicks / a.members || a.group.name.localeCompare(b.group.name));
  // Equal figures share a rank (1, 2, 2, 4).
  return rows.map((row, i) => {
    const first = rows.findIndex((r) => r.sharesPerMember === row.sharesPerMember && r.clicksPerMember === row.clicksPerMember);
    return { rank: (first === -1 ? i : first) + 1, ...row };
  });
}
