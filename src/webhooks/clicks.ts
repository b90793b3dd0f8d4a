import { and, asc, eq, gt, lte, or } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { clicks, eventCursors, shares } from '../db/schema/index.ts';
import { anySubscribed, emitEvent } from './emit.ts';

/**
 * click.recorded: the redirect path stays one batched write, so clicks are not emitted there. A
 * job every minute reads the clicks after a cursor (ordered by occurred_at, then id) and emits one
 * event per batch of at most 500, updating the cursor in the same transaction as the deliveries —
 * a batch is emitted exactly once, across restarts and nodes.
 *
 * Clicks are read only up to 30 seconds ago (the safety lag): a click carries the moment of the
 * request, but its batch commits a little later, and a cursor that had already passed that moment
 * would skip it. The price is that click events arrive at least 30 seconds late. A click written
 * much later than it happened (replayed from the redirect spool after a database outage longer
 * than the lag) is counted in analytics but not sent as an event.
 *
 * When no active endpoint subscribes, the cursor just moves to the lag's edge: switching the event
 * on later does not send the history.
 */
export const CLICK_CURSOR = 'webhooks.click_recorded';
export const CLICK_LAG_MS = 30_000;
export const CLICK_BATCH = 500;
/** At most this many batches per run; the next run carries on. */
const BATCHES_PER_RUN = 20;
const MAX_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

interface ClickPosition {
  at: string;
  id: string;
}

/** One run of the click feed; answers how many clicks were emitted. */
export async function emitClickBatches(ctx: AppContext): Promise<number> {
  let emitted = 0;
  for (let batch = 0; batch < BATCHES_PER_RUN; batch++) {
    const sent = await emitOneBatch(ctx);
    emitted += sent;
    if (sent < CLICK_BATCH) break;
  }
  return emitted;
}

async function emitOneBatch(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const edge = new Date(now.getTime() - CLICK_LAG_MS);
  return ctx.database.db.transaction(async (tx) => {
    await tx
      .insert(eventCursors)
      .values({ name: CLICK_CURSOR, position: { at: edge.toISOString(), id: MAX_UUID }, updatedAt: now })
      .onConflictDoNothing({ target: eventCursors.name });
    // Locked, so two runs at once (a slow one and the next minute's) cannot emit the same batch.
    const [cursor] = await tx.select().from(eventCursors).where(eq(eventCursors.name, CLICK_CURSOR)).for('update');
    const position = (cursor?.position ?? { at: edge.toISOString(), id: MAX_UUID }) as unknown as ClickPosition;
    const save = (next: ClickPosition) => tx.update(eventCursors).set({ position: next as unknown as Record<string, unknown>, updatedAt: now }).where(eq(eventCursors.name, CLICK_CURSOR));
    if (!(await anySubscribed(ctx, tx, 'click.recorded'))) {
      if (Date.parse(position.at) < edge.getTime()) await save({ at: edge.toISOString(), id: MAX_UUID });
      return 0;
    }
    const after = new Date(position.at);
    const rows = await tx
      .select({
        id: clicks.id,
        linkCode: clicks.linkCode,
        shareId: clicks.shareId,
        occurredAt: clicks.occurredAt,
        bot: clicks.bot,
        kind: clicks.kind,
        unique: clicks.uniqueClick,
        device: clicks.device,
        referrerHost: clicks.referrerHost,
        itemType: shares.itemType,
        storyId: shares.storyId,
        vacancyId: shares.vacancyId,
        network: shares.network,
      })
      .from(clicks)
      .leftJoin(shares, eq(shares.id, clicks.shareId))
      .where(and(or(gt(clicks.occurredAt, after), and(eq(clicks.occurredAt, after), gt(clicks.id, position.id))), lte(clicks.occurredAt, edge)))
      .orderBy(asc(clicks.occurredAt), asc(clicks.id))
      .limit(CLICK_BATCH);
    const last = rows.at(-1);
    if (!last) {
      return 0;
    }
    // Never the visitor hash: a receiver learns what was clicked, when, and how — not by whom.
    await emitEvent(ctx, tx, 'click.recorded', {
      count: rows.length,
      from: rows[0]?.occurredAt.toISOString(),
      to: last.occurredAt.toISOString(),
      clicks: rows.map((row) => ({
        clickId: row.id,
        linkCode: row.linkCode,
        shareId: row.shareId,
        itemType: row.itemType,
        storyId: row.storyId,
        vacancyId: row.vacancyId,
        network: row.network,
        occurredAt: row.occurredAt.toISOString(),
        bot: row.bot,
        kind: row.kind,
        unique: row.unique ?? false,
        device: row.device,
        referrerHost: row.referrerHost,
      })),
    });
    await save({ at: last.occurredAt.toISOString(), id: last.id });
    return rows.length;
  });
}

/** For tests and the admin's curiosity: where the click feed is. */
export async function clickCursor(ctx: AppContext): Promise<ClickPosition | null> {
  const [row] = await ctx.database.db.select().from(eventCursors).where(eq(eventCursors.name, CLICK_CURSOR));
  return (row?.position as unknown as ClickPosition | undefined) ?? null;
}

