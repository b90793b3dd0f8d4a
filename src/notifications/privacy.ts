import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { notifications, pushSubscriptions } from '../db/schema/index.ts';
import { registerPersonalData } from '../privacy/register.ts';

registerPersonalData({
  key: 'notifications.in_app',
  tables: ['notifications'],
  description: 'The in-app notifications (the bell) a person received: title, text, where they lead, when read. Kept 180 days.',
  export: (tx, subject) =>
    tx
      .select({ title: notifications.title, body: notifications.body, url: notifications.url, createdAt: notifications.createdAt, readAt: notifications.readAt })
      .from(notifications)
      .where(eq(notifications.personId, subject.id)),
  async erase(tx, subject) {
    await tx.delete(notifications).where(eq(notifications.personId, subject.id));
  },
  retention: {
    defaultDays: 180,
    async purge(tx, cutoff) {
      const gone = await tx.delete(notifications).where(lt(notifications.createdAt, cutoff)).returning({ id: notifications.id });
      return gone.length;
    },
  },
});

registerPersonalData({
  key: 'notifications.push_subscriptions',
  tables: ['push_subscriptions'],
  description:
    'The browsers a person subscribed to Web Push: the push service address and the keys that encrypt messages to that browser. Deleted when the person unsubscribes or the push service says the browser is gone.',
  // The endpoint and keys are capabilities to message the browser: the export says which push services, not the secrets.
  export: async (tx, subject) => {
    const rows = await tx
      .select({ endpoint: pushSubscriptions.endpoint, createdAt: pushSubscriptions.createdAt, lastSuccessAt: pushSubscriptions.lastSuccessAt })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.personId, subject.id));
    return rows.map((row) => ({ pushService: new URL(row.endpoint).host, createdAt: row.createdAt, lastSuccessAt: row.lastSuccessAt }));
  },
  async erase(tx, subject) {
    await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.personId, subject.id));
  },
  // A browser that took no message for a year is most likely gone without its push service saying so.
  retention: {
    defaultDays: 365,
    async purge(tx, cutoff) {
      const stale = and(lt(pushSubscriptions.createdAt, cutoff), or(isNull(pushSubscriptions.lastSuccessAt), lt(pushSubscriptions.lastSuccessAt, cutoff)));
      const gone = await tx.delete(pushSubscriptions).where(stale).returning({ id: pushSubscriptions.id });
      return gone.length;
    },
  },
});
