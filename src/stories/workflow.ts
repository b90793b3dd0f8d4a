import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import { type Language, people, stories, storyEvents, type StoryStatus } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { notifyStatusChange, notifySubmitted } from './notifications.ts';
import { canCommentOnStory, canOverrideApproval, canTransition, isEditor, isWorkflowEdge, missingApprovals, transitionNeedsComment } from './policy.ts';
import { presentStory } from './presenter.ts';
import type { StoryEventView, TransitionInput } from './schema.ts';
import { accessOf, loadFeatured, loadVisibleStory, type StoryRow } from './store.ts';
import { invalidateStoryLinks } from '../links/cache.ts';
import { emitStoryPublished } from '../webhooks/events.ts';

/** The timestamps a status brings with it. */
function statusFields(row: StoryRow, to: StoryStatus, now: Date): Partial<typeof stories.$inferInsert> {
  if (to === 'published') {
    // A future publish_at schedules the story: it counts as out (in feeds) once that moment has come.
    return { publishedAt: row.publishedAt ?? row.publishAt ?? now, archivedAt: null };
  }
  if (to === 'archived') return { archivedAt: now };
  return {};
}

/**
 * Moves a story along the workflow. Publishing needs every featured colleague's approval; an
 * admin may override it, which is logged as its own event and audit entry. Every step is a story
 * event and an audit entry; the people it concerns get an e-mail.
 */
export async function transitionStory(ctx: AppContext, auth: SignedIn, id: string, input: TransitionInput, language: Language) {
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const { row: before } = await loadVisibleStory(db, auth, id, now);
  const from = before.status;
  const to = input.to;
  const comment = input.comment?.length ? input.comment : null;
  const row = await db.transaction(async (tx) => {
    // Read again inside the transaction, so two editors moving at once cannot both move from the same status.
    const [current] = await tx.select().from(stories).where(eq(stories.id, id)).for('update');
    if (!current) throw new AppError(404, 'story_not_found', 'error.not_found', { what: id });
    const featured = await loadFeatured(tx, id);
    const access = accessOf(current, featured);
    if (!isWorkflowEdge(access, to)) throw new AppError(409, 'invalid_transition', 'error.invalid_transition', { from: current.status, to });
    if (!canTransition(auth, access, to)) throw new AppError(403, 'forbidden', 'error.forbidden');
    if (transitionNeedsComment(current.status, to) && !comment) throw new AppError(400, 'comment_required', 'error.comment_required');
    let overridden = false;
    if (to === 'published') {
      if (current.format === 'external_article' && !current.externalUrl) throw new AppError(409, 'external_url_required', 'error.external_url_required');
      const waiting = missingApprovals(featured);
      if (waiting.length > 0 && current.status !== 'archived') {
        if (!input.override) throw new AppError(409, 'approval_missing', 'error.approval_missing', { count: waiting.length }, { waiting: waiting.map((f) => f.personId) });
        if (!canOverrideApproval(auth)) throw new AppError(403, 'override_not_allowed', 'error.override_not_allowed');
        overridden = true;
      }
    }
    const [updated] = await tx
      .update(stories)
      .set({ status: to, ...statusFields(current, to, now), updatedAt: now, revision: current.revision + 1 })
      .where(eq(stories.id, id))
      .returning();
    if (!updated) throw new Error('update returned nothing');
    if (to === 'published' && current.status !== 'archived') await emitStoryPublished(ctx, tx, updated);
    if (overridden) {
      const waiting = missingApprovals(featured).map((f) => f.personId);
      await tx.insert(storyEvents).values({ storyId: id, actorId: auth.personId, kind: 'override', fromStatus: current.status, toStatus: to, comment, at: now });
      await recordAudit(tx, auth, now, { action: 'story.approval_overridden', subjectType: 'story', subjectId: id, after: { waiting } });
    }
    await tx.insert(storyEvents).values({ storyId: id, actorId: auth.personId, kind: 'transition', fromStatus: current.status, toStatus: to, comment, at: now });
    await recordAudit(tx, auth, now, { action: 'story.transitioned', subjectType: 'story', subjectId: id, before: { status: current.status }, after: { status: to } });
    return updated;
  });
  // Short links resolve the story's canonical URL from a cache: drop it now that the story moved.
  invalidateStoryLinks(id);
  if (to === 'in_review' && !isEditor(auth)) await notifySubmitted(ctx, row, auth.personId);
  else if (from === 'in_review' && to === 'draft') await notifyStatusChange(ctx, row, 'changes_requested', auth.personId, comment);
  else if (to === 'approved') await notifyStatusChange(ctx, row, 'story_approved', auth.personId, comment);
  else if (to === 'published' && from !== 'archived') await notifyStatusChange(ctx, row, 'story_published', auth.personId, null);
  return presentStory(db, ctx.config, row, auth, language);
}

/** Adds a comment to a story's history (editors, the submitter, featured colleagues, recruiters). */
export async function commentOnStory(ctx: AppContext, auth: SignedIn, id: string, comment: string): Promise<StoryEventView> {
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const { access } = await loadVisibleStory(db, auth, id, now);
  if (!canCommentOnStory(auth, access)) throw new AppError(403, 'forbidden', 'error.forbidden');
  const event = await db.transaction(async (tx) => {
    const [row] = await tx.insert(storyEvents).values({ storyId: id, actorId: auth.personId, kind: 'comment', comment, at: now }).returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, auth, now, { action: 'story.commented', subjectType: 'story', subjectId: id, after: { eventId: row.id } });
    return row;
  });
  const [person] = auth.personId ? await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, auth.personId)) : [];
  const actor = person ?? null;
  return { id: event.id, kind: 'comment', fromStatus: null, toStatus: null, comment: event.comment, actor, at: event.at.toISOString() };
}
