import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { digests, people, stories } from '../db/schema/index.ts';
import { unsubscribeHeaders, unsubscribeUrl } from '../nudges/unsubscribe.ts';
import { storyCanonicalUrl } from '../public/urls.ts';
import { getSetting } from '../settings/service.ts';
import { hasImpact, noImpact, type WeekImpact } from './impact.ts';
import { renderDigestMail } from './mail.ts';

/** What a 'digests.send' job carries: the people of one time zone (a chunk) and the week. */
export interface DigestSendJob {
  week: string;
  personIds: string[];
}

export interface SentDigests {
  sent: number;
  skipped: number;
}

const asImpact = (value: Record<string, number>): WeekImpact => ({ ...noImpact(), ...value });

/**
 * The 'digests.send' job: renders and sends each prepared digest of the chunk. Idempotent: a
 * digest is claimed (prepared → sent, one conditional update on its primary key) before its mail
 * goes out, so a second job or a retry finds it sent and sends nothing; a failed send puts it back
 * to prepared and the job throws, so pg-boss retries only what was not sent. A person who paused,
 * opted out, left or unsubscribed since the digest was prepared is skipped.
 */
export async function sendDigests(ctx: AppContext, job: DigestSendJob): Promise<SentDigests> {
  const db = ctx.database.db;
  const result: SentDigests = { sent: 0, skipped: 0 };
  if (job.personIds.length === 0) return result;
  const rows = await db
    .select({
      personId: digests.personId,
      storyIds: digests.storyIds,
      impact: digests.impact,
      email: people.email,
      name: people.name,
      language: people.language,
      stillRecipient: sql<boolean>`(${people.ambassadorStatus} = 'active' and ${people.active} and ${people.erasedAt} is null and ${people.digestUnsubscribedAt} is null)`,
    })
    .from(digests)
    .innerJoin(people, eq(people.id, digests.personId))
    .where(and(eq(digests.week, job.week), eq(digests.status, 'prepared'), inArray(digests.personId, job.personIds)));
  if (rows.length === 0) return result;
  const organisation = (await getSetting(db, 'organisation.name')) ?? ctx.config.organisationName;
  const now = ctx.clock.now();
  // Stories still published now (one may have been withdrawn since Monday morning).
  const storyIds = [...new Set(rows.flatMap((row) => row.storyIds))];
  const storyRows =
    storyIds.length === 0
      ? []
      : await db
          .select({ id: stories.id, title: stories.title, summary: stories.summary, slug: stories.slug, externalUrl: stories.externalUrl })
          .from(stories)
          .where(and(inArray(stories.id, storyIds), eq(stories.status, 'published'), sql`(${stories.expireAt} is null or ${stories.expireAt} > ${now.toISOString()}::timestamptz)`));
  const storyById = new Map(storyRows.map((story) => [story.id, { title: story.title, summary: story.summary, url: storyCanonicalUrl(ctx.config, story) }]));
  const mark = (personId: string, from: 'prepared' | 'sent', to: 'prepared' | 'sent' | 'skipped', sentAt: Date | null) =>
    db
      .update(digests)
      .set({ status: to, sentAt })
      .where(and(eq(digests.personId, personId), eq(digests.week, job.week), eq(digests.status, from)))
      .returning({ personId: digests.personId });

  const failures: unknown[] = [];
  for (const row of rows) {
    const impact = asImpact(row.impact);
    const picked = row.storyIds.flatMap((id) => storyById.get(id) ?? []);
    if (!row.stillRecipient || (picked.length === 0 && !hasImpact(impact))) {
      await mark(row.personId, 'prepared', 'skipped', null);
      result.skipped++;
      continue;
    }
    const mail = renderDigestMail(row.language, {
      organisation,
      name: row.name,
      impact,
      stories: picked,
      feedUrl: `${ctx.config.baseUrl}/feed`,
      impactUrl: `${ctx.config.baseUrl}/me/impact`,
      unsubscribeUrl: unsubscribeUrl(ctx, row.personId, 'digest'),
    });
    // Claimed before sending: of two jobs racing for the same digest, one sends.
    const [claimed] = await mark(row.personId, 'prepared', 'sent', now);
    if (!claimed) continue;
    try {
      await ctx.mailer.send({ ...mail, to: row.email, personId: row.personId, kind: 'digest', headers: unsubscribeHeaders(ctx, row.personId, 'digest') });
      result.sent++;
    } catch (error) {
      await mark(row.personId, 'sent', 'prepared', null);
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} of ${rows.length} digests could not be sent; the job is retried for them`);
  return result;
}
