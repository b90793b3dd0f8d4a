import { and, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { recordAudit } from '../audit/service.ts';
import { hasRole, type SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { campaignStories, type Language, stories, storyEvents, storyFeatured, storyTargetGroups, storyThemes } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { decodeCursor, page } from '../http/pagination.ts';
import { notifyApprovalRequests, notifySubmitted } from './notifications.ts';
import { canEditStory, initialStatus, isEditor } from './policy.ts';
import { presentStory, presentStorySummaries } from './presenter.ts';
import type { CreateStoryInput, StoriesQuery, UpdateStoryInput } from './schema.ts';
import { matchesSearch, searchRank } from './search.ts';
import { slugify } from './slug.ts';
import { checkReferences, freeStorySlug, loadFeatured, loadStory, loadVisibleStory, type StoryRow, slugTaken } from './store.ts';
import { invalidateStoryLinks } from '../links/cache.ts';

function checkWindow(publishAt: Date | null | undefined, expireAt: Date | null | undefined): void {
  if (publishAt && expireAt && expireAt.getTime() <= publishAt.getTime()) {
    throw new AppError(400, 'period_invalid', 'error.period_invalid', { start: publishAt.toISOString(), end: expireAt.toISOString() });
  }
}

/** The translation group a story joins: that of the story it translates, if no story in its language is there yet. */
async function translationGroupFor(tx: Tx, translationOf: string, language: Language, selfId: string): Promise<string> {
  const [source] = await tx.select().from(stories).where(eq(stories.id, translationOf)).limit(1);
  if (!source) throw new AppError(400, 'unknown_story', 'error.unknown_story', { id: translationOf });
  if (source.language === language) throw new AppError(400, 'translation_same_language', 'error.translation_same_language');
  const [clash] = await tx
    .select({ id: stories.id })
    .from(stories)
    .where(and(eq(stories.translationGroupId, source.translationGroupId), eq(stories.language, language), sql`${stories.id} <> ${selfId}`))
    .limit(1);
  if (clash) throw new AppError(409, 'translation_exists', 'error.translation_exists', { language });
  return source.translationGroupId;
}

async function replaceLinks(tx: Tx, storyId: string, input: { themeIds?: string[]; targetGroupIds?: string[] }): Promise<void> {
  if (input.themeIds) {
    await tx.delete(storyThemes).where(eq(storyThemes.storyId, storyId));
    const ids = [...new Set(input.themeIds)];
    if (ids.length) await tx.insert(storyThemes).values(ids.map((themeId) => ({ storyId, themeId })));
  }
  if (input.targetGroupIds) {
    await tx.delete(storyTargetGroups).where(eq(storyTargetGroups.storyId, storyId));
    const ids = [...new Set(input.targetGroupIds)];
    if (ids.length) await tx.insert(storyTargetGroups).values(ids.map((groupId) => ({ storyId, groupId })));
  }
}

/**
 * Replaces the featured colleagues. A colleague who stays keeps their approval unless their quote
 * changed: then what they approved is no longer what will appear, so they are asked again.
 * Returns who must be (re)asked.
 */
async function replaceFeatured(tx: Tx, storyId: string, wanted: { personId: string; quote?: string }[], now: Date): Promise<string[]> {
  const current = new Map((await loadFeatured(tx, storyId)).map((f) => [f.personId, f]));
  const reask: string[] = [];
  await tx.delete(storyFeatured).where(eq(storyFeatured.storyId, storyId));
  if (wanted.length === 0) return reask;
  const rows = wanted.map((w, position) => {
    const before = current.get(w.personId);
    const quote = w.quote ?? before?.quote ?? '';
    if (!before) return { storyId, personId: w.personId, quote, position };
    const quoteChanged = before.quote !== quote;
    const wasAsked = before.approval !== 'not_requested';
    if (quoteChanged && wasAsked) {
      reask.push(w.personId);
      return { storyId, personId: w.personId, quote, position, approval: 'pending' as const, requestedAt: now, decidedAt: null, approvalComment: null };
    }
    return { ...before, quote, position };
  });
  await tx.insert(storyFeatured).values(rows);
  return reask;
}

/** Any employee creates a story; an editor's is an idea or draft, anyone else's lands in review. */
export async function createStory(ctx: AppContext, auth: SignedIn, input: CreateStoryInput, language: Language) {
  const now = ctx.clock.now();
  checkWindow(input.publishAt, input.expireAt);
  const status = initialStatus(auth, input.status);
  const editor = isEditor(auth);
  let row: StoryRow;
  try {
    row = await ctx.database.db.transaction(async (tx) => {
      await checkReferences(tx, { themeIds: input.themeIds, groupIds: input.targetGroupIds, personIds: input.featured?.map((f) => f.personId), imageId: input.heroImageId });
      const id = uuidv7();
      const translationGroupId = input.translationOf ? await translationGroupFor(tx, input.translationOf, input.language, id) : id;
      let slug: string;
      if (input.slug) {
        if (await slugTaken(tx, input.slug)) throw new AppError(409, 'slug_taken', 'error.slug_taken', { slug: input.slug });
        slug = input.slug;
      } else {
        slug = await freeStorySlug(tx, slugify(input.title));
      }
      const [created] = await tx
        .insert(stories)
        .values({
          id,
          translationGroupId,
          language: input.language,
          format: input.format,
          status,
          title: input.title,
          slug,
          summary: input.summary ?? '',
          bodyMarkdown: input.bodyMarkdown ?? '',
          heroImageId: input.heroImageId ?? null,
          authorId: auth.personId,
          submittedBy: editor ? null : auth.personId,
          externalUrl: input.externalUrl ?? null,
          publishAt: input.publishAt ?? null,
          expireAt: input.expireAt ?? null,
          plannedFor: input.plannedFor ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!created) throw new Error('insert returned nothing');
      await replaceLinks(tx, id, { themeIds: input.themeIds ?? [], targetGroupIds: input.targetGroupIds ?? [] });
      if (input.featured?.length) await replaceFeatured(tx, id, input.featured, now);
      await tx.insert(storyEvents).values({ storyId: id, actorId: auth.personId, kind: 'transition', fromStatus: null, toStatus: status, at: now });
      await recordAudit(tx, auth, now, { action: 'story.created', subjectType: 'story', subjectId: id, after: { title: created.title, status, format: created.format, language: created.language } });
      return created;
    });
  } catch (error) {
    // Two stories with the same title at the same moment: the second one asks again.
    if (isUniqueViolation(error) && !input.slug) return createStory(ctx, auth, { ...input, slug: await freeStorySlug(ctx.database.db, slugify(input.title)) }, language);
    if (isUniqueViolation(error)) throw new AppError(409, 'slug_taken', 'error.slug_taken', { slug: input.slug ?? '' });
    throw error;
  }
  if (!editor) await notifySubmitted(ctx, row, auth.personId);
  return presentStory(ctx.database.db, ctx.config, row, auth, language);
}

/** Edits a story: editors any, the submitter their own while it is not yet approved. */
export async function updateStory(ctx: AppContext, auth: SignedIn, id: string, input: UpdateStoryInput, language: Language) {
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const { row: before, access } = await loadVisibleStory(db, auth, id, now);
  if (!canEditStory(auth, access)) throw new AppError(403, 'forbidden', 'error.forbidden');
  let reask: string[] = [];
  let row: StoryRow;
  try {
    row = await db.transaction(async (tx) => {
      await checkReferences(tx, { themeIds: input.themeIds, groupIds: input.targetGroupIds, personIds: input.featured?.map((f) => f.personId), imageId: input.heroImageId });
      const publishAt = input.publishAt === undefined ? before.publishAt : input.publishAt;
      const expireAt = input.expireAt === undefined ? before.expireAt : input.expireAt;
      checkWindow(publishAt, expireAt);
      const set: Partial<typeof stories.$inferInsert> = { updatedAt: now, revision: before.revision + 1 };
      for (const key of ['title', 'format', 'summary', 'bodyMarkdown', 'heroImageId', 'externalUrl', 'publishAt', 'expireAt', 'plannedFor'] as const) {
        if (input[key] !== undefined) Object.assign(set, { [key]: input[key] });
      }
      const language = input.language ?? before.language;
      if (input.language !== undefined) set.language = input.language;
      if (input.slug !== undefined && input.slug !== before.slug) {
        // The hosted page's address is shared the moment the story is out; it stays.
        if (before.publishedAt) throw new AppError(409, 'slug_locked', 'error.slug_locked');
        if (await slugTaken(tx, input.slug, id)) throw new AppError(409, 'slug_taken', 'error.slug_taken', { slug: input.slug });
        set.slug = input.slug;
      }
      if (input.translationOf !== undefined) {
        set.translationGroupId = input.translationOf === null ? id : await translationGroupFor(tx, input.translationOf, language, id);
      } else if (input.language !== undefined && input.language !== before.language) {
        const [clash] = await tx
          .select({ id: stories.id })
          .from(stories)
          .where(and(eq(stories.translationGroupId, before.translationGroupId), eq(stories.language, input.language), sql`${stories.id} <> ${id}`))
          .limit(1);
        if (clash) throw new AppError(409, 'translation_exists', 'error.translation_exists', { language: input.language });
      }
      const [updated] = await tx.update(stories).set(set).where(eq(stories.id, id)).returning();
      if (!updated) throw new Error('update returned nothing');
      await replaceLinks(tx, id, input);
      if (input.featured) reask = await replaceFeatured(tx, id, input.featured, now);
      const changed = Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined);
      await recordAudit(tx, auth, now, { action: 'story.updated', subjectType: 'story', subjectId: id, after: { fields: changed } });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, 'slug_taken', 'error.slug_taken', { slug: input.slug ?? '' });
    throw error;
  }
  invalidateStoryLinks(id);
  if (reask.length) await notifyApprovalRequests(ctx, row, reask);
  return presentStory(db, ctx.config, row, auth, language);
}

/** One story as the caller may see it. */
export async function getStory(ctx: AppContext, auth: SignedIn, id: string, language: Language) {
  const { row } = await loadVisibleStory(ctx.database.db, auth, id, ctx.clock.now());
  return presentStory(ctx.database.db, ctx.config, row, auth, language);
}

/** Re-reads and presents a story after a change. */
export async function presentStoryById(ctx: AppContext, auth: SignedIn, id: string, language: Language) {
  const row = await loadStory(ctx.database.db, id);
  return presentStory(ctx.database.db, ctx.config, row, auth, language);
}

/**
 * Lists stories: programme staff see every story; anyone else what is published (and out) plus
 * their own. `q` ranks by full-text relevance, otherwise the most recently changed come first.
 */
export async function listStories(ctx: AppContext, auth: SignedIn, query: StoriesQuery, language: Language) {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const conditions = [];
  if (!hasRole(auth, 'admin', 'editor', 'recruiter')) {
    const live = and(eq(stories.status, 'published'), lte(stories.publishedAt, now));
    conditions.push(auth.personId ? or(live, eq(stories.submittedBy, auth.personId), eq(stories.authorId, auth.personId)) : live);
  }
  if (query.status) conditions.push(eq(stories.status, query.status));
  if (query.format) conditions.push(eq(stories.format, query.format));
  if (query.language) conditions.push(eq(stories.language, query.language));
  if (query.themeId) conditions.push(inArray(stories.id, db.select({ id: storyThemes.storyId }).from(storyThemes).where(eq(storyThemes.themeId, query.themeId))));
  if (query.campaignId) {
    conditions.push(inArray(stories.id, db.select({ id: campaignStories.storyId }).from(campaignStories).where(eq(campaignStories.campaignId, query.campaignId))));
  }
  if (query.q) {
    const q = query.q;
    conditions.push(matchesSearch(q));
    const rank = searchRank(q);
    const after = decodeCursor(query.cursor, ['number', 'uuid']);
    if (after) conditions.push(sql`(${rank}, ${stories.id}) < (${after[0]}::float8, ${after[1]}::uuid)`);
    const rows = await db
      .select({ story: stories, rank })
      .from(stories)
      .where(and(...conditions))
      .orderBy(desc(rank), desc(stories.id))
      .limit(query.limit + 1);
    const result = page(rows, query.limit, (r) => [r.rank, r.story.id]);
    return { items: await presentStorySummaries(db, ctx.config, result.items.map((r) => r.story), language), nextCursor: result.nextCursor };
  }
  const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
  if (after) {
    const at = new Date(after[0] as string);
    conditions.push(or(lt(stories.updatedAt, at), and(eq(stories.updatedAt, at), lt(stories.id, after[1] as string))));
  }
  const rows = await db
    .select()
    .from(stories)
    .where(and(...conditions))
    .orderBy(desc(stories.updatedAt), desc(stories.id))
    .limit(query.limit + 1);
  const result = page(rows, query.limit, (r) => [r.updatedAt.toISOString(), r.id]);
  return { items: await presentStorySummaries(db, ctx.config, result.items, language), nextCursor: result.nextCursor };
}

