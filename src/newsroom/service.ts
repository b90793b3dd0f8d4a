import { and, asc, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { recordAudit } from '../audit/service.ts';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import { newsroomFeeds, stories, storyEvents } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { nextFreeSlug, slugify } from '../stories/slug.ts';
import { fetchFeed } from './fetch-feed.ts';
import { allowedFetchHosts } from '../http/outbound.ts';
import type { CreateFeedInput, NewsroomFeedView, SyncResult } from './schema.ts';

type FeedRow = typeof newsroomFeeds.$inferSelect;

const presentFeed = (row: FeedRow): NewsroomFeedView => ({
  id: row.id,
  url: row.url,
  name: row.name,
  language: row.language,
  active: row.active,
  lastFetchedAt: row.lastFetchedAt?.toISOString() ?? null,
  lastError: row.lastError,
  createdAt: row.createdAt.toISOString(),
});

async function loadFeed(ctx: AppContext, id: string): Promise<FeedRow> {
  const [row] = await ctx.database.db.select().from(newsroomFeeds).where(eq(newsroomFeeds.id, id)).limit(1);
  if (!row) throw notFound('feed_not_found', id);
  return row;
}

export async function listFeeds(ctx: AppContext) {
  const rows = await ctx.database.db.select().from(newsroomFeeds).orderBy(asc(newsroomFeeds.name), asc(newsroomFeeds.id));
  return { items: rows.map(presentFeed), nextCursor: null };
}

/** Subscribes to a newsroom feed; its items arrive on the next sync (hourly, or on demand). */
export async function createFeed(ctx: AppContext, auth: SignedIn, input: CreateFeedInput): Promise<NewsroomFeedView> {
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: newsroomFeeds.id }).from(newsroomFeeds).where(eq(newsroomFeeds.url, input.url)).limit(1);
    if (existing) throw new AppError(409, 'feed_taken', 'error.feed_taken', { url: input.url });
    const [created] = await tx
      .insert(newsroomFeeds)
      .values({ url: input.url, name: input.name, language: input.language, createdBy: auth.personId, createdAt: now, updatedAt: now })
      .returning();
    if (!created) throw new Error('insert returned nothing');
    await recordAudit(tx, auth, now, { action: 'newsroom.feed_created', subjectType: 'newsroom_feed', subjectId: created.id, after: { url: created.url, name: created.name } });
    return created;
  });
  return presentFeed(row);
}

/** Unsubscribes; stories imported from the feed stay. */
export async function deleteFeed(ctx: AppContext, auth: SignedIn, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const gone = await tx.delete(newsroomFeeds).where(eq(newsroomFeeds.id, id)).returning();
    if (!gone[0]) throw notFound('feed_not_found', id);
    await recordAudit(tx, auth, now, { action: 'newsroom.feed_deleted', subjectType: 'newsroom_feed', subjectId: id, before: { url: gone[0].url, name: gone[0].name } });
  });
}

/**
 * Fetches a feed and adds each new item as a draft external-article story, keyed by the item's
 * guid so an item is imported once. A feed that cannot be read records why and changes nothing else.
 */
export async function syncFeed(ctx: AppContext, feed: FeedRow): Promise<SyncResult> {
  const db = ctx.database.db;
  let items: Awaited<ReturnType<typeof fetchFeed>>;
  try {
    items = await fetchFeed(feed.url, { allowHosts: await allowedFetchHosts(ctx) });
  } catch (error) {
    const message = (error as Error).name === 'TimeoutError' ? 'the feed did not answer within 10 seconds' : (error as Error).message;
    const lastError = message.slice(0, 500);
    await db.update(newsroomFeeds).set({ lastError, lastFetchedAt: ctx.clock.now() }).where(eq(newsroomFeeds.id, feed.id));
    return { added: 0, skipped: 0, error: lastError };
  }
  // The same item twice in one feed counts once.
  const unique = items.filter((item, index) => items.findIndex((other) => other.key === item.key) === index);
  const now = ctx.clock.now();
  const added = await db.transaction(async (tx) => {
    const known = unique.length
      ? await tx
          .select({ guid: stories.newsroomGuid })
          .from(stories)
          .where(
            and(
              eq(stories.newsroomFeedId, feed.id),
              inArray(
                stories.newsroomGuid,
                unique.map((i) => i.key),
              ),
            ),
          )
      : [];
    const seen = new Set(known.map((k) => k.guid));
    const fresh = unique.filter((i) => !seen.has(i.key));
    if (fresh.length === 0) return 0;
    const slugs = new Set((await tx.select({ slug: stories.slug }).from(stories)).map((s) => s.slug));
    const rows = fresh.map((item) => {
      const id = uuidv7();
      const slug = nextFreeSlug(slugify(item.title), slugs);
      slugs.add(slug);
      return {
        id,
        translationGroupId: id,
        language: feed.language,
        format: 'external_article' as const,
        status: 'draft' as const,
        title: item.title,
        slug,
        summary: item.summary,
        externalUrl: item.link,
        newsroomFeedId: feed.id,
        newsroomGuid: item.key,
        createdAt: now,
        updatedAt: now,
      };
    });
    const inserted = await tx.insert(stories).values(rows).onConflictDoNothing({ target: [stories.newsroomFeedId, stories.newsroomGuid] }).returning({ id: stories.id });
    if (inserted.length) {
      await tx.insert(storyEvents).values(inserted.map((s) => ({ storyId: s.id, actorId: null, kind: 'transition' as const, fromStatus: null, toStatus: 'draft' as const, comment: `newsroom: ${feed.name}`, at: now })));
    }
    return inserted.length;
  });
  await db.update(newsroomFeeds).set({ lastError: null, lastFetchedAt: now, updatedAt: now }).where(eq(newsroomFeeds.id, feed.id));
  return { added, skipped: items.length - added, error: null };
}

/** An editor syncs one feed now (audited). */
export async function syncFeedNow(ctx: AppContext, auth: SignedIn, id: string): Promise<SyncResult> {
  const result = await syncFeed(ctx, await loadFeed(ctx, id));
  await recordAudit(ctx.database.db, auth, ctx.clock.now(), { action: 'newsroom.feed_synced', subjectType: 'newsroom_feed', subjectId: id, after: { ...result } });
  return result;
}

/** The hourly job: syncs every active feed, one after another. */
export async function syncActiveFeeds(ctx: AppContext): Promise<Record<string, SyncResult>> {
  const feeds = await ctx.database.db.select().from(newsroomFeeds).where(eq(newsroomFeeds.active, true));
  const results: Record<string, SyncResult> = {};
  for (const feed of feeds) results[feed.id] = await syncFeed(ctx, feed);
  return results;
}
