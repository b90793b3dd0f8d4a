import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rowsOf } from '../db/rows.ts';
import type { PersonaKey } from '../db/schema/engagement.ts';
import { digests } from '../db/schema/index.ts';
import { hasImpact, impactOfEveryone, noImpact } from './impact.ts';
import { digestWeekOf, impactDaysOf, sendTimeFor } from './schedule.ts';
import { FeedRanker } from './top-stories.ts';

/** People per 'digests.send' job: the people of one time zone, in chunks of this many. */
export const SEND_CHUNK = 200;
const INSERT_BATCH = 2_000;

export interface PreparedDigests {
  week: string;
  prepared: number;
  skipped: number;
  /** Distinct (day, group set) rankings worked out for everyone. */
  rankings: number;
  sendJobs: number;
}

/**
 * Who gets a digest: active ambassadors whose account is on, not erased, not unsubscribed from the
 * digest, and not paused, opted out or alumni (their status is then not 'active').
 */
const RECIPIENTS = sql`p.ambassador_status = 'active' and p.active and p.erased_at is null
  and p.digest_unsubscribed_at is null and 'ambassador' = any(p.roles)`;

/**
 * The weekly 'digests.prepare' job: for every recipient without a digest this week, the top
 * stories ranked as their feed (without the ones they shared) and their impact of the week just
 * ended, in bulk: one read of the people (groups, persona) and their shares, one ranking per
 * group set and persona profile, three grouped impact queries and batched inserts. Nothing to
 * show (no story, no impact): skipped.
 * Then one 'digests.send' job per time zone and chunk, at 08:00 on a weekday where they are.
 * Running it again in the same week adds only those who had no digest yet.
 */
export async function prepareDigests(ctx: AppContext): Promise<PreparedDigests> {
  const now = ctx.clock.now();
  const week = digestWeekOf(now);
  const db = ctx.database.db;
  const days = impactDaysOf(week);
  const [readers, sharedRows, impact] = await Promise.all([
    db
      .execute(sql`select p.id, p.time_zone, (select pp.persona from person_personas pp where pp.person_id = p.id) as persona,
          (select coalesce(string_agg(gm.group_id::text, ',' order by gm.group_id), '') from group_memberships gm where gm.person_id = p.id) as groups
        from people p
        where ${RECIPIENTS} and not exists (select 1 from digests d where d.person_id = p.id and d.week = ${week})`)
      .then((result) => rowsOf<{ id: string; time_zone: string; persona: PersonaKey | null; groups: string }>(result)),
    db
      .execute(sql`select s.person_id, string_agg(distinct s.story_id::text, ',') as stories
        from shares s join people p on p.id = s.person_id
        where s.story_id is not null and ${RECIPIENTS} group by s.person_id`)
      .then((result) => rowsOf<{ person_id: string; stories: string }>(result)),
    impactOfEveryone(db, days.from, days.to),
  ]);
  const sharedBy = new Map(sharedRows.map((row) => [row.person_id, new Set(row.stories.split(','))]));
  const ranker = new FeedRanker(ctx, now);
  const none = new Set<string>();
  const rows: (typeof digests.$inferInsert)[] = [];
  for (const reader of readers) {
    const storyIds = await ranker.topStories({ personId: reader.id, timeZone: reader.time_zone, groups: reader.groups ? reader.groups.split(',') : [], persona: reader.persona, shared: sharedBy.get(reader.id) ?? none });
    const mine = impact.get(reader.id) ?? noImpact();
    const status = storyIds.length > 0 || hasImpact(mine) ? 'prepared' : 'skipped';
    rows.push({ personId: reader.id, week, storyIds, impact: { ...mine }, status, preparedAt: now });
  }
  for (let i = 0; i < rows.length; i += INSERT_BATCH) await db.insert(digests).values(rows.slice(i, i + INSERT_BATCH)).onConflictDoNothing();
  const sendJobs = await enqueueSends(ctx, week, now);
  const prepared = rows.filter((row) => row.status === 'prepared').length;
  return { week, prepared, skipped: rows.length - prepared, rankings: ranker.rankingsMade, sendJobs };
}

/**
 * One 'digests.send' job per time zone and chunk for every digest of the week still waiting
 * (also those of an earlier, interrupted run: a send is idempotent, so a second job is harmless).
 */
async function enqueueSends(ctx: AppContext, week: string, now: Date): Promise<number> {
  const waiting = await ctx.database.db
    .execute(sql`select d.person_id, p.time_zone from digests d join people p on p.id = d.person_id
      where d.week = ${week} and d.status = 'prepared' order by p.time_zone, d.person_id`)
    .then((result) => rowsOf<{ person_id: string; time_zone: string }>(result));
  const byZone = new Map<string, string[]>();
  for (const row of waiting) {
    const zone = byZone.get(row.time_zone);
    if (zone) zone.push(row.person_id);
    else byZone.set(row.time_zone, [row.person_id]);
  }
  let jobs = 0;
  for (const [timeZone, personIds] of byZone) {
    const startAfter = sendTimeFor(timeZone, now);
    for (let i = 0; i < personIds.length; i += SEND_CHUNK) {
      await ctx.jobs.send('digests.send', { week, personIds: personIds.slice(i, i + SEND_CHUNK) }, { startAfter });
      jobs++;
    }
  }
  return jobs;
}
