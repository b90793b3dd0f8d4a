import { z } from 'zod';
import { isAdmin } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { addDemoOrganisation } from './organisation.ts';

/** `podium demo` through a running server. */
export async function demoRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post('/api/v1/demo', {
    config: { policy: isAdmin },
    schema: {
      tags: ['platform'],
      summary: 'Fill an empty Podium with the demo organisation, its stories, six months of shares, clicks and conversions, imported vacancies, persona signals and history, and a nudge log with holdouts',
      response: {
        201: z.object({ people: z.number().int(), groups: z.number().int(), shares: z.number().int(), clicks: z.number().int(), conversions: z.number().int(), vacancies: z.number().int(), assessments: z.number().int(), nudges: z.number().int() }),
        ...errorResponses,
      },
    },
    handler: async (_request, reply) => reply.code(201).send(await addDemoOrganisation(ctx)),
  });
}
