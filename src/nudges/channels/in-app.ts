import { and, eq } from 'drizzle-orm';
import { notifications } from '../../db/schema/index.ts';
import { createNotification } from '../../notifications/service.ts';
import type { ChannelDelivery } from './types.ts';

/**
 * The bell in the ambassador app: always available (the fallback of the other channels). The
 * notification leads to the in-app path of the nudge, never to another site. A retry of the same
 * nudge finds its notification and adds no second one.
 */
export const deliverInApp: ChannelDelivery = async (ctx, message) => {
  await ctx.database.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.nudgeId, message.nudgeId), eq(notifications.personId, message.person.id)))
      .limit(1);
    if (existing) return;
    await createNotification(tx, { personId: message.person.id, nudgeId: message.nudgeId, title: message.title, body: message.body, url: message.path }, ctx.clock.now());
  });
};
