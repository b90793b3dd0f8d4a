import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { conversions, type people, stories, vacancies } from '../db/schema/index.ts';
import { storyCanonicalUrl } from '../public/urls.ts';
import { anySubscribed, emitEvent } from './emit.ts';

/**
 * The events' data, decided per event (kept minimal; never a visitor hash or IP address):
 * - share.created: share, person and item ids, the item's title, network, link — the sharer by id only.
 * - conversion.recorded: the conversion (type, source, external id, vacancy, touchpoint count) — no person at all.
 * - story.published: the story's id, title, format, canonical URL and publication moment — no author.
 * - person.left: the leaver's id, name and work e-mail (a receiver such as an HR or CRM system must
 *   know who left), the day they left — never their personal e-mail address.
 * - click.recorded: see clicks.ts.
 */

/** conversion.recorded for each conversion that was new (by external id), in the transaction that stored them. */
export async function emitConversionsRecorded(ctx: AppContext, tx: Tx, externalIds: Iterable<string>): Promise<void> {
  const ids = [...externalIds];
  if (ids.length === 0 || !(await anySubscribed(ctx, tx, 'conversion.recorded'))) return;
  const rows = await tx
    .select({
      id: conversions.id,
      externalId: conversions.externalId,
      type: conversions.type,
      source: conversions.source,
      occurredAt: conversions.occurredAt,
      vacancyId: conversions.vacancyId,
      vacancyRef: conversions.vacancyRef,
      vacancyTitle: vacancies.title,
      touchpointCount: conversions.touchpointCount,
    })
    .from(conversions)
    .leftJoin(vacancies, eq(vacancies.id, conversions.vacancyId))
    .where(inArray(conversions.externalId, ids));
  for (const row of rows) {
    await emitEvent(ctx, tx, 'conversion.recorded', {
      conversionId: row.id,
      externalId: row.externalId,
      type: row.type,
      source: row.source,
      occurredAt: row.occurredAt.toISOString(),
      vacancyId: row.vacancyId,
      vacancyRef: row.vacancyRef,
      vacancyTitle: row.vacancyTitle,
      touchpointCount: row.touchpointCount,
    });
  }
}

/**
 * story.published when a story becomes published (not when an archived story comes back). A story
 * scheduled for later is announced when it goes live: a job at that moment emits the event then.
 */
export async function emitStoryPublished(ctx: AppContext, tx: Tx, story: typeof stories.$inferSelect): Promise<void> {
  if (story.publishedAt && story.publishedAt > ctx.clock.now()) {
    await ctx.jobs.send('webhooks.story-live', { storyId: story.id, publishedAt: story.publishedAt.toISOString() }, { startAfter: story.publishedAt });
    return;
  }
  await emitStoryEvent(ctx, tx, story);
}

/** The scheduled story went live: announced, unless it was unpublished or rescheduled meanwhile. */
export async function emitScheduledStoryLive(ctx: AppContext, job: { storyId: string; publishedAt: string }): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const [story] = await tx.select().from(stories).where(eq(stories.id, job.storyId)).limit(1);
    if (story?.status !== 'published' || story.publishedAt?.toISOString() !== job.publishedAt) return;
    await emitStoryEvent(ctx, tx, story);
  });
}

async function emitStoryEvent(ctx: AppContext, tx: Tx, story: typeof stories.$inferSelect): Promise<void> {
  await emitEvent(ctx, tx, 'story.published', {
    storyId: story.id,
    title: story.title,
    format: story.format,
    url: storyCanonicalUrl(ctx.config, story),
    publishedAt: story.publishedAt?.toISOString() ?? null,
  });
}

/** person.left when a person becomes alumni. */
export async function emitPersonLeft(ctx: AppContext, tx: Tx, person: typeof people.$inferSelect): Promise<void> {
  await emitEvent(ctx, tx, 'person.left', {
    personId: person.id,
    name: person.name,
    email: person.email,
    leftAt: person.leftAt?.toISOString() ?? null,
  });
}
