import { z } from 'zod';
import { peekLink } from '../auth/links.ts';
import { sessionResponse, signInRateLimit, startSession } from '../auth/routes.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { emailSchema, languageSchema, nameSchema } from '../people/schema.ts';
import { completeSetup, needsSetup } from './service.ts';

/** First run: the one-time set-up link creates the first admin. */
export async function setupRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/setup/status', {
    config: { policy: 'public', rateLimit: signInRateLimit },
    schema: {
      tags: ['setup'],
      summary: 'Whether a set-up link is still valid',
      querystring: z.object({ token: z.string().max(200).default('') }),
      response: { 200: z.object({ valid: z.boolean() }), ...errorResponses },
    },
    handler: async (request) => {
      if (!request.query.token || !(await needsSetup(ctx))) return { valid: false };
      const link = await peekLink(ctx.database.db, request.query.token, ['setup']);
      return { valid: Boolean(link && !link.usedAt && link.expiresAt > ctx.clock.now()) };
    },
  });

  app.post('/api/setup', {
    config: { policy: 'public', rateLimit: signInRateLimit },
    schema: {
      tags: ['setup'],
      summary: 'Create the first admin with the one-time set-up link',
      body: z.object({ token: z.string().min(10).max(200), name: nameSchema, email: emailSchema, language: languageSchema.default('en') }),
      response: { 200: sessionResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const person = await completeSetup(ctx, request.body);
      return startSession(ctx, request, reply, person.id, 'setup');
    },
  });
}
