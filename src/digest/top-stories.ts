import type { AppContext } from '../context.ts';
import { type FeedProfile, feedProfileOf } from '../personas/feed-hint.ts';
import type { PersonaKey } from '../db/schema/engagement.ts';
import { loadPool, type Pool, rankPool, type Ranking } from '../sharing/feed-pool.ts';
import { dateIn } from '../sharing/today.ts';
import { loadThemePressure } from '../vacancies/pressure.ts';

/** How many stories a digest suggests. */
export const DIGEST_STORIES = 3;

/** What a reader's feed ranking depends on, and what the digest leaves out. */
export interface DigestReader {
  personId: string;
  timeZone: string;
  /** Group ids, sorted (targeting and department pressure). */
  groups: readonly string[];
  /** Their persona: the feed meets cautious movers and job hoppers halfway (src/personas/feed-hint.ts). */
  persona: PersonaKey | null;
  /** Stories the reader shared: a digest suggests something new. */
  shared: ReadonlySet<string>;
}

/**
 * The top stories "ranked as your feed" for many readers at once. The feed ranks a pool (the same
 * for everyone on one calendar day) by each reader's group set and persona profile
 * (src/sharing/feed-pool.ts), so readers are grouped by (their day, their groups, their profile):
 * the pool is read once per day and ranked once per group, then each reader walks their group's
 * ranking, skipping what they shared (their own feed moves those stories down; the digest leaves
 * them out).
 */
export class FeedRanker {
  readonly #ctx: AppContext;
  readonly #now: Date;
  readonly #pools = new Map<string, Promise<Pool>>();
  readonly #rankings = new Map<string, Promise<Ranking>>();
  #pressure: ReturnType<typeof loadThemePressure> | null = null;
  /** How many rankings were worked out (one per distinct day, group set and profile). */
  rankingsMade = 0;

  constructor(ctx: AppContext, now: Date) {
    this.#ctx = ctx;
    this.#now = now;
  }

  #pool(today: string): Promise<Pool> {
    let pool = this.#pools.get(today);
    if (!pool) {
      // One hiring-pressure table for the whole run, as one feed pool has one.
      this.#pressure ??= loadThemePressure(this.#ctx.database.db, this.#now);
      const pressure = this.#pressure;
      pool = Promise.all([loadPool(this.#ctx, undefined, today, this.#now.getTime(), this.#now), pressure]).then(([stories, table]) => ({ ...stories, pressure: table }));
      this.#pools.set(today, pool);
    }
    return pool;
  }

  /** The feed's ranking for a day, group set and persona profile, worked out once. */
  ranking(today: string, groups: readonly string[], profile: FeedProfile | null): Promise<Ranking> {
    const key = `${today}|${groups.join(',')}|${profile ?? ''}`;
    let ranking = this.#rankings.get(key);
    if (!ranking) {
      ranking = this.#pool(today).then((pool) => {
        this.rankingsMade++;
        return rankPool(pool, new Set(groups), profile);
      });
      this.#rankings.set(key, ranking);
    }
    return ranking;
  }

  /** A reader's top stories: their feed's order, without the stories they shared. */
  async topStories(reader: DigestReader, limit = DIGEST_STORIES): Promise<string[]> {
    const ranking = await this.ranking(dateIn(reader.timeZone, this.#now), reader.groups, feedProfileOf(reader.persona));
    const top: string[] = [];
    for (const entry of ranking.entries) {
      if (reader.shared.has(entry.id)) continue;
      top.push(entry.id);
      if (top.length === limit) break;
    }
    return top;
  }
}
