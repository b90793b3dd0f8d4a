import { sql } from 'drizzle-orm';
import type { Auth } from '../auth/context.ts';
import { type AppContext, perContext } from '../context.ts';
import { pgArray } from '../links/store.ts';
import { RecentCache } from '../public/cache.ts';

/**
 * Feed visits and story reads, the persona model's lurking signal, recorded on the hottest paths
 * (the feed, the story page) without slowing them: each node remembers in memory what it counted
 * in the last 30 minutes and counts a person's feed visit (and a read of one story) at most once in
 * that time; counts are gathered in memory and written every few seconds as ONE upsert into
 * activity_daily for every person and day in the batch. The request never waits for the write.
 * Losing a few counts on a crash is fine: the model needs the trend, not every visit.
 */

/** A feed visit (or a read of the same story) counts once per person per this long, per node. */
export const ACTIVITY_THROTTLE_MS = 30 * 60_000;
/** Gathered counts are written this long after the first of them. */
export const ACTIVITY_FLUSH_MS = 2_000;
/** Memory bound of what a node remembers as counted (older entries go first). */
const MAX_REMEMBERED = 100_000;

interface Pending {
  personId: string;
  day: string;
  feedVisits: number;
  storyReads: number;
}

interface Recorder {
  counted: RecentCache<true>;
  pending: Map<string, Pending>;
  timer: ReturnType<typeof setTimeout> | null;
  writing: Promise<void>;
}

const recorders = perContext<Recorder>(() => ({ counted: new RecentCache<true>(ACTIVITY_THROTTLE_MS, MAX_REMEMBERED), pending: new Map(), timer: null, writing: Promise.resolve() }));

/** Only people in a browser session leave a visit: integrations reading the feed with a token do not. */
const visitorOf = (auth: Auth): string | null => (auth.kind === 'session' ? auth.personId : null);

function note(ctx: AppContext, personId: string, key: string, kind: 'feedVisits' | 'storyReads'): void {
  const recorder = recorders(ctx);
  const now = ctx.clock.now();
  if (recorder.counted.get(key, now.getTime())) return;
  recorder.counted.set(key, true, now.getTime());
  const day = now.toISOString().slice(0, 10);
  const slot = `${personId}:${day}`;
  let pending = recorder.pending.get(slot);
  if (!pending) {
    pending = { personId, day, feedVisits: 0, storyReads: 0 };
    recorder.pending.set(slot, pending);
  }
  pending[kind]++;
  if (!recorder.timer) {
    recorder.timer = setTimeout(() => void flushActivity(ctx), ACTIVITY_FLUSH_MS);
    recorder.timer.unref();
  }
}

/** Counts a visit to the feed by the signed-in person (at most once per 30 minutes). */
export function noteFeedVisit(ctx: AppContext, auth: Auth): void {
  const personId = visitorOf(auth);
  if (personId) note(ctx, personId, `feed:${personId}`, 'feedVisits');
}

/** Counts a signed-in person's read of a story (the same story at most once per 30 minutes). */
export function noteStoryRead(ctx: AppContext, auth: Auth, storyId: string): void {
  const personId = visitorOf(auth);
  if (personId) note(ctx, personId, `read:${personId}:${storyId}`, 'storyReads');
}

/**
 * Writes what was gathered, in one statement (rows in key order, so two nodes never wait on each
 * other in a cycle). Called by the timer, at shutdown, and by tests.
 */
export function flushActivity(ctx: AppContext): Promise<void> {
  const recorder = recorders(ctx);
  if (recorder.timer) clearTimeout(recorder.timer);
  recorder.timer = null;
  const batch = [...recorder.pending.values()].sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : a.day < b.day ? -1 : 1));
  recorder.pending.clear();
  recorder.writing = recorder.writing.then(async () => {
    if (batch.length === 0) return;
    try {
      await ctx.database.db.execute(sql`
        insert into activity_daily (person_id, day, feed_visits, story_reads)
        select i.* from unnest(${pgArray(batch.map((p) => p.personId))}::uuid[], ${pgArray(batch.map((p) => p.day))}::date[],
          ${pgArray(batch.map((p) => p.feedVisits))}::int[], ${pgArray(batch.map((p) => p.storyReads))}::int[]) as i(person_id, day, feed_visits, story_reads)
        -- A person removed meanwhile (a test database, say) must not cost everyone else their counts.
        where exists (select 1 from people p where p.id = i.person_id)
        on conflict (person_id, day) do update set feed_visits = activity_daily.feed_visits + excluded.feed_visits,
          story_reads = activity_daily.story_reads + excluded.story_reads`);
    } catch (error) {
      ctx.log.warn({ err: error, rows: batch.length }, 'activity counts not written');
    }
  });
  return recorder.writing;
}
