import { z } from 'zod';
import { isPerson, type SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { publicKeySchema, subscribeBody, subscriptionSchema, unsubscribeBody } from './schema.ts';
import { subscribe, unsubscribe } from './service.ts';
import { vapidKeys } from './vapid.ts';

const tags = ['push'];
const me = (request: { auth: unknown }) => (request.auth as SignedIn).personId as string;

/** Web Push: the VAPID public key and this browser's subscription of the signed-in person. */
export async function pushRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/push/public-key', {
    config: { policy: isPerson },
    schema: { tags, summary: 'The VAPID public key browsers subscribe with (applicationServerKey)', response: { 200: publicKeySchema, ...errorResponses } },
    handler: async () => ({ publicKey: (await vapidKeys(ctx)).publicKey }),
  });

  app.post('/api/v1/me/push-subscriptions', {
    config: { policy: isPerson },
    schema: {
      tags,
      summary: 'Subscribe this browser to my notifications (the body is PushSubscription.toJSON())',
      body: subscribeBody,
      response: { 201: subscriptionSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await subscribe(ctx, me(request), request.body)),
  });

  app.delete('/api/v1/me/push-subscriptions', {
    config: { policy: isPerson },
    schema: { tags, summary: 'Unsubscribe a browser of mine, by its endpoint', body: unsubscribeBody, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await unsubscribe(ctx, me(request), request.body.endpoint);
      return reply.code(204).send(null);
    },
  });
}
