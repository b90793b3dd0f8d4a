import { pushToPerson } from '../../push/service.ts';
import { type ChannelDelivery, ChannelUnavailable } from './types.ts';

/**
 * Web Push to every browser the person subscribed (the PWA's service worker shows it). Kept a day
 * for a device that is offline; normal urgency, so phones in battery saving still get it.
 * No subscription left → ChannelUnavailable (delivery falls back to in-app); a subscription that
 * failed otherwise, with none delivered, throws so the job is retried. Once one browser has the
 * message, a failure of another does not retry (that would send the first one a second copy).
 */
export const deliverWebPush: ChannelDelivery = async (ctx, message) => {
  const report = await pushToPerson(
    ctx,
    message.person.id,
    { title: message.title, body: message.body, url: message.actionUrl, tag: `nudge-${message.nudgeId}` },
    { ttlSeconds: 24 * 3600, urgency: 'normal' },
  );
  if (report.sent > 0) {
    if (report.errors.length > 0) ctx.log.warn({ nudgeId: message.nudgeId, errors: report.errors.map((e) => e.message) }, 'web push reached some browsers of the person only');
    return;
  }
  if (report.errors.length === 0) throw new ChannelUnavailable(report.subscriptions === 0 ? 'no push subscription' : 'every push subscription of the person is gone');
  throw report.errors[0];
};
