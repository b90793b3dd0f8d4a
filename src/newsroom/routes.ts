import { z } from 'zod';
import type { SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { listOf } from '../http/pagination.ts';
import { canManageStories } from '../stories/policy.ts';
import { createFeedBody, newsroomFeedSchema, syncResultSchema } from './schema.ts';
import { createFeed, deleteFeed, listFeeds, syncFeedNow } from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['newsroom'];

/** Newsroom import: RSS/Atom feeds whose new items arrive as draft external-article stories. */
export async function newsroomRoutes(app: App, ctx: AppContext): Promise<void> {
  const auth = (request: { auth: unknown }) => request.auth as SignedIn;

  app.get('/api/v1/newsroom-feeds', {
    config: { policy: canManageStories },
    schema: { tags, summary: 'List subscribed newsroom feeds', response: { 200: listOf(newsroomFeedSchema), ...errorResponses } },
    handler: async () => listFeeds(ctx),
  });
  app.post('/api/v1/newsroom-feeds', {
    config: { policy: canManageStories },
    schema: { tags, summary: 'Subscribe to a newsroom RSS or Atom feed', body: createFeedBody, response: { 201: newsroomFeedSchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await createFeed(ctx, auth(request), request.body)),
  });
  app.delete('/api/v1/newsroom-feeds/:id', {
    config: { policy: canManageStories },
    schema: { tags, summary: 'Unsubscribe (imported stories stay)', params: idParams, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await deleteFeed(ctx, auth(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
  app.post('/api/v1/newsroom-feeds/:id/sync', {
    config: { policy: canManageStories },
    schema: { tags, summary: 'Fetch the feed now and import new items as draft stories', params: idParams, response: { 200: syncResultSchema, ...errorResponses } },
    handler: async (request) => syncFeedNow(ctx, auth(request), request.params.id),
  });
}
