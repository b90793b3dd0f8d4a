import { z } from 'zod';
import { isPerson, type SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { listOf } from '../http/pagination.ts';
import { decideApproval, myApprovals, requestApprovals } from './approvals.ts';
import { calendarRoutes } from './calendar-routes.ts';
import { canManageStories, canReadStories, canSubmitStories } from './policy.ts';
import {
  approvalDecisionBody,
  commentBody,
  createStoryBody,
  myApprovalSchema,
  storiesQuery,
  storyEventSchema,
  storySchema,
  storySummarySchema,
  transitionBody,
  updateStoryBody,
  variantBody,
  variantSchema,
} from './schema.ts';
import { createStory, getStory, listStories, updateStory } from './service.ts';
import { taxonomyRoutes } from './taxonomy-routes.ts';
import { deleteVariant, putVariant } from './variants.ts';
import { commentOnStory, transitionStory } from './workflow.ts';

const idParams = z.object({ id: z.uuid() });
const variantParams = z.object({ id: z.uuid(), audienceKey: z.string().min(1).max(60) });
const tags = ['stories'];

/** The stories domain: themes, audiences, stories, workflow, variants, approvals, calendar. */
export async function storyRoutes(app: App, ctx: AppContext): Promise<void> {
  await taxonomyRoutes(app, ctx);
  await calendarRoutes(app, ctx);
  const auth = (request: { auth: unknown }) => request.auth as SignedIn;

  app.get('/api/v1/stories', {
    config: { policy: canReadStories },
    schema: { tags, summary: 'List stories (staff: all; others: published and their own); q searches in Dutch and English', querystring: storiesQuery, response: { 200: listOf(storySummarySchema), ...errorResponses } },
    handler: async (request) => listStories(ctx, auth(request), request.query, request.language),
  });

  app.post('/api/v1/stories', {
    config: { policy: canSubmitStories },
    schema: { tags, summary: 'Create or submit a story (a non-editor’s story lands in review)', body: createStoryBody, response: { 201: storySchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await createStory(ctx, auth(request), request.body, request.language)),
  });

  app.get('/api/v1/stories/:id', {
    config: { policy: canReadStories },
    schema: { tags, summary: 'Get a story', params: idParams, response: { 200: storySchema, ...errorResponses } },
    handler: async (request) => getStory(ctx, auth(request), request.params.id, request.language),
  });

  app.patch('/api/v1/stories/:id', {
    config: { policy: canSubmitStories },
    schema: { tags, summary: 'Edit a story', params: idParams, body: updateStoryBody, response: { 200: storySchema, ...errorResponses } },
    handler: async (request) => updateStory(ctx, auth(request), request.params.id, request.body, request.language),
  });

  app.post('/api/v1/stories/:id/transitions', {
    config: { policy: canSubmitStories },
    schema: {
      tags,
      summary: 'Move a story along the workflow (publishing needs every featured colleague’s approval; an admin may override)',
      params: idParams,
      body: transitionBody,
      response: { 200: storySchema, ...errorResponses },
    },
    handler: async (request) => transitionStory(ctx, auth(request), request.params.id, request.body, request.language),
  });

  app.post('/api/v1/stories/:id/comments', {
    config: { policy: canSubmitStories },
    schema: { tags, summary: 'Comment on a story', params: idParams, body: commentBody, response: { 201: storyEventSchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await commentOnStory(ctx, auth(request), request.params.id, request.body.comment)),
  });

  app.put('/api/v1/stories/:id/variants/:audienceKey', {
    config: { policy: canSubmitStories },
    schema: { tags, summary: 'Create or replace the variant for an audience (texts are checked against each network’s limit)', params: variantParams, body: variantBody, response: { 200: variantSchema, ...errorResponses } },
    handler: async (request) => putVariant(ctx, auth(request), request.params.id, request.params.audienceKey, request.body, request.language),
  });

  app.delete('/api/v1/stories/:id/variants/:audienceKey', {
    config: { policy: canSubmitStories },
    schema: { tags, summary: 'Remove the variant for an audience', params: variantParams, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await deleteVariant(ctx, auth(request), request.params.id, request.params.audienceKey);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/stories/:id/approval-requests', {
    config: { policy: canManageStories },
    schema: { tags, summary: 'Ask every featured colleague who has not approved yet to approve how they appear', params: idParams, response: { 200: z.object({ requested: z.number().int() }), ...errorResponses } },
    handler: async (request) => requestApprovals(ctx, auth(request), request.params.id),
  });

  app.post('/api/v1/stories/:id/approval', {
    config: { policy: isPerson },
    schema: { tags, summary: 'Approve how I appear in a story, or ask for changes', params: idParams, body: approvalDecisionBody, response: { 200: storySchema, ...errorResponses } },
    handler: async (request) => decideApproval(ctx, auth(request), request.params.id, request.body, request.language),
  });

  app.get('/api/v1/me/approvals', {
    config: { policy: isPerson },
    schema: { tags: ['me', 'stories'], summary: 'Stories that feature me: pending approvals first, then my decisions', response: { 200: listOf(myApprovalSchema), ...errorResponses } },
    handler: async (request) => myApprovals(ctx, auth(request), request.language),
  });
}
