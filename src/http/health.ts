import { z } from 'zod';
import type { App, AppContext } from '../context.ts';

/** `GET /healthz`: 200 when the database answers, 503 when it does not. */
export async function healthRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/healthz', {
    config: { policy: 'public' },
    schema: { tags: ['platform'], summary: 'Health check', response: { 200: z.object({ status: z.literal('ok') }), 503: z.object({ status: z.literal('unavailable') }) } },
    handler: async (_request, reply) => {
      try {
        await Promise.race([
          ctx.database.query('select 1'),
          new Promise((_, reject) => setTimeout(() => reject(new Error('database timeout')), 3000).unref()),
        ]);
        return { status: 'ok' as const };
      } catch {
        return reply.code(503).send({ status: 'unavailable' as const });
      }
    },
  });
}
