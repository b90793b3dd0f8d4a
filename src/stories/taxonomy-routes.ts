import { z } from 'zod';
import type { SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { listOf } from '../http/pagination.ts';
import { canManageAudiences, canManageStories, canReadStories } from './policy.ts';
import { audienceSchema, createAudienceBody, createThemeBody, themeSchema, updateAudienceBody, updateThemeBody } from './schema.ts';
import { createAudience, createTheme, listAudiences, listThemes, updateAudience, updateTheme } from './taxonomy.ts';

const idParams = z.object({ id: z.uuid() });

/** Themes (a managed list editors keep) and audiences (seeded; admins add and rename). */
export async function taxonomyRoutes(app: App, ctx: AppContext): Promise<void> {
  const auth = (request: { auth: unknown }) => request.auth as SignedIn;

  app.get('/api/v1/themes', {
    config: { policy: canReadStories },
    schema: { tags: ['stories'], summary: 'List themes', response: { 200: listOf(themeSchema), ...errorResponses } },
    handler: async (request) => ({ items: await listThemes(ctx, request.language), nextCursor: null }),
  });
  app.post('/api/v1/themes', {
    config: { policy: canManageStories },
    schema: { tags: ['stories'], summary: 'Create a theme', body: createThemeBody, response: { 201: themeSchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await createTheme(ctx, auth(request), request.body, request.language)),
  });
  app.patch('/api/v1/themes/:id', {
    config: { policy: canManageStories },
    schema: { tags: ['stories'], summary: 'Edit or (de)activate a theme', params: idParams, body: updateThemeBody, response: { 200: themeSchema, ...errorResponses } },
    handler: async (request) => updateTheme(ctx, auth(request), request.params.id, request.body, request.language),
  });

  app.get('/api/v1/audiences', {
    config: { policy: canReadStories },
    schema: { tags: ['stories'], summary: 'List audiences', response: { 200: listOf(audienceSchema), ...errorResponses } },
    handler: async (request) => ({ items: await listAudiences(ctx, request.language), nextCursor: null }),
  });
  app.post('/api/v1/audiences', {
    config: { policy: canManageAudiences },
    schema: { tags: ['stories'], summary: 'Add an audience', body: createAudienceBody, response: { 201: audienceSchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await createAudience(ctx, auth(request), request.body, request.language)),
  });
  app.patch('/api/v1/audiences/:id', {
    config: { policy: canManageAudiences },
    schema: { tags: ['stories'], summary: 'Rename, reorder or (de)activate an audience', params: idParams, body: updateAudienceBody, response: { 200: audienceSchema, ...errorResponses } },
    handler: async (request) => updateAudience(ctx, auth(request), request.params.id, request.body, request.language),
  });
}
