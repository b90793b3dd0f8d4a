import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { notifications } from '../db/schema/index.ts';
import { notFound } from '../http/errors.ts';
import { isInternalPath, type NotificationView } from './schema.ts';

type NotificationRow = typeof notifications.$inferSelect;

const present = (row: NotificationRow): NotificationView => ({
  id: row.id,
  title: row.title,
  body: row.body,
  url: row.url,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt?.toISOString() ?? null,
});

/** Adds a notification to the person's bell. A url that is not a Podium path is dropped (no open redirect through the bell). */
export async function createNotification(
  tx: Tx,
  input: { personId: string; title: string; body: string; url: string | null; nudgeId?: string | null },
  now: Date,
): Promise<NotificationView> {
  const [row] = await tx
    .insert(notifications)
    .values({
      personId: input.personId,
      nudgeId: input.nudgeId ?? null,
      title: input.title.slice(0, 300),
      body: input.body.slice(0, 4000),
      url: input.url !== null && isInternalPath(input.url) ? input.url : null,
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error('notification not stored');
  return present(row);
}

async function unreadCount(tx: Tx, personId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.personId, personId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** The person's newest notifications and how many are unread. */
export async function listNotifications(ctx: AppContext, personId: string, limit: number) {
  const db = ctx.database.db;
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.personId, personId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  return { items: rows.map(present), unreadCount: await unreadCount(db, personId) };
}

/** Marks one of the person's own notifications read; someone else's is not found. */
export async function markRead(ctx: AppContext, personId: string, id: string): Promise<NotificationView> {
  const db = ctx.database.db;
  const [row] = await db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(eq(notifications.id, id), eq(notifications.personId, personId), isNull(notifications.readAt)))
    .returning();
  if (row) return present(row);
  const [already] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.personId, personId)))
    .limit(1);
  if (!already) throw notFound('notification_not_found', id);
  return present(already);
}

/** Marks every unread notification of the person read. */
export async function markAllRead(ctx: AppContext, personId: string) {
  const marked = await ctx.database.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(eq(notifications.personId, personId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { marked: marked.length, unreadCount: 0 };
}
