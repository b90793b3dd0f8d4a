import { eq, sql } from 'drizzle-orm';
import { type AppContext, perContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { audiences } from '../db/schema/index.ts';
import type { Language } from '../db/schema/people.ts';
import { AppError } from '../http/errors.ts';
import { decodeCursor, encodeCursor } from '../http/pagination.ts';
import { peopleGeneration } from '../people/changes.ts';
import { RecentCache } from '../public/cache.ts';
import { themePressure } from '../vacancies/pressure.ts';
import { type BaseCard, presentCards } from './feed-cards.ts';
import { loadPool, type Pool, rankPool, type Ranking, type RankingEntry, reasonsOf, tailOf } from './feed-pool.ts';
import { personalOrder, positionAfter } from './ranking.ts';
import type { FeedCard, FeedQuery } from './schema.ts';
import { dateIn } from './today.ts';
import { rowsOf } from '../db/rows.ts';
import type { PersonaKey } from '../db/schema/engagement.ts';
import { type FeedProfile, feedHintOf, feedProfileOf } from '../personas/feed-hint.ts';

export { RANKED_CANDIDATES } from './feed-pool.ts';

interface Reader {
  groups: string[];
  today: string;
  /** How the feed meets the reader's persona halfway (src/personas/feed-hint.ts); null: as everyone's. */
  profile: FeedProfile | null;
  /** How often the reader shared each story (story id → count). */
  sharedByMe: Map<string, number>;
  /** The reader's own order of each ranking they read lately (their shared stories lower), kept while they scroll. */
  orders: WeakMap<Ranking, readonly RankingEntry[]>;
}

/**
 * A reader is remembered for a few seconds (a person scrolling the feed asks for several pages).
 * Their own new share forgets them at once; a change to people or groups moves the generation on.
 */
const recentReaders = perContext(() => new RecentCache<Omit<Reader, 'today'> & { timeZone: string }>(5_000, 10_000));
const readerKey = (ctx: AppContext, personId: string) => `${peopleGeneration(ctx)}:${personId}`;

/** Called when a person shares: their own share counts in the feed change. */
export function forgetReader(ctx: AppContext, personId: string): void {
  recentReaders(ctx).delete(readerKey(ctx, personId));
}

async function readerOf(ctx: AppContext, personId: string | null, now: Date): Promise<Reader> {
  if (!personId) return { groups: [], today: dateIn('UTC', now), profile: null, sharedByMe: new Map(), orders: new WeakMap() };
  const key = readerKey(ctx, personId);
  let known = recentReaders(ctx).get(key, now.getTime());
  if (!known) {
    known = { ...(await loadReader(ctx.database.db, personId)), orders: new WeakMap() };
    recentReaders(ctx).set(key, known, now.getTime());
  }
  return { groups: known.groups, today: dateIn(known.timeZone, now), profile: known.profile, sharedByMe: known.sharedByMe, orders: known.orders };
}

/** Who is reading, in one query: their groups (targeting), their time zone (campaign days), their own share counts and their persona (adaptation). */
async function loadReader(tx: Tx, personId: string) {
  const [row] = await tx
    .execute(sql`
    select p.time_zone, (select pp.persona from person_personas pp where pp.person_id = p.id) as persona,
      -- An alumnus reads as someone in no group: only stories for everyone reach them (auth/alumni-access.ts).
      (select coalesce(string_agg(gm.group_id::text, ',' order by gm.group_id), '') from group_memberships gm
         where gm.person_id = p.id and p.ambassador_status <> 'alumni') as groups,
      (select coalesce(string_agg(s.story_id::text || ':' || s.n, ','), '')
         from (select story_id, count(*) as n from shares where person_id = p.id and story_id is not null group by story_id) s) as mine
    from people p where p.id = ${personId}`)
    .then((result) => rowsOf<{ time_zone: string; persona: PersonaKey | null; groups: string; mine: string }>(result));
  const sharedByMe = new Map<string, number>();
  for (const pair of row?.mine ? row.mine.split(',') : []) {
    const [storyId = '', n = '0'] = pair.split(':');
    sharedByMe.set(storyId, Number(n));
  }
  return { groups: row?.groups ? row.groups.split(',') : [], timeZone: row?.time_zone ?? 'UTC', profile: feedProfileOf(row?.persona), sharedByMe };
}

/** Readers who arrive while something is being loaded wait for the same load rather than starting their own. */
function shared<T>(loading: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let promise = loading.get(key);
  if (!promise) {
    promise = load().finally(() => loading.delete(key));
    loading.set(key, promise);
  }
  return promise;
}

/**
 * A pool (the stories rankings are made from) per day and search, at one reference time. The
 * current one is kept for 10 s, so a newly published story shows within that time, as before
 * ranking, and replaced at once when the hiring pressure moves (a vacancy made critical reorders
 * the feed without waiting). A cursor's pool (by its ref) is kept a little longer, for a reader
 * who scrolls slowly: it never changes, so neither does the order they page through.
 */
const currentPools = perContext(() => new RecentCache<Pool>(10_000, 100));
const poolsByRef = perContext(() => new RecentCache<Pool>(60_000, 100));
const poolsLoading = perContext(() => new Map<string, Promise<Pool>>());
/**
 * A pool read again with nothing changed is not replaced: the one before is kept, and with it every
 * ranking and page made from it, so readers do not all rank and write pages anew every 10 s. Only
 * for a few minutes, though: the ranking's reference time should not age (recency moves by less
 * than 0.04 % in five minutes).
 */
const unchangedPools = perContext(() => new RecentCache<Pool>(5 * 60_000, 100));

async function poolFor(ctx: AppContext, today: string, q: string | undefined, ref: number | null, now: Date): Promise<Pool> {
  const base = JSON.stringify([today, q ?? '']);
  if (ref !== null) {
    const known = poolsByRef(ctx).get(`${base}@${ref}`, now.getTime());
    if (known) return known;
  }
  // Usually remembered; when not, it is read side by side with the stories. Should another reader's
  // load of the same pool be under way, this one is not awaited: its failure is that load's to report.
  const pressure = themePressure(ctx);
  pressure.catch(() => {});
  const current = ref === null ? currentPools(ctx).get(base, now.getTime()) : undefined;
  if (current && current.pressure === (await pressure)) return current;
  const pool = await shared(poolsLoading(ctx), `${base}@${ref ?? 'now'}`, async () => {
    const [stories, table] = await Promise.all([loadPool(ctx, q, today, ref ?? now.getTime(), now), pressure]);
    if (ref !== null) return { ...stories, pressure: table };
    const before = unchangedPools(ctx).get(base, now.getTime());
    if (before && before.pressure === table && before.content === stories.content) return before;
    const fresh = { ...stories, pressure: table };
    unchangedPools(ctx).set(base, fresh, now.getTime());
    return fresh;
  });
  if (ref === null) currentPools(ctx).set(base, pool, now.getTime());
  poolsByRef(ctx).set(`${base}@${pool.ref}`, pool, now.getTime());
  return pool;
}

/** A reader's ranking, worked out in memory from the pool, is kept per groups for as long as its pool. */
const rankings = perContext(() => new RecentCache<Ranking>(60_000, 1_000));

async function rankingFor(ctx: AppContext, reader: Reader, q: string | undefined, ref: number | null, now: Date): Promise<Ranking> {
  const pool = await poolFor(ctx, reader.today, q, ref, now);
  const key = JSON.stringify([reader.groups, reader.today, q ?? '', pool.ref, reader.profile]);
  let ranking = rankings(ctx).get(key, now.getTime());
  if (ranking?.pool !== pool) {
    ranking = rankPool(pool, new Set(reader.groups), reader.profile);
    rankings(ctx).set(key, ranking, now.getTime());
  }
  return ranking;
}

/** A cursor: the pool's reference time, then a position among the ranked stories (score, id) or in the older tail (published at, id). */
type Position = { ref: number; phase: 'ranked'; score: number; id: string } | { ref: number; phase: 'tail'; publishedAt: number; id: string };

/** A ref in the future is not one this feed handed out (a little clock skew between nodes is allowed). */
const MAX_REF_SKEW_MS = 60_000;

function positionOf(cursor: string | undefined, now: Date): Position | null {
  const parts = decodeCursor(cursor, ['number', 'number', 'number', 'uuid']);
  if (!parts) return null;
  const [ref, phase, key, id] = parts as [number, number, number, string];
  if ((phase !== 0 && phase !== 1) || ref > now.getTime() + MAX_REF_SKEW_MS || ref < 0) throw new AppError(400, 'invalid_cursor', 'error.invalid_cursor');
  return phase === 0 ? { ref, phase: 'ranked', score: key, id } : { ref, phase: 'tail', publishedAt: key, id };
}

const cursorOf = (position: Position): string =>
  encodeCursor([position.ref, position.phase === 'ranked' ? 0 : 1, position.phase === 'ranked' ? position.score : position.publishedAt, position.id]);

/** One page of entries in the given order (the ranking's, or the reader's own), then older stories by date, and where the next page starts. */
async function entriesOfPage(ctx: AppContext, ranking: Ranking, order: readonly RankingEntry[], q: string | undefined, position: Position | null, limit: number, now: Date) {
  const ref = ranking.pool.ref;
  const entries: RankingEntry[] = [];
  let tailAfter = ranking.pool.tailAfter;
  if (position?.phase === 'tail') {
    tailAfter = { publishedAt: new Date(position.publishedAt), id: position.id };
  } else {
    const start = position ? positionAfter(order, position) : 0;
    entries.push(...order.slice(start, start + limit));
    const last = entries.at(-1);
    if (start + limit < order.length && last) return { entries, next: { ref, phase: 'ranked', score: last.score, id: last.id } as Position };
  }
  if (!tailAfter) return { entries, next: null };
  const room = limit - entries.length;
  if (room === 0) return { entries, next: { ref, phase: 'tail', publishedAt: tailAfter.publishedAt.getTime(), id: tailAfter.id } as Position };
  const tail = await tailOf(ctx, ranking, q, tailAfter, room + 1, now);
  entries.push(...tail.slice(0, room));
  const last = entries.at(-1);
  return { entries, next: tail.length > room && last ? ({ ref, phase: 'tail', publishedAt: last.story.publishedAt.getTime(), id: last.id } as Position) : null };
}

/**
 * A card as everyone with the same audience and language sees it, written as JSON once: `head` is
 * the card up to its closing brace, so a page is written by adding the reader's part to each head
 * rather than by serialising every story, variant and suggestion again.
 */
interface CachedCard {
  head: string;
  themes: BaseCard['story']['themes'];
  /** Every share of the story; the reader's own are taken off when the page is written. */
  colleagueShares: number;
}

function cached(card: BaseCard): CachedCard {
  const { story, audience, headline, teaser, suggestions } = card;
  const head: Omit<FeedCard, 'campaign' | 'sharedByMe' | 'colleagueShares' | 'reasons'> = { story, audience, headline, teaser, suggestions };
  return { head: JSON.stringify(head).slice(0, -1), themes: story.themes, colleagueShares: card.colleagueShares };
}

/**
 * Cards kept for 10 s (so a colleague's new share shows within that time) and shared by every
 * page, group and reader with the same audience and language.
 */
interface CardSet {
  audience: { id: string; key: string; name: string };
  cards: Map<string, CachedCard>;
  /** Cards being read: readers who need them meanwhile wait for the same read. */
  loading: Map<string, Promise<void>>;
}
const cardSets = perContext(() => new RecentCache<CardSet>(10_000, 100));
/** A set that grew past this many cards (someone paged through the whole archive) starts again. */
const MAX_CARDS_PER_SET = 2_000;

async function cardSetFor(ctx: AppContext, audienceKey: string, language: Language, now: Date): Promise<CardSet> {
  const key = `${audienceKey}:${language}`;
  let set = cardSets(ctx).get(key, now.getTime());
  if (!set) {
    const [audience] = await ctx.database.db.select().from(audiences).where(eq(audiences.key, audienceKey)).limit(1);
    if (!audience) throw new AppError(400, 'unknown_audience', 'error.unknown_audience', { key: audienceKey });
    set = { audience: { id: audience.id, key: audience.key, name: language === 'nl' ? audience.nameNl : audience.nameEn }, cards: new Map(), loading: new Map() };
    cardSets(ctx).set(key, set, now.getTime());
  }
  return set;
}

/** One card of a page: the cached card, the reader's campaign and the reasons for its place. */
interface PageItem {
  id: string;
  card: CachedCard;
  campaign: FeedCard['campaign'];
  reasons: FeedCard['reasons'];
}

/** The page's items; cards not yet in the set are read in one batch. */
async function itemsOf(ctx: AppContext, ranking: Ranking, set: CardSet, entries: readonly RankingEntry[], language: Language, sharedByMe: ReadonlyMap<string, number>): Promise<PageItem[]> {
  const missing = entries.filter((entry) => !set.cards.has(entry.id) && !set.loading.has(entry.id)).map((entry) => entry.id);
  if (missing.length > 0) {
    if (set.cards.size + missing.length > MAX_CARDS_PER_SET) set.cards.clear();
    const read = presentCards(ctx, missing, set.audience, language)
      .then((cards) => {
        for (const card of cards) set.cards.set(card.story.id, cached(card));
      })
      .finally(() => {
        for (const id of missing) set.loading.delete(id);
      });
    for (const id of missing) set.loading.set(id, read);
  }
  await Promise.all(new Set(entries.flatMap((entry) => set.loading.get(entry.id) ?? [])));
  return entries.flatMap((entry) => {
    const card = set.cards.get(entry.id);
    if (!card) return [];
    const reasons = reasonsOf(entry, ranking, sharedByMe.has(entry.id)).map(({ key, themeId }) => {
      const theme = themeId ? card.themes.find((th) => th.id === themeId)?.name : undefined;
      return theme ? { key, theme } : { key };
    });
    const campaign = entry.campaign ? { id: entry.campaign.id, slug: entry.campaign.slug, name: entry.campaign.name } : null;
    return [{ id: entry.id, card, campaign, reasons }];
  });
}

/**
 * A page as JSON (a list of FeedCard), with the reader's own share counts and the reason that says
 * they shared a story; for a reader whose persona the feed adapts to, the `persona` hint after it.
 */
function pageBody(items: readonly PageItem[], nextCursor: string | null, sharedByMe: ReadonlyMap<string, number>, profile: FeedProfile | null): Buffer {
  const written = items.map((item) => {
    const own = sharedByMe.get(item.id) ?? 0;
    const reasons = own > 0 && !item.reasons.some((r) => r.key === 'already_shared') ? [...item.reasons, { key: 'already_shared' as const }] : item.reasons;
    const rest: Pick<FeedCard, 'campaign' | 'sharedByMe' | 'colleagueShares' | 'reasons'> = { campaign: item.campaign, sharedByMe: own, colleagueShares: Math.max(0, item.card.colleagueShares - own), reasons };
    return `${item.card.head},${JSON.stringify(rest).slice(1)}`;
  });
  const hint = feedHintOf(profile);
  return Buffer.from(`{"items":[${written.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}${hint ? `,"persona":${JSON.stringify(hint)}` : ''}}`);
}

/**
 * A page as everyone with these groups reads it, kept for 10 s and as long as its ranking is the
 * reader's; its bytes for readers with no shares of their own on it are written once.
 */
interface SharedPage {
  ranking: Ranking;
  items: PageItem[];
  nextCursor: string | null;
  body?: Buffer;
}
const sharedPages = perContext(() => new RecentCache<SharedPage>(10_000, 2_000));
const sharedPagesLoading = perContext(() => new Map<string, Promise<SharedPage>>());

/** Whether a story the reader shared is among the first `end` of the ranking: only then does their page differ from everyone's (shared stories only move down). */
function reordersPage(ranking: Ranking, sharedByMe: ReadonlyMap<string, number>, end: number): boolean {
  for (const id of sharedByMe.keys()) {
    const at = ranking.positions.get(id);
    if (at !== undefined && at < end) return true;
  }
  return false;
}

/**
 * The ambassador feed, ordered by the score documented in ranking.ts, as JSON bytes. A reader whose
 * shared stories all rank below the page reads the page everyone with their groups reads (its
 * bytes written once); otherwise the page is cut from their own order, where those stories are lower.
 */
export async function feedBody(ctx: AppContext, personId: string | null, language: Language, query: FeedQuery): Promise<Buffer> {
  const now = ctx.clock.now();
  const position = positionOf(query.cursor, now);
  const [reader, set] = await Promise.all([readerOf(ctx, personId, now), cardSetFor(ctx, query.audience, language, now)]);
  const q = query.q || undefined;
  const ranking = await rankingFor(ctx, reader, q, position?.ref ?? null, now);
  const end = (position?.phase === 'ranked' ? positionAfter(ranking.entries, position) : 0) + query.limit;
  if (position?.phase !== 'tail' && reordersPage(ranking, reader.sharedByMe, end)) {
    let own = reader.orders.get(ranking);
    if (!own) {
      own = personalOrder(ranking.entries, reader.sharedByMe);
      reader.orders.set(ranking, own);
    }
    const { entries, next } = await entriesOfPage(ctx, ranking, own, q, position, query.limit, now);
    return pageBody(await itemsOf(ctx, ranking, set, entries, language, reader.sharedByMe), next ? cursorOf(next) : null, reader.sharedByMe, reader.profile);
  }
  const key = JSON.stringify([reader.groups, reader.today, query.audience, q ?? '', query.cursor ?? '', query.limit, language, reader.profile]);
  let page = sharedPages(ctx).get(key, now.getTime());
  if (page?.ranking !== ranking) {
    page = await shared(sharedPagesLoading(ctx), key, async () => {
      const { entries, next } = await entriesOfPage(ctx, ranking, ranking.entries, q, position, query.limit, now);
      return { ranking, items: await itemsOf(ctx, ranking, set, entries, language, new Map()), nextCursor: next ? cursorOf(next) : null };
    });
    sharedPages(ctx).set(key, page, now.getTime());
  }
  // Older stories (the tail) keep their order by date; a reader's own shares there change only their counts.
  if (page.items.some((item) => reader.sharedByMe.has(item.id))) return pageBody(page.items, page.nextCursor, reader.sharedByMe, reader.profile);
  page.body ??= pageBody(page.items, page.nextCursor, new Map(), reader.profile);
  return page.body;
}
