import { and, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import type { SignedIn } from '../auth/context.ts';
import type { Tx } from '../db/client.ts';
import { groups, images, people, stories, storyFeatured, themes } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { canViewStory, type StoryAccess } from './policy.ts';
import { nextFreeSlug } from './slug.ts';

export type StoryRow = typeof stories.$inferSelect;
export type FeaturedRow = typeof storyFeatured.$inferSelect;

/** Loads a story or throws story_not_found. */
export async function loadStory(tx: Tx, id: string): Promise<StoryRow> {
  const [row] = await tx.select().from(stories).where(eq(stories.id, id)).limit(1);
  if (!row) throw notFound('story_not_found', id);
  return row;
}

/** The featured rows of a story, in their order. */
export async function loadFeatured(tx: Tx, storyId: string): Promise<FeaturedRow[]> {
  return tx.select().from(storyFeatured).where(eq(storyFeatured.storyId, storyId)).orderBy(storyFeatured.position);
}

/** What the workflow policies need to know about a story. */
export function accessOf(row: StoryRow, featured: readonly { personId: string }[]): StoryAccess {
  return { status: row.status, authorId: row.authorId, submittedBy: row.submittedBy, publishedAt: row.publishedAt, featuredIds: featured.map((f) => f.personId) };
}

/**
 * Loads a story the caller may see. Someone who may not see it gets the same 404 as for a story
 * that does not exist, so drafts do not leak their existence.
 */
export async function loadVisibleStory(tx: Tx, auth: SignedIn, id: string, now: Date): Promise<{ row: StoryRow; featured: FeaturedRow[]; access: StoryAccess }> {
  const row = await loadStory(tx, id);
  const featured = await loadFeatured(tx, id);
  const access = accessOf(row, featured);
  if (!canViewStory(auth, access, now)) throw notFound('story_not_found', id);
  return { row, featured, access };
}

/** Throws a 400 naming the first id that does not exist. */
async function requireAll(found: { id: string }[], ids: readonly string[], code: string, key: 'error.unknown_theme' | 'error.unknown_group' | 'error.unknown_person' | 'error.unknown_image' | 'error.unknown_story') {
  const known = new Set(found.map((f) => f.id));
  const missing = ids.find((id) => !known.has(id));
  if (missing) throw new AppError(400, code, key, { id: missing });
}

/** Checks that every referenced theme, group, person and image exists (a 400 naming the first that does not). */
export async function checkReferences(
  tx: Tx,
  refs: { themeIds?: readonly string[]; groupIds?: readonly string[]; personIds?: readonly string[]; imageId?: string | null; storyIds?: readonly string[] },
): Promise<void> {
  if (refs.themeIds?.length) await requireAll(await tx.select({ id: themes.id }).from(themes).where(inArray(themes.id, [...refs.themeIds])), refs.themeIds, 'unknown_theme', 'error.unknown_theme');
  if (refs.groupIds?.length) await requireAll(await tx.select({ id: groups.id }).from(groups).where(inArray(groups.id, [...refs.groupIds])), refs.groupIds, 'unknown_group', 'error.unknown_group');
  if (refs.personIds?.length) {
    // An erased person cannot be put on the stage again.
    const found = await tx.select({ id: people.id }).from(people).where(and(inArray(people.id, [...refs.personIds]), isNull(people.erasedAt)));
    await requireAll(found, refs.personIds, 'unknown_person', 'error.unknown_person');
  }
  if (refs.imageId) await requireAll(await tx.select({ id: images.id }).from(images).where(eq(images.id, refs.imageId)), [refs.imageId], 'unknown_image', 'error.unknown_image');
  if (refs.storyIds?.length) await requireAll(await tx.select({ id: stories.id }).from(stories).where(inArray(stories.id, [...refs.storyIds])), refs.storyIds, 'unknown_story', 'error.unknown_story');
}

/** The first free story slug for a base: `base`, `base-2`, `base-3`, … */
export async function freeStorySlug(tx: Tx, base: string): Promise<string> {
  const taken = await tx
    .select({ slug: stories.slug })
    .from(stories)
    .where(or(eq(stories.slug, base), like(stories.slug, `${base.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`)));
  return nextFreeSlug(base, new Set(taken.map((t) => t.slug)));
}

/** Whether a slug is used by another story. */
export async function slugTaken(tx: Tx, slug: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: stories.id })
    .from(stories)
    .where(and(eq(stories.slug, slug), exceptId ? sql`${stories.id} <> ${exceptId}` : undefined))
    .limit(1);
  return row !== undefined;
}
