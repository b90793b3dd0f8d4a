import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { people, webhookDeliveries, webhookEndpoints } from '../db/schema/index.ts';
import { decryptSecret, SecretUnreadableError } from '../crypto/secrets.ts';
import { allowedFetchHosts } from '../http/outbound.ts';
import { postOutbound } from '../integrations/post.ts';
import { getSetting } from '../settings/service.ts';
import { queueDeliveries, subscriptionsChanged, type WebhookBody } from './emit.ts';
import { renderEndpointDisabledMail } from './mail.ts';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from './signing.ts';

/**
 * Delivering: a signed POST with a 10-second deadline; any 2xx is a success. Anything else (another
 * status, a refused address, a timeout) is retried after 1 minute, 5 minutes, 30 minutes, 2 hours
 * and 6 hours; each attempt's status, the first 4 KB of the answer and the duration are kept on the
 * delivery. When every attempt failed the endpoint's failure count goes up; after 5 deliveries in
 * a row failed it is disabled and the admins get an e-mail. One success resets the count.
 * Test pings are tried once and never count.
 */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const DISABLE_AFTER_FAILED_DELIVERIES = 5;
export const DELIVERY_TIMEOUT_MS = 10_000;
export const RESPONSE_BODY_LIMIT = 4_096;
/** While an attempt is running its delivery is not due again, so the sweeper does not start a second one. */
const ATTEMPT_LEASE_MS = 5 * 60_000;

export interface DeliveryJob {
  deliveryId: string;
}

/** The result of one attempt, as kept on the delivery row. */
export interface AttemptResult {
  ok: boolean;
  responseStatus: number | null;
  responseBody: string;
  durationMs: number;
}

/** Signs and POSTs one body to one endpoint: never throws, answers the outcome. */
export async function postSigned(ctx: AppContext, url: string, secret: string, body: WebhookBody, deliveryId: string): Promise<AttemptResult> {
  // Always in this order: id, type, createdAt, data (the stored jsonb does not keep key order).
  const raw = JSON.stringify({ id: body.id, type: body.type, createdAt: body.createdAt, data: body.data });
  const started = performance.now();
  try {
    const response = await postOutbound(url, {
      allowHosts: await allowedFetchHosts(ctx),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Podium-Webhooks',
        [SIGNATURE_HEADER]: signatureHeader(secret, ctx.clock.now(), raw),
        [EVENT_HEADER]: body.type,
        [DELIVERY_HEADER]: deliveryId,
      },
      body: raw,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      maxResponseBytes: RESPONSE_BODY_LIMIT,
    });
    return {
      ok: response.status >= 200 && response.status < 300,
      responseStatus: response.status,
      responseBody: response.body.slice(0, RESPONSE_BODY_LIMIT),
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return { ok: false, responseStatus: null, responseBody: (error as Error).message.slice(0, RESPONSE_BODY_LIMIT), durationMs: Math.round(performance.now() - started) };
  }
}

/** The job: claims the delivery when it is due, attempts it, and records the outcome (never throws for a receiver's failure). */
export async function runDeliveryJob(ctx: AppContext, job: DeliveryJob): Promise<void> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  // Claim: only a pending delivery that is due, and only one worker at a time (the lease).
  const [claimed] = await db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + ATTEMPT_LEASE_MS) })
    .where(
      and(
        eq(webhookDeliveries.id, job.deliveryId),
        eq(webhookDeliveries.status, 'pending'),
        or(isNull(webhookDeliveries.nextAttemptAt), lte(webhookDeliveries.nextAttemptAt, now)),
      ),
    )
    .returning();
  if (!claimed) return;
  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, claimed.endpointId)).limit(1);
  if (!endpoint?.active) {
    await db
      .update(webhookDeliveries)
      .set({ status: 'failed', nextAttemptAt: null, attempts: claimed.attempts - 1, responseBody: 'not sent: the endpoint is disabled' })
      .where(eq(webhookDeliveries.id, claimed.id));
    return;
  }
  let secret: string;
  try {
    secret = decryptSecret(ctx.config.secretKey, 'webhook-secret', endpoint.secretEncrypted);
  } catch (error) {
    if (!(error instanceof SecretUnreadableError)) throw error;
    // Counted as a failed attempt (never sent unsigned), so it ends like any failure instead of being retried forever.
    await recordAttempt(ctx, claimed, endpoint, { ok: false, responseStatus: null, responseBody: `not sent: ${error.message}; rotate the webhook's secret`, durationMs: 0 });
    return;
  }
  const result = await postSigned(ctx, endpoint.url, secret, claimed.payload as unknown as WebhookBody, claimed.id);
  await recordAttempt(ctx, claimed, endpoint, result);
}

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** Keeps an attempt's outcome; schedules the next attempt, or settles the delivery and the endpoint's failure count. */
export async function recordAttempt(ctx: AppContext, delivery: DeliveryRow, endpoint: EndpointRow, result: AttemptResult): Promise<void> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const logged = { responseStatus: result.responseStatus, responseBody: result.responseBody, durationMs: result.durationMs };
  const isPing = (delivery.event as string) === 'ping';
  if (result.ok) {
    await db.transaction(async (tx) => {
      await tx.update(webhookDeliveries).set({ ...logged, status: 'succeeded', nextAttemptAt: null, deliveredAt: now }).where(eq(webhookDeliveries.id, delivery.id));
      if (!isPing) await tx.update(webhookEndpoints).set({ consecutiveFailures: 0 }).where(and(eq(webhookEndpoints.id, endpoint.id), sql`${webhookEndpoints.consecutiveFailures} > 0`));
    });
    return;
  }
  if (!isPing && delivery.attempts < MAX_ATTEMPTS) {
    const next = new Date(now.getTime() + (RETRY_DELAYS_MS[delivery.attempts - 1] ?? RETRY_DELAYS_MS.at(-1) ?? 60_000));
    await db.update(webhookDeliveries).set({ ...logged, nextAttemptAt: next }).where(eq(webhookDeliveries.id, delivery.id));
    queueDeliveries(ctx, [delivery.id], next);
    return;
  }
  const disabled = await db.transaction(async (tx) => {
    await tx.update(webhookDeliveries).set({ ...logged, status: 'failed', nextAttemptAt: null }).where(eq(webhookDeliveries.id, delivery.id));
    if (isPing) return null;
    const [counted] = await tx
      .update(webhookEndpoints)
      .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1` })
      .where(eq(webhookEndpoints.id, endpoint.id))
      .returning();
    if (!counted?.active || counted.consecutiveFailures < DISABLE_AFTER_FAILED_DELIVERIES) return null;
    const [off] = await tx
      .update(webhookEndpoints)
      .set({ active: false, disabledAt: now, disabledReason: 'consecutive_failures', updatedAt: now })
      .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.active, true)))
      .returning();
    return off ?? null;
  });
  if (disabled) {
    subscriptionsChanged(ctx);
    await mailAdminsEndpointDisabled(ctx, disabled, result);
  }
}

/** Tells every active admin that an endpoint was switched off, in their language. A mail that cannot be sent is logged, not retried. */
async function mailAdminsEndpointDisabled(ctx: AppContext, endpoint: EndpointRow, last: AttemptResult): Promise<void> {
  const db = ctx.database.db;
  const admins = await db
    .select({ id: people.id, email: people.email, name: people.name, language: people.language })
    .from(people)
    .where(and(sql`'admin' = any(${people.roles})`, eq(people.active, true), isNull(people.erasedAt)))
    .orderBy(asc(people.email));
  const organisation = (await getSetting(db, 'organisation.name')) ?? ctx.config.organisationName;
  const lastError = last.responseStatus !== null ? `HTTP ${last.responseStatus}` : last.responseBody.slice(0, 200);
  for (const admin of admins) {
    const mail = renderEndpointDisabledMail(admin.language, {
      organisation,
      name: admin.name,
      endpointUrl: endpoint.url,
      failures: endpoint.consecutiveFailures,
      lastError,
      url: `${ctx.config.baseUrl}/admin/webhooks`,
    });
    try {
      await ctx.mailer.send({ ...mail, to: admin.email, personId: admin.id, kind: 'webhook_disabled' });
    } catch (error) {
      ctx.log.warn({ err: error, endpointId: endpoint.id }, 'webhook disabled notice not sent');
    }
  }
}

/** The sweeper (every minute): re-queues pending deliveries that are due, covering lost jobs and restarts. Answers how many. */
export async function sweepDueDeliveries(ctx: AppContext, limit = 1_000): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.database.db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit);
  for (const row of due) await ctx.jobs.send<DeliveryJob>('webhooks.deliver', { deliveryId: row.id });
  return due.length;
}
