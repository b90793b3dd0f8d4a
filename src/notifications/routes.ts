import { z } from 'zod';
import { isPerson, type SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { notificationListSchema, notificationSchema, notificationsQuery, readAllSchema } from './schema.ts';
import { listNotifications, markAllRead, markRead } from './service.ts';

const tags = ['notifications'];
const me = (request: { auth: unknown }) => (request.auth as SignedIn).personId as string;

/** The bell: my in-app notifications, always only my own. */
export async function notificationRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/me/notifications', {
    config: { policy: isPerson },
    schema: { tags, summary: 'My latest notifications and how many are unread', querystring: notificationsQuery, response: { 200: notificationListSchema, ...errorResponses } },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listNotifications(ctx, me(request), request.query.limit);
    },
  });

  app.post('/api/v1/me/notifications/:id/read', {
    config: { policy: isPerson },
    schema: { tags, summary: 'Mark one of my notifications read', params: z.object({ id: z.uuid() }), response: { 200: notificationSchema, ...errorResponses } },
    handler: async (request) => markRead(ctx, me(request), request.params.id),
  });

  app.post('/api/v1/me/notifications/read-all', {
    config: { policy: isPerson },
    schema: { tags, summary: 'Mark all my notifications read', response: { 200: readAllSchema, ...errorResponses } },
    handler: async (request) => markAllRead(ctx, me(request)),
  });
}
