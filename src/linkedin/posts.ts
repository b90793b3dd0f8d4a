import { and, desc, eq, gte, inArray, lt, lte, ne, sql } from 'drizzle-orm';
import { sharingStanding } from '../auth/alumni-access.ts';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { audiences, campaigns, type LinkedinPostStatus, links, linkedinPosts, people, shares, stories, vacancies } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { MessageKey } from '../i18n/index.ts';
import { readImageFile } from '../images/service.ts';
import { shortLinkUrl } from '../public/urls.ts';
import { checkShare, createShare } from '../sharing/compose.ts';
import { createPost as postToLinkedin, LinkedinApiError, uploadImage } from './api.ts';
import { connectionOf, credentialsOf, effectiveStatus, markExpired, requireConfigured } from './connections.ts';
import { escapeLittleText } from './escape.ts';
import { notifyPerson } from './notify.ts';
import type { PostInput, PostPatch, PostView } from './schema.ts';
import { nearestFreeSlot, SPREAD_HORIZON_MS } from './spread.ts';

/** The job that sends one post at its moment. A duplicate (the sweeper's, a moved moment's) sends nothing: the claim is a guarded update. */
export const POST_QUEUE = 'linkedin.post';
/** Attempts per post: the first and up to three retries after 429 or 5xx. */
export const MAX_ATTEMPTS = 4;
/** Backoff after a 5xx (or a 429 without Retry-After): 1, 2, 4 minutes; at most an hour. */
const BACKOFF_MS = 60_000;
const MAX_WAIT_MS = 3_600_000;
/** A post still `posting` after this long was interrupted (the process stopped mid-send). */
const STALE_POSTING_MS = 15 * 60_000;
/** How far ahead a post may be planned. */
const MAX_AHEAD_MS = 90 * 24 * 3_600_000;
/** A chosen moment up to this far in the past (a slow form) means "now". */
const PAST_GRACE_MS = 2 * 60_000;

export const MY_POSTS_PATH = '/linkedin/posts';

type PostRow = typeof linkedinPosts.$inferSelect;

const postUrl = (urn: string | null): string | null => (urn ? `https://www.linkedin.com/feed/update/${encodeURIComponent(urn)}/` : null);

async function present(ctx: AppContext, rows: PostRow[]): Promise<PostView[]> {
  if (rows.length === 0) return [];
  const db = ctx.database.db;
  const storyIds = rows.flatMap((r) => (r.storyId ? [r.storyId] : []));
  const vacancyIds = rows.flatMap((r) => (r.vacancyId ? [r.vacancyId] : []));
  const shareIds = rows.flatMap((r) => (r.shareId ? [r.shareId] : []));
  const titles = new Map<string, string>();
  if (storyIds.length) for (const s of await db.select({ id: stories.id, title: stories.title }).from(stories).where(inArray(stories.id, storyIds))) titles.set(s.id, s.title);
  if (vacancyIds.length) for (const v of await db.select({ id: vacancies.id, title: vacancies.title }).from(vacancies).where(inArray(vacancies.id, vacancyIds))) titles.set(v.id, v.title);
  const codes = new Map<string, string>();
  if (shareIds.length) for (const l of await db.select({ shareId: links.shareId, code: links.code }).from(links).where(inArray(links.shareId, shareIds))) if (l.shareId) codes.set(l.shareId, l.code);
  return rows.map((row) => {
    const code = row.shareId ? codes.get(row.shareId) : undefined;
    return {
      id: row.id,
      itemType: row.itemType,
      storyId: row.storyId,
      vacancyId: row.vacancyId,
      itemTitle: titles.get(row.storyId ?? row.vacancyId ?? '') ?? '',
      text: row.text,
      requestedFor: row.requestedFor?.toISOString() ?? null,
      scheduledFor: row.scheduledFor.toISOString(),
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      shortUrl: code ? shortLinkUrl(ctx.config, code) : null,
      postUrn: row.postUrn,
      postUrl: postUrl(row.postUrn),
      postedAt: row.postedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    };
  });
}

/** The connection must be usable now and still at the planned moment. */
async function requireConnection(ctx: AppContext, personId: string, at: Date): Promise<void> {
  const row = await connectionOf(ctx, personId);
  if (!row) throw new AppError(409, 'linkedin_not_connected', 'error.linkedin.not_connected');
  if (effectiveStatus(row, ctx.clock.now()) !== 'connected') throw new AppError(409, 'linkedin_expired', 'error.linkedin.expired');
  if (at.getTime() >= row.expiresAt.getTime()) {
    throw new AppError(400, 'linkedin_after_expiry', 'error.linkedin.after_expiry', { date: row.expiresAt.toISOString().slice(0, 10) });
  }
}

/** The moment asked for, checked: not in the past (beyond a short grace), at most 90 days ahead. */
function chosenMoment(ctx: AppContext, at: string): Date {
  const now = ctx.clock.now().getTime();
  const moment = Date.parse(at);
  if (moment < now - PAST_GRACE_MS) throw new AppError(400, 'linkedin_time_past', 'error.linkedin.time_past');
  if (moment > now + MAX_AHEAD_MS) throw new AppError(400, 'linkedin_time_too_far', 'error.linkedin.time_too_far', { days: 90 });
  return new Date(Math.max(moment, now));
}

/** The moment after spreading: away from colleagues' posts of the same item (see spread.ts). */
async function spreadMoment(ctx: AppContext, tx: Tx, post: { id?: string; personId: string; storyId: string | null; vacancyId: string | null }, wanted: Date): Promise<Date> {
  const itemCondition = post.storyId ? eq(linkedinPosts.storyId, post.storyId) : eq(linkedinPosts.vacancyId, post.vacancyId ?? '');
  // One planner per item at a time, so two colleagues choosing the same moment at once are still spread.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`linkedin-spread:${post.storyId ?? post.vacancyId}`}))`);
  const taken = await tx
    .select({ at: linkedinPosts.scheduledFor })
    .from(linkedinPosts)
    .where(
      and(
        itemCondition,
        ne(linkedinPosts.personId, post.personId),
        inArray(linkedinPosts.status, ['scheduled', 'posting', 'posted']),
        gte(linkedinPosts.scheduledFor, new Date(wanted.getTime() - 2 * SPREAD_HORIZON_MS)),
        lte(linkedinPosts.scheduledFor, new Date(wanted.getTime() + 2 * SPREAD_HORIZON_MS)),
      ),
    );
  return new Date(nearestFreeSlot(wanted.getTime(), taken.map((r) => r.at.getTime()), ctx.clock.now().getTime()));
}

/** Runs the composer's check (item shareable, audience known, length within LinkedIn's limit with the disclosure). */
async function checkText(ctx: AppContext, auth: SignedIn, item: { storyId: string | null; vacancyId: string | null }, audience: string, text: string): Promise<void> {
  const result = await checkShare(ctx, auth, { ...(item.storyId ? { storyId: item.storyId } : { vacancyId: item.vacancyId ?? '' }), network: 'linkedin', audience, text });
  if (result.overLimit) throw new AppError(400, 'text_over_limit', 'error.text_over_limit', { length: result.length, network: 'linkedin', limit: result.limit ?? 0 });
}

async function queuePost(ctx: AppContext, id: string, at: Date): Promise<void> {
  await ctx.jobs.send(POST_QUEUE, { postId: id }, { singletonKey: `${id}:${at.getTime()}`, startAfter: at });
}

/**
 * POST /linkedin/posts: posts now (queued at once; the answer is the post in state `scheduled`,
 * then `posting`, `posted` or `failed` — the page polls) or at a chosen moment (spread apart
 * from colleagues' posts of the same item). The share and its link are made when it is sent.
 */
export async function planPost(ctx: AppContext, auth: SignedIn, input: PostInput): Promise<PostView> {
  requireConfigured(ctx);
  const personId = auth.personId;
  if (!personId) throw new AppError(400, 'person_required', 'error.person_required');
  const db = ctx.database.db;
  const [person] = await db.select({ ambassadorStatus: people.ambassadorStatus, alumniJoinedAt: people.alumniJoinedAt }).from(people).where(eq(people.id, personId)).limit(1);
  if (!person || sharingStanding(person) !== 'ambassador') throw new AppError(409, 'not_active_ambassador', 'error.not_active_ambassador');
  const now = ctx.clock.now();
  const requested = input.at ? chosenMoment(ctx, input.at) : null;
  await requireConnection(ctx, personId, requested ?? now);
  const item = { storyId: input.itemType === 'story' ? (input.storyId ?? null) : null, vacancyId: input.itemType === 'vacancy' ? (input.vacancyId ?? null) : null };
  await checkText(ctx, auth, item, input.audience, input.text);
  const [audience] = await db.select({ id: audiences.id }).from(audiences).where(eq(audiences.key, input.audience)).limit(1);
  if (input.campaignId) {
    const [campaign] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, input.campaignId)).limit(1);
    if (!campaign) throw notFound('campaign_not_found', input.campaignId);
  }
  const row = await db.transaction(async (tx) => {
    const scheduledFor = requested ? await spreadMoment(ctx, tx, { personId, ...item }, requested) : now;
    const [inserted] = await tx
      .insert(linkedinPosts)
      .values({
        personId,
        itemType: input.itemType,
        ...item,
        text: input.text,
        audienceId: audience?.id ?? null,
        campaignId: input.campaignId ?? null,
        requestedFor: requested,
        scheduledFor,
        status: 'scheduled',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return inserted;
  });
  if (!row) throw new Error('linkedin post not stored');
  await queuePost(ctx, row.id, row.scheduledFor);
  const [view] = await present(ctx, [row]);
  return view as PostView;
}

const statusGroups: Record<'planned' | 'sent' | 'failed' | 'all', LinkedinPostStatus[]> = {
  planned: ['scheduled', 'posting'],
  sent: ['posted'],
  failed: ['failed'],
  all: ['scheduled', 'posting', 'posted', 'failed'],
};

/** GET /linkedin/posts: my posts (not cancelled ones), the latest moment first. */
export async function listPosts(ctx: AppContext, personId: string, status: keyof typeof statusGroups): Promise<PostView[]> {
  const rows = await ctx.database.db
    .select()
    .from(linkedinPosts)
    .where(and(eq(linkedinPosts.personId, personId), inArray(linkedinPosts.status, statusGroups[status])))
    .orderBy(desc(linkedinPosts.scheduledFor), desc(linkedinPosts.id))
    .limit(200);
  return present(ctx, rows);
}

async function ownPost(ctx: AppContext, personId: string, id: string): Promise<PostRow> {
  const [row] = await ctx.database.db
    .select()
    .from(linkedinPosts)
    .where(and(eq(linkedinPosts.id, id), eq(linkedinPosts.personId, personId)))
    .limit(1);
  if (!row) throw notFound('linkedin_post_not_found', id);
  return row;
}

const notEditable = (row: PostRow) => new AppError(409, 'linkedin_post_not_editable', 'error.linkedin.not_editable', { status: row.status });

/** PATCH /linkedin/posts/:id: new words or a new moment, only while it waits (`scheduled`); the words only until the first attempt. */
export async function updatePost(ctx: AppContext, auth: SignedIn, id: string, patch: PostPatch): Promise<PostView> {
  const personId = auth.personId as string;
  const row = await ownPost(ctx, personId, id);
  if (row.status !== 'scheduled') throw notEditable(row);
  const changes: Partial<typeof linkedinPosts.$inferInsert> = { updatedAt: ctx.clock.now() };
  // A post waiting for a retry already has its share (with these words); a retry sends the share's words.
  if (patch.text !== undefined && patch.text !== row.text && row.shareId) throw new AppError(409, 'linkedin_post_text_locked', 'error.linkedin.text_locked');
  if (patch.text !== undefined) {
    const [audience] = row.audienceId ? await ctx.database.db.select({ key: audiences.key }).from(audiences).where(eq(audiences.id, row.audienceId)).limit(1) : [];
    await checkText(ctx, auth, row, audience?.key ?? 'candidates', patch.text);
    changes.text = patch.text;
  }
  const requested = patch.at !== undefined ? chosenMoment(ctx, patch.at) : null;
  if (requested) await requireConnection(ctx, personId, requested);
  const updated = await ctx.database.db.transaction(async (tx) => {
    if (requested) {
      changes.requestedFor = requested;
      changes.scheduledFor = await spreadMoment(ctx, tx, row, requested);
    }
    // Guarded: if the job claimed it meanwhile, nothing changes and the person is told.
    const [result] = await tx
      .update(linkedinPosts)
      .set(changes)
      .where(and(eq(linkedinPosts.id, id), eq(linkedinPosts.personId, personId), eq(linkedinPosts.status, 'scheduled')))
      .returning();
    return result;
  });
  if (!updated) throw notEditable(await ownPost(ctx, personId, id));
  // The job for the old moment finds the post not yet due (or already sent) and does nothing.
  if (changes.scheduledFor) await queuePost(ctx, id, changes.scheduledFor);
  const [view] = await present(ctx, [updated]);
  return view as PostView;
}

/** DELETE /linkedin/posts/:id: cancels a post while it waits. Before the first attempt no share was made; a post waiting for a retry keeps the share of its first attempt. */
export async function cancelPost(ctx: AppContext, personId: string, id: string): Promise<void> {
  const [cancelled] = await ctx.database.db
    .update(linkedinPosts)
    .set({ status: 'cancelled', updatedAt: ctx.clock.now() })
    .where(and(eq(linkedinPosts.id, id), eq(linkedinPosts.personId, personId), eq(linkedinPosts.status, 'scheduled')))
    .returning({ id: linkedinPosts.id });
  if (!cancelled) throw notEditable(await ownPost(ctx, personId, id));
}

/** Failure codes and the notification text for each (the web app words `lastError` the same way). */
const failureMessages: Record<string, MessageKey> = {
  token_expired: 'linkedin.failed_body_token_expired',
  not_connected: 'linkedin.failed_body_not_connected',
  rate_limited: 'linkedin.failed_body_unavailable',
  linkedin_unavailable: 'linkedin.failed_body_unavailable',
  interrupted: 'linkedin.failed_body_interrupted',
};

const codeOf = (lastError: string): string => lastError.split(':')[0] ?? lastError;

async function fail(ctx: AppContext, row: PostRow, lastError: string): Promise<'failed'> {
  const [failed] = await ctx.database.db
    .update(linkedinPosts)
    .set({ status: 'failed', lastError: lastError.slice(0, 500), updatedAt: ctx.clock.now() })
    .where(and(eq(linkedinPosts.id, row.id), eq(linkedinPosts.status, 'posting')))
    .returning({ id: linkedinPosts.id });
  if (failed) {
    await notifyPerson(ctx, row.personId, {
      title: 'linkedin.failed_title',
      body: failureMessages[codeOf(lastError)] ?? 'linkedin.failed_body_other',
      path: MY_POSTS_PATH,
      kind: 'linkedin_post_failed',
    });
  }
  return 'failed';
}

/** Back to `scheduled` at a later moment, with the reason shown meanwhile. */
async function retryLater(ctx: AppContext, row: PostRow, lastError: string, waitMs: number): Promise<'retrying'> {
  const at = new Date(ctx.clock.now().getTime() + Math.min(MAX_WAIT_MS, Math.max(1000, waitMs)));
  const [again] = await ctx.database.db
    .update(linkedinPosts)
    .set({ status: 'scheduled', scheduledFor: at, lastError, updatedAt: ctx.clock.now() })
    .where(and(eq(linkedinPosts.id, row.id), eq(linkedinPosts.status, 'posting')))
    .returning({ id: linkedinPosts.id });
  if (again) await queuePost(ctx, row.id, at);
  return 'retrying';
}

/** Shares refused by the sharing service, as the codes the web app words. */
function shareRefusal(error: AppError): string {
  if (error.code === 'story_not_found' || error.code === 'vacancy_not_found') return 'item_unavailable';
  if (error.code === 'not_active_ambassador' || error.code === 'text_over_limit') return error.code;
  return `share_refused:${error.code}`;
}

export type SendOutcome = 'posted' | 'not_due' | 'retrying' | 'failed';

/**
 * The job: sends one post. Claims it with a guarded update (`scheduled` → `posting`, only when
 * due), so a duplicate or early job sends nothing; makes the share through the sharing service
 * (the same checks as any share; kept on the post so a retry reuses it), uploads the story's share
 * image as the thumbnail, posts, and records the URN (`posting` → `posted`). A 401 expires the
 * connection and fails the post; 429 and 5xx go back to `scheduled` for a later attempt (at most
 * MAX_ATTEMPTS in all); other refusals fail with LinkedIn's reason. A post that got no answer at all
 * (a timeout, a dropped connection) may be on LinkedIn already: it fails as `interrupted` and is not
 * sent again (the person is asked to look). The person hears of failures.
 */
export async function sendPost(ctx: AppContext, postId: string): Promise<SendOutcome> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const [row] = await db
    .update(linkedinPosts)
    .set({ status: 'posting', attempts: sql`${linkedinPosts.attempts} + 1`, updatedAt: now })
    .where(and(eq(linkedinPosts.id, postId), eq(linkedinPosts.status, 'scheduled'), lte(linkedinPosts.scheduledFor, now)))
    .returning();
  if (!row) return 'not_due';

  const credentials = await credentialsOf(ctx, row.personId);
  if (credentials === 'not_connected' || credentials === 'token_expired') return fail(ctx, row, credentials);

  let shareId = row.shareId;
  let shortUrl: string;
  let text: string;
  if (!shareId) {
    const [person] = await db.select({ language: people.language }).from(people).where(eq(people.id, row.personId)).limit(1);
    const [audience] = row.audienceId ? await db.select({ key: audiences.key }).from(audiences).where(eq(audiences.id, row.audienceId)).limit(1) : [];
    // The sharer is the post's own person: the sharing service applies its rules to them as to any share.
    const sharer: SignedIn = { kind: 'token', personId: row.personId, roles: [], tokenId: `linkedin-post:${row.id}`, language: person?.language ?? 'en' };
    try {
      const share = await createShare(ctx, sharer, {
        ...(row.storyId ? { storyId: row.storyId } : { vacancyId: row.vacancyId ?? '' }),
        network: 'linkedin',
        audience: audience?.key ?? 'candidates',
        text: row.text,
      });
      shareId = share.id;
      shortUrl = share.shortUrl;
      text = share.text;
    } catch (error) {
      if (error instanceof AppError) return fail(ctx, row, shareRefusal(error));
      throw error;
    }
    await db.update(linkedinPosts).set({ shareId }).where(eq(linkedinPosts.id, row.id));
  } else {
    const [share] = await db.select({ code: links.code }).from(links).where(eq(links.shareId, shareId)).limit(1);
    const [stored] = await db.select({ text: shares.text }).from(shares).where(eq(shares.id, shareId)).limit(1);
    if (!share) return fail(ctx, row, 'item_unavailable');
    shortUrl = shortLinkUrl(ctx.config, share.code);
    text = stored?.text ?? row.text;
  }

  // Set once the post itself is on its way: an answer that never comes then means LinkedIn may have it.
  let postSent = false;
  try {
    const article = await articleOf(ctx, row);
    let thumbnail: string | null = null;
    if (article.image) {
      try {
        thumbnail = await uploadImage(ctx.config.linkedin, credentials.token, credentials.memberId, article.image, now);
      } catch (error) {
        // A refused image does not stop the post; anything else (401, 429, 5xx) is handled as for the post.
        if (!(error instanceof LinkedinApiError) || error.kind !== 'rejected') throw error;
        ctx.log.warn({ postId, message: error.message }, 'linkedin image refused; posting without thumbnail');
      }
    }
    postSent = true;
    const urn = await postToLinkedin(
      ctx.config.linkedin,
      credentials.token,
      { memberId: credentials.memberId, commentary: escapeLittleText(text), source: shortUrl, title: article.title, description: article.description, thumbnail },
      now,
    );
    await db
      .update(linkedinPosts)
      .set({ status: 'posted', postUrn: urn, postedAt: ctx.clock.now(), lastError: null, updatedAt: ctx.clock.now() })
      .where(and(eq(linkedinPosts.id, row.id), eq(linkedinPosts.status, 'posting')));
    return 'posted';
  } catch (error) {
    if (!(error instanceof LinkedinApiError)) throw error;
    ctx.log.warn({ postId, kind: error.kind, status: error.status, message: error.message }, 'linkedin post failed');
    if (error.kind === 'unauthorized') {
      await markExpired(ctx, row.personId);
      return fail(ctx, row, 'token_expired');
    }
    if (error.kind === 'rejected') return fail(ctx, row, `rejected:${error.message}`);
    // At most once: a post that may have reached LinkedIn without an answer is not sent again.
    if (postSent && error.mayHaveArrived) return fail(ctx, row, 'interrupted');
    const code = error.kind === 'rate_limited' ? 'rate_limited' : 'linkedin_unavailable';
    if (row.attempts >= MAX_ATTEMPTS) return fail(ctx, row, code);
    return retryLater(ctx, row, code, error.retryAfterMs ?? BACKOFF_MS * 2 ** (row.attempts - 1));
  }
}

/** The article: the story's title, summary and share image (hero image, 'share' variant), or the vacancy's title and text. */
async function articleOf(ctx: AppContext, row: PostRow): Promise<{ title: string; description: string; image: { bytes: Buffer; mediaType: string } | null }> {
  const db = ctx.database.db;
  if (row.storyId) {
    const [story] = await db.select({ title: stories.title, summary: stories.summary, heroImageId: stories.heroImageId }).from(stories).where(eq(stories.id, row.storyId)).limit(1);
    const image = story?.heroImageId ? await readImageFile(ctx, story.heroImageId, 'share') : null;
    return { title: story?.title ?? '', description: (story?.summary ?? '').slice(0, 300), image };
  }
  const [vacancy] = await db.select({ title: vacancies.title, html: vacancies.descriptionHtml }).from(vacancies).where(eq(vacancies.id, row.vacancyId ?? '')).limit(1);
  const description = (vacancy?.html ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
  return { title: vacancy?.title ?? '', description, image: null };
}

/**
 * Every few minutes: queues posts that are due but whose job went missing (a restart, a lost
 * queue), and fails posts stuck in `posting` (the process stopped mid-send; they are not sent
 * again, as LinkedIn may already show them — at most once).
 */
export async function sweepDuePosts(ctx: AppContext): Promise<{ queued: number; interrupted: number }> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const due = await db
    .select({ id: linkedinPosts.id, at: linkedinPosts.scheduledFor })
    .from(linkedinPosts)
    .where(and(eq(linkedinPosts.status, 'scheduled'), lte(linkedinPosts.scheduledFor, now)))
    .limit(500);
  for (const post of due) await queuePost(ctx, post.id, post.at);
  const stuck = await db
    .select()
    .from(linkedinPosts)
    .where(and(eq(linkedinPosts.status, 'posting'), lt(linkedinPosts.updatedAt, new Date(now.getTime() - STALE_POSTING_MS))));
  for (const row of stuck) await fail(ctx, row, 'interrupted');
  return { queued: due.length, interrupted: stuck.length };
}
