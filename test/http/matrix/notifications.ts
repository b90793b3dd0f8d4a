import { createECDH, randomBytes } from 'node:crypto';
import { admins, persons, type Scenario } from './types.ts';

/** A browser-like push subscription (a real P-256 key); nothing is ever sent to it here. */
const browserKey = createECDH('prime256v1');
browserKey.generateKeys();
const subscription = {
  endpoint: 'https://push.example.com/matrix-subscription',
  keys: { p256dh: browserKey.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
};

/**
 * Channels: the bell and push subscriptions are every person's own (isPerson, never an
 * organisation token); the Slack and Teams integrations are admins'. The Slack token body is left
 * invalid on purpose, so the matrix never calls slack.com (a 400 still proves authorization passed).
 */
export const notificationRoutes: Record<string, Scenario> = {
  'GET /api/v1/me/notifications': { allowed: persons },
  'POST /api/v1/me/notifications/:id/read': { allowed: persons },
  'POST /api/v1/me/notifications/read-all': { allowed: persons },
  'GET /api/v1/push/public-key': { allowed: persons },
  'POST /api/v1/me/push-subscriptions': { allowed: persons, body: () => subscription },
  'DELETE /api/v1/me/push-subscriptions': { allowed: persons, body: () => ({ endpoint: subscription.endpoint }) },
  'GET /api/v1/integrations': { allowed: admins },
  'PUT /api/v1/integrations/slack': { allowed: admins, body: () => ({ botToken: 'not a slack token' }) },
  'DELETE /api/v1/integrations/slack': { allowed: admins },
  'PUT /api/v1/integrations/webhooks': { allowed: admins, body: () => ({ language: 'en' }) },
  'POST /api/v1/integrations/webhooks/test': { allowed: admins },
};
