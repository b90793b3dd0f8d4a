import { z } from 'zod';
import { isPerson, type Policy, type SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { authorizationUrl, completeConnection, connectionStatus, disconnect, PROFILE_PATH } from './connections.ts';
import { cancelPost, listPosts, planPost, updatePost } from './posts.ts';
import { callbackQuery, connectionViewSchema, postBody, postPatchBody, postsQuery, postViewSchema } from './schema.ts';

const tags = ['linkedin'];
/** A LinkedIn connection and its posts belong to a person (never an organisation token). */
const canUseLinkedin: Policy = isPerson;
const idParams = z.object({ id: z.uuid() });
const personOf = (auth: unknown): string => (auth as SignedIn).personId as string;

/** LinkedIn connect (OAuth 2.0 authorization code), and posting to LinkedIn now or at a planned moment. */
export async function linkedinRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/me/linkedin', {
    config: { policy: canUseLinkedin },
    schema: { tags, summary: 'My LinkedIn connection: connected, expired or not connected, until when, and whether LinkedIn is configured here', response: { 200: connectionViewSchema, ...errorResponses } },
    handler: async (request) => connectionStatus(ctx, personOf(request.auth)),
  });

  app.get('/api/v1/me/linkedin/connect', {
    config: { policy: canUseLinkedin },
    schema: {
      tags,
      summary: 'Start connecting LinkedIn: redirects to LinkedIn’s consent page (scopes openid profile w_member_social); 409 when no LinkedIn app is configured',
      response: { 302: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => reply.header('cache-control', 'no-store').redirect(authorizationUrl(ctx, request.auth as SignedIn), 302),
  });

  app.get('/api/v1/me/linkedin/callback', {
    config: { policy: canUseLinkedin },
    schema: {
      tags,
      summary: 'Where LinkedIn sends the browser back: checks the state, stores the connection, redirects to the profile page with ?linkedin=<result>',
      querystring: callbackQuery,
      response: { 302: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      const result = await completeConnection(ctx, request.auth as SignedIn, request.query);
      // Only Podium's own profile path with a fixed result code: nothing from the request is echoed.
      return reply.header('cache-control', 'no-store').redirect(`${ctx.config.baseUrl}${PROFILE_PATH}?linkedin=${result}`, 302);
    },
  });

  app.delete('/api/v1/me/linkedin', {
    config: { policy: canUseLinkedin },
    schema: { tags, summary: 'Disconnect LinkedIn (the stored token is deleted)', response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await disconnect(ctx, personOf(request.auth));
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/linkedin/posts', {
    config: { policy: canUseLinkedin },
    schema: {
      tags,
      summary:
        'Post a story or vacancy to my LinkedIn in my own words: without `at` it is sent at once (202; poll GET /linkedin/posts for posted or failed), with `at` it is planned (201), spread apart from colleagues’ posts of the same story',
      body: postBody,
      response: { 201: postViewSchema, 202: postViewSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const post = await planPost(ctx, request.auth as SignedIn, request.body);
      return reply.code(request.body.at ? 201 : 202).send(post);
    },
  });

  app.get('/api/v1/linkedin/posts', {
    config: { policy: canUseLinkedin },
    schema: { tags, summary: 'My LinkedIn posts: planned, sent and failed (with the reason), latest first', querystring: postsQuery, response: { 200: z.object({ items: z.array(postViewSchema) }), ...errorResponses } },
    handler: async (request) => ({ items: await listPosts(ctx, personOf(request.auth), request.query.status) }),
  });

  app.patch('/api/v1/linkedin/posts/:id', {
    config: { policy: canUseLinkedin },
    schema: { tags, summary: 'Change the text or moment of a planned post (only while it waits; the text only until the first attempt, which makes the share)', params: idParams, body: postPatchBody, response: { 200: postViewSchema, ...errorResponses } },
    handler: async (request) => updatePost(ctx, request.auth as SignedIn, request.params.id, request.body),
  });

  app.delete('/api/v1/linkedin/posts/:id', {
    config: { policy: canUseLinkedin },
    schema: { tags, summary: 'Cancel a planned post (only while it waits)', params: idParams, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await cancelPost(ctx, personOf(request.auth), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
