import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import { type Language, stories, storyEvents, storyFeatured } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { notifyApprovalRequests } from './notifications.ts';
import { presentStory, presentStorySummaries } from './presenter.ts';
import type { ApprovalDecisionInput } from './schema.ts';
import { loadFeatured, loadStory } from './store.ts';

/**
 * Asks every featured colleague who has not approved yet to check how they appear (quote, photo,
 * name): their approval becomes pending and they get a mail with a link to their approvals page.
 */
export async function requestApprovals(ctx: AppContext, auth: SignedIn, id: string): Promise<{ requested: number }> {
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const story = await loadStory(db, id);
  const asked = await db.transaction(async (tx) => {
    const rows = await tx
      .update(storyFeatured)
      .set({ approval: 'pending', requestedAt: now, decidedAt: null, approvalComment: null })
      .where(and(eq(storyFeatured.storyId, id), ne(storyFeatured.approval, 'approved')))
      .returning({ personId: storyFeatured.personId });
    if (rows.length > 0) {
      await recordAudit(tx, auth, now, { action: 'story.approval_requested', subjectType: 'story', subjectId: id, after: { people: rows.map((r) => r.personId) } });
    }
    return rows.map((r) => r.personId);
  });
  await notifyApprovalRequests(ctx, story, asked);
  return { requested: asked.length };
}

/** The featured colleague approves how they appear, or asks for changes; recorded in the story's history. */
export async function decideApproval(ctx: AppContext, auth: SignedIn, id: string, input: ApprovalDecisionInput, language: Language) {
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const personId = auth.personId;
  const story = await loadStory(db, id);
  const mine = personId ? (await loadFeatured(db, id)).find((f) => f.personId === personId) : undefined;
  if (!personId || !mine) throw new AppError(403, 'not_featured', 'error.not_featured');
  const comment = input.comment?.length ? input.comment : null;
  await db.transaction(async (tx) => {
    await tx
      .update(storyFeatured)
      .set({ approval: input.decision, approvalComment: comment, decidedAt: now, requestedAt: mine.requestedAt ?? now })
      .where(and(eq(storyFeatured.storyId, id), eq(storyFeatured.personId, personId)));
    await tx.insert(storyEvents).values({ storyId: id, actorId: personId, kind: 'approval', comment: comment ? `${input.decision}: ${comment}` : input.decision, at: now });
    await recordAudit(tx, auth, now, { action: `story.${input.decision === 'approved' ? 'approved_by_featured' : 'changes_requested_by_featured'}`, subjectType: 'story', subjectId: id });
  });
  return presentStory(db, ctx.config, story, auth, language);
}

/** My approval requests: pending first, then the ones I decided, newest first. */
export async function myApprovals(ctx: AppContext, auth: SignedIn, language: Language) {
  const db = ctx.database.db;
  if (!auth.personId) return { items: [], nextCursor: null };
  const rows = await db
    .select({ story: stories, featured: storyFeatured })
    .from(storyFeatured)
    .innerJoin(stories, eq(stories.id, storyFeatured.storyId))
    .where(and(eq(storyFeatured.personId, auth.personId), ne(storyFeatured.approval, 'not_requested')))
    .orderBy(sql`case when ${storyFeatured.approval} = 'pending' then 0 else 1 end`, desc(storyFeatured.requestedAt), asc(stories.id))
    .limit(200);
  const summaries = await presentStorySummaries(
    db,
    ctx.config,
    rows.map((r) => r.story),
    language,
  );
  return {
    items: rows.map((r, i) => ({
      story: summaries[i] as (typeof summaries)[number],
      quote: r.featured.quote,
      status: r.featured.approval,
      comment: r.featured.approvalComment,
      requestedAt: r.featured.requestedAt?.toISOString() ?? null,
      decidedAt: r.featured.decidedAt?.toISOString() ?? null,
    })),
    nextCursor: null,
  };
}
