import { isAdmin, type SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { testWebhooks } from './announcements.ts';
import { integrationsSchema, slackTokenBody, webhooksBody, webhookTestSchema } from './schema.ts';
import { readIntegrations, removeSlackToken, saveSlackToken, saveWebhooks } from './service.ts';

const tags = ['integrations'];
const auth = (request: { auth: unknown }) => request.auth as SignedIn;

/** Slack (a bot token for DMs) and team channel webhooks (Slack, Teams) for announcements; admins only, secrets never answered. */
export async function integrationRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/integrations', {
    config: { policy: isAdmin },
    schema: { tags, summary: 'Slack and Teams integrations (whether configured; never a token or webhook address)', response: { 200: integrationsSchema, ...errorResponses } },
    handler: async () => readIntegrations(ctx),
  });

  app.put('/api/v1/integrations/slack', {
    config: { policy: isAdmin },
    schema: { tags, summary: 'Connect a Slack app for direct messages (the token is checked with auth.test)', body: slackTokenBody, response: { 200: integrationsSchema, ...errorResponses } },
    handler: async (request) => saveSlackToken(ctx, auth(request), request.body.botToken),
  });

  app.delete('/api/v1/integrations/slack', {
    config: { policy: isAdmin },
    schema: { tags, summary: 'Disconnect the Slack app (forget its token)', response: { 200: integrationsSchema, ...errorResponses } },
    handler: async (request) => removeSlackToken(ctx, auth(request)),
  });

  app.put('/api/v1/integrations/webhooks', {
    config: { policy: isAdmin },
    schema: { tags, summary: 'Set the Slack and Teams channel webhooks for team-wide announcements', body: webhooksBody, response: { 200: integrationsSchema, ...errorResponses } },
    handler: async (request) => saveWebhooks(ctx, auth(request), request.body),
  });

  app.post('/api/v1/integrations/webhooks/test', {
    config: { policy: isAdmin },
    schema: { tags, summary: 'Post a test announcement to each configured webhook', response: { 200: webhookTestSchema, ...errorResponses } },
    handler: async () => testWebhooks(ctx),
  });
}
