import { and, arrayContains, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type AppContext, perContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { webhookDeliveries, webhookEndpoints, type WebhookEvent } from '../db/schema/index.ts';

/**
 * Emitting an event: one pending delivery per active endpoint subscribed to it, written in the
 * caller's transaction (so an event exists exactly when the thing it reports was committed), then
 * a delivery job per row. The job is sent without waiting and a few seconds late, so it normally
 * runs after the caller's commit; a job that runs early finds nothing to claim, and a job that was
 * lost is re-sent by the sweeper (webhooks.sweep), which picks up every pending delivery that is due.
 *
 * Cheap when nobody listens: which events active endpoints subscribe to is remembered for a few
 * seconds per app (dropped at once when an endpoint changes on this node), so an unsubscribed
 * event costs no query at all. Another node sees a new endpoint after at most that many seconds.
 */
export const SUBSCRIPTIONS_CACHE_MS = 5_000;
/** How long after emitting the delivery job is allowed to run. */
const JOB_DELAY_MS = 2_000;

/** The JSON body of every delivery: the event's id (for receivers to deduplicate), its type, when it happened, and its data. */
export interface WebhookBody {
  id: string;
  type: WebhookEvent | 'ping';
  createdAt: string;
  data: Record<string, unknown>;
}

interface Subscriptions {
  events: Set<string>;
  loadedAt: number;
}
const cache = perContext<{ current: Subscriptions | null }>(() => ({ current: null }));

/** Forgets the remembered subscriptions (after an endpoint was created, changed, disabled or deleted). */
export function subscriptionsChanged(ctx: AppContext): void {
  cache(ctx).current = null;
}

/** Whether any active endpoint subscribes to the event (remembered for a few seconds). */
export async function anySubscribed(ctx: AppContext, tx: Tx, event: WebhookEvent): Promise<boolean> {
  const held = cache(ctx);
  if (!held.current || Date.now() - held.current.loadedAt > SUBSCRIPTIONS_CACHE_MS) {
    const rows = await tx.select({ events: webhookEndpoints.events }).from(webhookEndpoints).where(eq(webhookEndpoints.active, true));
    held.current = { events: new Set(rows.flatMap((row) => row.events)), loadedAt: Date.now() };
  }
  return held.current.events.has(event);
}

/** Queues the delivery jobs without waiting for them (see above: the sweeper covers a failed send). */
export function queueDeliveries(ctx: AppContext, deliveryIds: readonly string[], startAfter: Date): void {
  if (deliveryIds.length === 0) return;
  void (async () => {
    for (const deliveryId of deliveryIds) await ctx.jobs.send('webhooks.deliver', { deliveryId }, { startAfter });
  })().catch((error) => ctx.log.warn({ err: error }, 'webhook delivery not queued; the sweeper will pick it up'));
}

/**
 * Records an event for every active endpoint subscribed to it, in the caller's transaction.
 * `data` must be minimal and hold no visitor data (see the README's list of events).
 * @example await emitEvent(ctx, tx, 'share.created', { shareId, storyId, network })
 */
export async function emitEvent(ctx: AppContext, tx: Tx, event: WebhookEvent, data: Record<string, unknown>): Promise<void> {
  if (!(await anySubscribed(ctx, tx, event))) return;
  const now = ctx.clock.now();
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.active, true), arrayContains(webhookEndpoints.events, [event])));
  if (endpoints.length === 0) return;
  const eventId = uuidv7();
  const body: WebhookBody = { id: eventId, type: event, createdAt: now.toISOString(), data };
  const rows = await tx
    .insert(webhookDeliveries)
    .values(endpoints.map((endpoint) => ({ endpointId: endpoint.id, event, eventId, payload: body as unknown as Record<string, unknown>, status: 'pending' as const, nextAttemptAt: now, createdAt: now })))
    .returning({ id: webhookDeliveries.id });
  queueDeliveries(
    ctx,
    rows.map((row) => row.id),
    new Date(now.getTime() + JOB_DELAY_MS),
  );
}
