import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import { people, storyFeatured } from '../db/schema/index.ts';
import { renderMail, type StoryMailKind } from '../mail/templates.ts';
import { storyCanonicalUrl } from '../public/urls.ts';
import { getSetting } from '../settings/service.ts';
import type { StoryRow } from './store.ts';

/** The web app's page where an editor (or the submitter) works on a story. */
export const storyEditorUrl = (config: Config, storyId: string): string => `${config.baseUrl}/editorial/stories/${storyId}`;

/** The web app's page where a featured colleague approves how they appear. */
export const approvalsUrl = (config: Config): string => `${config.baseUrl}/approvals`;

type Recipient = { id: string; email: string; name: string; language: 'nl' | 'en' };

/** People who can still receive mail: active and not erased. */
async function reachable(ctx: AppContext, ids: readonly (string | null)[], exceptId: string | null): Promise<Recipient[]> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null && id !== exceptId))];
  if (wanted.length === 0) return [];
  return ctx.database.db
    .select({ id: people.id, email: people.email, name: people.name, language: people.language })
    .from(people)
    .where(and(inArray(people.id, wanted), eq(people.active, true), isNull(people.erasedAt)));
}

/**
 * Mails each recipient in their own language. A mail that cannot be sent is logged and does not
 * undo the step it reports: the story's history already holds what happened.
 */
async function mailEach(ctx: AppContext, kind: StoryMailKind, story: StoryRow, recipients: Recipient[], url: string, comment: string | null = null): Promise<void> {
  if (recipients.length === 0) return;
  const organisation = (await getSetting(ctx.database.db, 'organisation.name')) ?? ctx.config.organisationName;
  for (const person of recipients) {
    const mail = renderMail(kind, person.language, { organisation, name: person.name, url, title: story.title, comment });
    try {
      await ctx.mailer.send({ ...mail, to: person.email, personId: person.id, kind });
    } catch (error) {
      ctx.log.warn({ err: error, kind, storyId: story.id }, 'story mail not sent');
    }
  }
}

/** A story was submitted for review: the editors hear of it (the admins when there is no editor). */
export async function notifySubmitted(ctx: AppContext, story: StoryRow, actorId: string | null): Promise<void> {
  const staffWith = async (role: string) =>
    ctx.database.db
      .select({ id: people.id })
      .from(people)
      .where(and(sql`${role} = any(${people.roles})`, eq(people.active, true), isNull(people.erasedAt)));
  let ids = (await staffWith('editor')).map((p) => p.id);
  if (ids.length === 0) ids = (await staffWith('admin')).map((p) => p.id);
  await mailEach(ctx, 'story_submitted', story, await reachable(ctx, ids, actorId), storyEditorUrl(ctx.config, story.id));
}

/** Changes requested, approved or published: the submitter and the author hear of it; featured colleagues too when it is out. */
export async function notifyStatusChange(ctx: AppContext, story: StoryRow, kind: 'changes_requested' | 'story_approved' | 'story_published', actorId: string | null, comment: string | null): Promise<void> {
  const ids: (string | null)[] = [story.submittedBy, story.authorId];
  if (kind === 'story_published') {
    const featured = await ctx.database.db.select({ id: storyFeatured.personId }).from(storyFeatured).where(eq(storyFeatured.storyId, story.id));
    ids.push(...featured.map((f) => f.id));
  }
  const url = kind === 'story_published' ? storyCanonicalUrl(ctx.config, story) : storyEditorUrl(ctx.config, story.id);
  await mailEach(ctx, kind, story, await reachable(ctx, ids, actorId), url, comment);
}

/** Featured colleagues are asked to check how they appear. */
export async function notifyApprovalRequests(ctx: AppContext, story: StoryRow, personIds: string[]): Promise<void> {
  await mailEach(ctx, 'approval_request', story, await reachable(ctx, personIds, null), approvalsUrl(ctx.config));
}
