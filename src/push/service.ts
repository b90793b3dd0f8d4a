import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { pushSubscriptions } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { OutboundError } from '../http/outbound.ts';
import { checkPostUrl } from '../integrations/post.ts';
import { type PushOptions, type PushPayload, pushAllowHosts, sendPush } from './send.ts';

/** A person keeps at most this many browsers subscribed; the oldest goes first. */
const maxSubscriptionsPerPerson = 20;

/**
 * Stores this browser's subscription for the person. An endpoint belongs to one browser: when
 * another person signs in on it and subscribes, the subscription moves to them.
 */
export async function subscribe(ctx: AppContext, personId: string, input: { endpoint: string; keys: { p256dh: string; auth: string } }) {
  try {
    checkPostUrl(input.endpoint, pushAllowHosts(ctx));
  } catch (error) {
    if (error instanceof OutboundError) throw new AppError(400, 'push_endpoint_invalid', 'error.push_endpoint_invalid', { detail: error.message });
    throw error;
  }
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(pushSubscriptions)
      .values({ personId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, createdAt: now })
      .onConflictDoUpdate({
        target: pushSubscriptions.endpoint,
        set: { personId, p256dh: input.keys.p256dh, auth: input.keys.auth, createdAt: now, failures: 0 },
      })
      .returning({ endpoint: pushSubscriptions.endpoint, createdAt: pushSubscriptions.createdAt });
    const mine = await tx
      .select({ id: pushSubscriptions.id })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.personId, personId))
      .orderBy(asc(pushSubscriptions.createdAt), asc(pushSubscriptions.id));
    const surplus = mine.slice(0, Math.max(0, mine.length - maxSubscriptionsPerPerson)).map((r) => r.id);
    if (surplus.length > 0) await tx.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, surplus));
    if (!row) throw new Error('push subscription not stored');
    return { endpoint: row.endpoint, createdAt: row.createdAt.toISOString() };
  });
}

/** Removes one of the person's own subscriptions by its endpoint (someone else's stays). */
export async function unsubscribe(ctx: AppContext, personId: string, endpoint: string): Promise<void> {
  await ctx.database.db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.personId, personId), eq(pushSubscriptions.endpoint, endpoint)));
}

export interface PushReport {
  subscriptions: number;
  sent: number;
  gone: number;
  /** The failures of subscriptions that neither took the message nor were gone. */
  errors: Error[];
}

/**
 * Pushes one message to every browser the person subscribed. A subscription the push service
 * calls gone (404/410) is deleted; one that fails counts a failure and is tried again next time.
 */
export async function pushToPerson(ctx: AppContext, personId: string, payload: PushPayload, options: PushOptions): Promise<PushReport> {
  const db = ctx.database.db;
  const targets = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.personId, personId));
  const report: PushReport = { subscriptions: targets.length, sent: 0, gone: 0, errors: [] };
  for (const target of targets) {
    try {
      const outcome = await sendPush(ctx, target, payload, options);
      if (outcome === 'gone') {
        report.gone++;
        await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, target.id));
      } else {
        report.sent++;
        await db.update(pushSubscriptions).set({ lastSuccessAt: ctx.clock.now(), failures: 0 }).where(eq(pushSubscriptions.id, target.id));
      }
    } catch (error) {
      report.errors.push(error as Error);
      await db
        .update(pushSubscriptions)
        .set({ failures: sql`${pushSubscriptions.failures} + 1` })
        .where(eq(pushSubscriptions.id, target.id));
    }
  }
  return report;
}
