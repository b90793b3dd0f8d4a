import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import { audiences, type Language, shareSuggestions, stories, storyVariants } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { firstOverLimit } from './limits.ts';
import { canEditStory } from './policy.ts';
import { presentVariants } from './presenter.ts';
import type { VariantInput, VariantView } from './schema.ts';
import { loadVisibleStory } from './store.ts';

async function audienceByKey(ctx: AppContext, key: string) {
  const [audience] = await ctx.database.db.select().from(audiences).where(eq(audiences.key, key)).limit(1);
  if (!audience) throw notFound('audience_not_found', key);
  return audience;
}

async function editableStory(ctx: AppContext, auth: SignedIn, id: string) {
  const { row, access } = await loadVisibleStory(ctx.database.db, auth, id, ctx.clock.now());
  if (!canEditStory(auth, access)) throw new AppError(403, 'forbidden', 'error.forbidden');
  return row;
}

/** Refuses a suggestion longer than its network allows (on X with the appended link counted as 23). */
export function checkSuggestionLimits(suggestions: VariantInput['suggestions']): void {
  const over = firstOverLimit(suggestions);
  if (!over) return;
  const position = suggestions.slice(0, over.index + 1).filter((s) => s.network === over.network).length;
  const params = { network: over.network, limit: over.limit, length: over.length, position };
  throw new AppError(400, 'suggestion_too_long', over.network === 'x' ? 'error.suggestion_too_long_x' : 'error.suggestion_too_long', params, params);
}

/** Creates or replaces a story's variant for one audience: headline, teaser and suggested texts per network. */
export async function putVariant(ctx: AppContext, auth: SignedIn, id: string, audienceKey: string, input: VariantInput, language: Language): Promise<VariantView> {
  const now = ctx.clock.now();
  const story = await editableStory(ctx, auth, id);
  const audience = await audienceByKey(ctx, audienceKey);
  checkSuggestionLimits(input.suggestions);
  await ctx.database.db.transaction(async (tx) => {
    const [variant] = await tx
      .insert(storyVariants)
      .values({ storyId: id, audienceId: audience.id, headline: input.headline, teaser: input.teaser, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [storyVariants.storyId, storyVariants.audienceId], set: { headline: input.headline, teaser: input.teaser, updatedAt: now } })
      .returning();
    if (!variant) throw new Error('upsert returned nothing');
    await tx.delete(shareSuggestions).where(eq(shareSuggestions.variantId, variant.id));
    if (input.suggestions.length) {
      await tx.insert(shareSuggestions).values(input.suggestions.map((s, position) => ({ variantId: variant.id, network: s.network, text: s.text, position })));
    }
    await tx.update(stories).set({ updatedAt: now, revision: story.revision + 1 }).where(eq(stories.id, id));
    await recordAudit(tx, auth, now, { action: 'story.variant_saved', subjectType: 'story', subjectId: id, after: { audience: audience.key, suggestions: input.suggestions.length } });
  });
  const variant = (await presentVariants(ctx.database.db, id, language)).find((v) => v.audience.id === audience.id);
  if (!variant) throw new Error('variant vanished');
  return variant;
}

/** Removes a story's variant for one audience. */
export async function deleteVariant(ctx: AppContext, auth: SignedIn, id: string, audienceKey: string): Promise<void> {
  const now = ctx.clock.now();
  const story = await editableStory(ctx, auth, id);
  const audience = await audienceByKey(ctx, audienceKey);
  await ctx.database.db.transaction(async (tx) => {
    const gone = await tx.delete(storyVariants).where(and(eq(storyVariants.storyId, id), eq(storyVariants.audienceId, audience.id))).returning({ id: storyVariants.id });
    if (gone.length === 0) throw notFound('variant_not_found', audienceKey);
    await tx.update(stories).set({ updatedAt: now, revision: story.revision + 1 }).where(eq(stories.id, id));
    await recordAudit(tx, auth, now, { action: 'story.variant_deleted', subjectType: 'story', subjectId: id, after: { audience: audience.key } });
  });
}
