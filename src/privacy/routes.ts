import { z } from 'zod';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { canManagePeople } from '../people/policy.ts';
import { personSchema } from '../people/schema.ts';
import { describeRegister, erasePerson, exportPerson } from './service.ts';

const idParams = z.object({ id: z.uuid() });

/** Export and erasure per person, and the register itself (admins). */
export async function privacyRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ['privacy'];
  app.get('/api/v1/people/:id/export', {
    config: { policy: canManagePeople },
    schema: { tags, summary: 'Export everything Podium holds about a person', params: idParams, response: { 200: z.record(z.string(), z.unknown()), ...errorResponses } },
    handler: async (request, reply) => {
      reply.header('content-disposition', `attachment; filename="podium-person-${request.params.id}.json"`);
      return exportPerson(ctx, request.params.id);
    },
  });

  app.post('/api/v1/people/:id/erase', {
    config: { policy: canManagePeople },
    schema: { tags, summary: 'Erase a person (anonymised everywhere; their links keep working)', params: idParams, response: { 200: personSchema, ...errorResponses } },
    handler: async (request) => erasePerson(ctx, request.auth, request.params.id),
  });

  app.get('/api/v1/privacy/register', {
    config: { policy: canManagePeople },
    schema: {
      tags,
      summary: 'What personal data Podium holds, and for how long',
      response: {
        200: z.object({ items: z.array(z.object({ key: z.string(), description: z.string(), tables: z.array(z.string()), retentionDays: z.number().nullable() })), nextCursor: z.null() }),
        ...errorResponses,
      },
    },
    handler: async () => ({ items: await describeRegister(ctx), nextCursor: null }),
  });
}
