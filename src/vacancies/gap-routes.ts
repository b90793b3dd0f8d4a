import { hasRole, type Policy, type SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { contentGapsSchema, gapRequestBody, gapRequestResult } from './gap-schema.ts';
import { listContentGaps, requestStory } from './gaps.ts';

const tags = ['recruitment'];

/**
 * Route policy: the content gap is shared by communications and recruitment — editors, recruiters
 * and admins read it and turn a gap into a story idea or interview request.
 */
export const canUseContentGaps: Policy = (auth) => hasRole(auth, 'admin', 'editor', 'recruiter');

/** "Themes that need stories": the ranked content gap and the requests made from it. */
export async function gapRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/content-gaps', {
    config: { policy: canUseContentGaps },
    schema: {
      tags,
      summary: 'Themes that need stories: hiring pressure against recent content supply, with the vacancies, stories and colleagues to feature',
      response: { 200: contentGapsSchema, ...errorResponses },
    },
    handler: async (request) => listContentGaps(ctx, request.language),
  });

  app.post('/api/v1/content-gaps/requests', {
    config: { policy: canUseContentGaps },
    schema: {
      tags,
      summary: 'Turn a content gap into a story idea or an interview request with a colleague, assigned to an editor',
      body: gapRequestBody,
      response: { 201: gapRequestResult, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await requestStory(ctx, request.auth as SignedIn, request.body, request.language)),
  });
}
