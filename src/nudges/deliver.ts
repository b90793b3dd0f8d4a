import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { type NotificationChannel, nudges, nudgeTemplates, people } from '../db/schema/index.ts';
import { getSetting } from '../settings/service.ts';
import { deliverEmail } from './channels/email.ts';
import { deliverInApp } from './channels/in-app.ts';
import { deliverSlack } from './channels/slack.ts';
import { type ChannelDelivery, ChannelUnavailable, type NudgeMessage } from './channels/types.ts';
import { deliverWebPush } from './channels/web-push.ts';
import { nextAllowedMoment, quietHoursOf } from './guardrails.ts';
import { channelFor } from './planner.ts';
import { fillText } from './texts.ts';
import { clickUrl, safeInAppPath } from './tracking.ts';

/**
 * Delivery ('nudges.deliver', one job per nudge, retried by pg-boss with backoff).
 *
 * Idempotency: the nudge row is the record of truth. A run first *claims* it — one conditional
 * update that only succeeds while the nudge is `scheduled` and nobody is sending it, marking it
 * `sending:<time>` in `reason` and counting the attempt — then sends, then marks it `sent` in one
 * statement. A second run (a retry, a duplicate job) finds it sent, or being sent, and sends
 * nothing. The one window left is between the channel accepting the message (SMTP 250) and that
 * last update: if the process dies exactly there, the next run finds a stale `sending:` claim and
 * marks the nudge `failed` ("interrupted") rather than risk a second message — at most once.
 */

export const MAX_ATTEMPTS = 6; // the first run and pg-boss's 5 retries
const CLAIM_STALE_MS = 10 * 60_000;

const channels: Record<NotificationChannel, ChannelDelivery> = { email: deliverEmail, in_app: deliverInApp, web_push: deliverWebPush, slack: deliverSlack };

/** The channels delivery uses; tests replace one to simulate an outage. */
export function channelDelivery(channel: NotificationChannel): ChannelDelivery {
  return channels[channel];
}

export type DeliveryOutcome = 'sent' | 'already_done' | 'in_progress' | 'suppressed' | 'rescheduled' | 'failed' | 'retrying';

const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? name;

/** Delivers one nudge; throws only to have the job retried. */
export async function deliverNudge(ctx: AppContext, nudgeId: string): Promise<DeliveryOutcome> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const [row] = await db
    .select({ nudge: nudges, template: nudgeTemplates, person: people })
    .from(nudges)
    .innerJoin(nudgeTemplates, eq(nudgeTemplates.id, nudges.templateId))
    .innerJoin(people, eq(people.id, nudges.personId))
    .where(eq(nudges.id, nudgeId))
    .limit(1);
  if (!row) return 'already_done';
  const { nudge, template, person } = row;
  if (nudge.status !== 'scheduled') return 'already_done';

  if (nudge.reason?.startsWith('sending:')) {
    if (now.getTime() - Number(nudge.reason.slice(8)) < CLAIM_STALE_MS) return 'in_progress';
    await finish(ctx, nudgeId, { status: 'failed', reason: 'interrupted_while_sending' });
    return 'failed';
  }

  // Guardrails again: the person may have paused, opted out, left or unsubscribed since planning,
  // and an admin may have switched the template off (a nudge waiting for Monday morning must not go).
  const suppress = template.enabled ? suppressionReason(template.trigger, person) : 'template_disabled';
  if (suppress) {
    await finish(ctx, nudgeId, { status: 'suppressed', reason: suppress });
    return 'suppressed';
  }
  const guardrails = await getSetting(db, 'nudges.guardrails');
  const allowedAt = nextAllowedMoment(now, person.timeZone, quietHoursOf(guardrails, person.preferences), guardrails.weekends);
  if (allowedAt.getTime() > now.getTime()) {
    await db.update(nudges).set({ scheduledFor: allowedAt, reason: 'waited_for_allowed_time' }).where(and(eq(nudges.id, nudgeId), eq(nudges.status, 'scheduled')));
    await ctx.jobs.send('nudges.deliver', { nudgeId }, { singletonKey: `${nudgeId}:${allowedAt.getTime()}`, startAfter: allowedAt });
    return 'rescheduled';
  }
  const channel = channelFor(
    template.channel,
    { timeZone: person.timeZone, preferences: person.preferences, channels: person.notificationChannels, nudgeMailUnsubscribedAt: person.nudgeMailUnsubscribedAt, personalEmail: person.personalEmail },
    template.trigger,
  );
  if (!channel) {
    await finish(ctx, nudgeId, { status: 'suppressed', reason: 'no_allowed_channel' });
    return 'suppressed';
  }

  const claimed = await db
    .update(nudges)
    .set({ attempts: sql`${nudges.attempts} + 1`, reason: `sending:${now.getTime()}` })
    .where(and(eq(nudges.id, nudgeId), eq(nudges.status, 'scheduled'), sql`(${nudges.reason} is null or ${nudges.reason} not like 'sending:%')`))
    .returning({ attempts: nudges.attempts });
  const attempts = claimed[0]?.attempts;
  if (attempts === undefined) return 'in_progress';

  const text = template.texts[person.language] ?? template.texts.en;
  const organisation = (await getSetting(db, 'organisation.name')) ?? ctx.config.organisationName;
  const variables = { ...nudge.variables, name: person.name, firstName: firstName(person.name), organisation };
  const message: NudgeMessage = {
    nudgeId,
    // The alumni invitation goes only to the personal address a leaver left (see channelFor).
    person: { id: person.id, email: template.trigger === 'leaving' ? (person.personalEmail ?? '') : person.email, name: person.name, language: person.language, timeZone: person.timeZone },
    title: fillText(text.subject, variables),
    body: fillText(text.body, variables),
    actionLabel: fillText(text.action, variables),
    actionUrl: clickUrl(ctx, nudgeId),
    path: safeInAppPath(nudge.variables.path),
  };

  // Only a failure of the channel itself releases the claim for a retry. Once the channel has the
  // message, a failing `finish` (the database went away for a moment) must leave the claim in place,
  // or the retry would send it again.
  try {
    await channelDelivery(channel)(ctx, message);
  } catch (error) {
    if (error instanceof ChannelUnavailable && channel !== 'in_app' && template.trigger !== 'leaving') {
      // A permanent "cannot reach this person here": the bell instead, no retry.
      try {
        await channelDelivery('in_app')(ctx, message);
      } catch (fallbackError) {
        return failOrRetry(ctx, nudgeId, attempts, fallbackError);
      }
      await finish(ctx, nudgeId, { status: 'sent', reason: `fallback_from_${channel}: ${error.message}`.slice(0, 500), channel: 'in_app' });
      return 'sent';
    }
    return failOrRetry(ctx, nudgeId, attempts, error);
  }
  await finish(ctx, nudgeId, { status: 'sent', reason: null, channel });
  return 'sent';
}

async function failOrRetry(ctx: AppContext, nudgeId: string, attempts: number, error: unknown): Promise<DeliveryOutcome> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 480);
  if (attempts >= MAX_ATTEMPTS || error instanceof ChannelUnavailable) {
    await finish(ctx, nudgeId, { status: 'failed', reason: `${message} (after ${attempts} attempts)` });
    return 'failed';
  }
  // Release the claim with the error as the reason, then let pg-boss retry with backoff.
  await ctx.database.db.update(nudges).set({ reason: `retrying: ${message}` }).where(and(eq(nudges.id, nudgeId), eq(nudges.status, 'scheduled')));
  throw error instanceof Error ? error : new Error(message);
}

async function finish(ctx: AppContext, nudgeId: string, change: { status: 'sent' | 'failed' | 'suppressed'; reason: string | null; channel?: NotificationChannel }): Promise<void> {
  await ctx.database.db
    .update(nudges)
    .set({ status: change.status, reason: change.reason, ...(change.channel ? { channel: change.channel } : {}), ...(change.status === 'sent' ? { sentAt: ctx.clock.now() } : {}) })
    .where(and(eq(nudges.id, nudgeId), eq(nudges.status, 'scheduled')));
}

/** Why a nudge may not reach this person now, or null: only active employees, and alumni only the alumni invitation. */
export function suppressionReason(trigger: string, person: { ambassadorStatus: string; active: boolean; erasedAt: Date | null }): string | null {
  if (person.erasedAt) return 'person_erased';
  if (trigger === 'leaving') return person.ambassadorStatus === 'alumni' ? null : `person_${person.ambassadorStatus}`;
  if (person.ambassadorStatus !== 'active') return `person_${person.ambassadorStatus}`;
  if (!person.active) return 'person_deactivated';
  return null;
}
