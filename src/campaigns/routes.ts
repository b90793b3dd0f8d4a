import { z } from 'zod';
import type { SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { listOf } from '../http/pagination.ts';
import { canManageCampaigns, canViewCampaigns } from './policy.ts';
import { campaignSchema, campaignsQuery, createCampaignBody, updateCampaignBody } from './schema.ts';
import { createCampaign, getCampaign, listCampaigns, updateCampaign } from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['campaigns'];

/** Campaigns: a named set of stories with a goal, a period and target groups. */
export async function campaignRoutes(app: App, ctx: AppContext): Promise<void> {
  const auth = (request: { auth: unknown }) => request.auth as SignedIn;

  app.get('/api/v1/campaigns', {
    config: { policy: canViewCampaigns },
    schema: { tags, summary: 'List campaigns (?active=true: running today)', querystring: campaignsQuery, response: { 200: listOf(campaignSchema), ...errorResponses } },
    handler: async (request) => listCampaigns(ctx, auth(request), request.query.active, request.language),
  });
  app.post('/api/v1/campaigns', {
    config: { policy: canManageCampaigns },
    schema: { tags, summary: 'Create a campaign', body: createCampaignBody, response: { 201: campaignSchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await createCampaign(ctx, auth(request), request.body, request.language)),
  });
  app.get('/api/v1/campaigns/:id', {
    config: { policy: canViewCampaigns },
    schema: { tags, summary: 'Get a campaign', params: idParams, response: { 200: campaignSchema, ...errorResponses } },
    handler: async (request) => getCampaign(ctx, auth(request), request.params.id, request.language),
  });
  app.patch('/api/v1/campaigns/:id', {
    config: { policy: canManageCampaigns },
    schema: { tags, summary: 'Edit a campaign', params: idParams, body: updateCampaignBody, response: { 200: campaignSchema, ...errorResponses } },
    handler: async (request) => updateCampaign(ctx, auth(request), request.params.id, request.body, request.language),
  });
}
