import { and, desc, eq, lt, or } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { recordAudit } from '../audit/service.ts';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import { decryptSecret, encryptSecret, SecretUnreadableError } from '../crypto/secrets.ts';
import { webhookDeliveries, webhookEndpoints } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { allowedFetchHosts, OutboundError } from '../http/outbound.ts';
import { page } from '../http/pagination.ts';
import { checkPostUrl } from '../integrations/post.ts';
import { postSigned, recordAttempt } from './deliver.ts';
import { queueDeliveries, subscriptionsChanged, type WebhookBody } from './emit.ts';
import type { DeliveryView, EndpointInput, EndpointPatch, EndpointView } from './schema.ts';
import { newWebhookSecret } from './signing.ts';

type EndpointRow = typeof webhookEndpoints.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export function presentEndpoint(row: EndpointRow): EndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    active: row.active,
    consecutiveFailures: row.consecutiveFailures,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentDelivery(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    endpointId: row.endpointId,
    event: row.event,
    eventId: row.eventId,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    responseStatus: row.responseStatus,
    responseBody: row.responseBody,
    durationMs: row.durationMs,
    replayOf: row.replayOf,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    payload: row.payload,
  };
}

/** Checks an endpoint address like any outbound POST: https (http only for allowed private hosts), no credentials, no private address. */
async function checkUrl(ctx: AppContext, url: string): Promise<string> {
  try {
    return checkPostUrl(url, await allowedFetchHosts(ctx)).toString();
  } catch (error) {
    if (error instanceof OutboundError) throw new AppError(400, 'webhook_url_invalid', 'error.webhook_url_invalid', { detail: error.message });
    throw error;
  }
}

async function endpointRow(ctx: AppContext, id: string): Promise<EndpointRow> {
  const [row] = await ctx.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).limit(1);
  if (!row) throw notFound('webhook_not_found', id);
  return row;
}

const audited = (row: EndpointRow) => ({ url: row.url, description: row.description, events: row.events, active: row.active });

export async function listEndpoints(ctx: AppContext): Promise<EndpointView[]> {
  const rows = await ctx.database.db.select().from(webhookEndpoints).orderBy(webhookEndpoints.createdAt, webhookEndpoints.id);
  return rows.map(presentEndpoint);
}

export async function getEndpoint(ctx: AppContext, id: string): Promise<EndpointView> {
  return presentEndpoint(await endpointRow(ctx, id));
}

/** Registers an endpoint with a new signing secret, answered this once. */
export async function createEndpoint(ctx: AppContext, auth: SignedIn, input: EndpointInput): Promise<EndpointView & { secret: string }> {
  const url = await checkUrl(ctx, input.url);
  const now = ctx.clock.now();
  const secret = newWebhookSecret();
  const row = await ctx.database.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(webhookEndpoints)
      .values({
        url,
        description: input.description,
        events: input.events,
        secretEncrypted: encryptSecret(ctx.config.secretKey, 'webhook-secret', secret),
        active: input.active,
        disabledAt: input.active ? null : now,
        createdBy: auth.personId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw new Error('webhook insert returned nothing');
    await recordAudit(tx, auth, now, { action: 'webhook.created', subjectType: 'webhook', subjectId: created.id, after: audited(created) });
    return created;
  });
  subscriptionsChanged(ctx);
  return { ...presentEndpoint(row), secret };
}

/** Changes an endpoint; switching it on again forgets its failures. */
export async function updateEndpoint(ctx: AppContext, auth: SignedIn, id: string, patch: EndpointPatch): Promise<EndpointView> {
  const url = patch.url === undefined ? undefined : await checkUrl(ctx, patch.url);
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).for('update');
    if (!before) throw notFound('webhook_not_found', id);
    const switching = patch.active === undefined || patch.active === before.active ? {} : patch.active ? { active: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null } : { active: false, disabledAt: now, disabledReason: null };
    const [after] = await tx
      .update(webhookEndpoints)
      .set({
        ...(url === undefined ? {} : { url }),
        ...(patch.description === undefined ? {} : { description: patch.description }),
        ...(patch.events === undefined ? {} : { events: patch.events }),
        ...switching,
        updatedAt: now,
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    if (!after) throw new Error('webhook update returned nothing');
    await recordAudit(tx, auth, now, { action: 'webhook.updated', subjectType: 'webhook', subjectId: id, before: audited(before), after: audited(after) });
    return after;
  });
  subscriptionsChanged(ctx);
  return presentEndpoint(row);
}

/** Deletes an endpoint with its delivery log. */
export async function deleteEndpoint(ctx: AppContext, auth: SignedIn, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const [gone] = await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning();
    if (!gone) throw notFound('webhook_not_found', id);
    await recordAudit(tx, auth, now, { action: 'webhook.deleted', subjectType: 'webhook', subjectId: id, before: audited(gone) });
  });
  subscriptionsChanged(ctx);
}

/** Replaces the signing secret; the new one is answered this once. Deliveries still waiting are signed with the new one. */
export async function rotateSecret(ctx: AppContext, auth: SignedIn, id: string): Promise<EndpointView & { secret: string }> {
  const now = ctx.clock.now();
  const secret = newWebhookSecret();
  const row = await ctx.database.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(webhookEndpoints)
      .set({ secretEncrypted: encryptSecret(ctx.config.secretKey, 'webhook-secret', secret), updatedAt: now })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    if (!updated) throw notFound('webhook_not_found', id);
    // The secret itself never goes into the audit log.
    await recordAudit(tx, auth, now, { action: 'webhook.secret_rotated', subjectType: 'webhook', subjectId: id });
    return updated;
  });
  return { ...presentEndpoint(row), secret };
}

function secretOf(ctx: AppContext, row: EndpointRow): string {
  try {
    return decryptSecret(ctx.config.secretKey, 'webhook-secret', row.secretEncrypted);
  } catch (error) {
    if (error instanceof SecretUnreadableError) throw new AppError(409, 'webhook_secret_unreadable', 'error.webhook_secret_unreadable');
    throw error;
  }
}

/**
 * Sends a signed `ping` now (also to a switched-off endpoint, to check it before switching it on) and
 * answers the logged delivery. Should the process stop mid-request, the sweeper settles it in 5 minutes.
 */
export async function sendTestEvent(ctx: AppContext, id: string): Promise<DeliveryView> {
  const endpoint = await endpointRow(ctx, id);
  const secret = secretOf(ctx, endpoint);
  const now = ctx.clock.now();
  const body: WebhookBody = { id: uuidv7(), type: 'ping', createdAt: now.toISOString(), data: { endpointId: endpoint.id, message: 'A test event from Podium: the signature can be checked with this endpoint’s secret.' } };
  const [delivery] = await ctx.database.db
    .insert(webhookDeliveries)
    .values({ endpointId: endpoint.id, event: 'ping' as never, eventId: body.id, payload: body as unknown as Record<string, unknown>, status: 'pending', attempts: 1, nextAttemptAt: new Date(now.getTime() + 5 * 60_000), createdAt: now })
    .returning();
  if (!delivery) throw new Error('delivery insert returned nothing');
  // Sent as stored, so a replay sends exactly the same bytes.
  const result = await postSigned(ctx, endpoint.url, secret, delivery.payload as unknown as WebhookBody, delivery.id);
  await recordAttempt(ctx, delivery, endpoint, result);
  const [after] = await ctx.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
  return presentDelivery(after ?? delivery);
}

/** An endpoint's deliveries, newest first, keyset-paged on (created_at, id). */
export async function listDeliveries(ctx: AppContext, endpointId: string, options: { limit: number; after: { at: Date; id: string } | null }) {
  await endpointRow(ctx, endpointId);
  const conditions = [eq(webhookDeliveries.endpointId, endpointId)];
  if (options.after) {
    const older = or(lt(webhookDeliveries.createdAt, options.after.at), and(eq(webhookDeliveries.createdAt, options.after.at), lt(webhookDeliveries.id, options.after.id)));
    if (older) conditions.push(older);
  }
  const rows = await ctx.database.db
    .select()
    .from(webhookDeliveries)
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(options.limit + 1);
  const result = page(rows, options.limit, (row) => [row.createdAt.toISOString(), row.id]);
  return { items: result.items.map(presentDelivery), nextCursor: result.nextCursor };
}

/** Sends an earlier delivery's body again as a new delivery (same event id, so receivers can deduplicate). */
export async function replayDelivery(ctx: AppContext, auth: SignedIn, deliveryId: string): Promise<DeliveryView> {
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    const [original] = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).limit(1);
    if (!original) throw notFound('webhook_delivery_not_found', deliveryId);
    const [endpoint] = await tx.select({ active: webhookEndpoints.active }).from(webhookEndpoints).where(eq(webhookEndpoints.id, original.endpointId));
    if (!endpoint?.active) throw new AppError(409, 'webhook_disabled', 'error.webhook_disabled');
    const [replay] = await tx
      .insert(webhookDeliveries)
      .values({ endpointId: original.endpointId, event: original.event, eventId: original.eventId, payload: original.payload, status: 'pending', nextAttemptAt: now, replayOf: original.id, createdAt: now })
      .returning();
    if (!replay) throw new Error('delivery insert returned nothing');
    await recordAudit(tx, auth, now, { action: 'webhook.delivery_replayed', subjectType: 'webhook', subjectId: original.endpointId, after: { deliveryId: replay.id, replayOf: original.id } });
    return replay;
  });
  queueDeliveries(ctx, [row.id], now);
  return presentDelivery(row);
}
