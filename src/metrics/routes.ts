import { z } from 'zod';
import type { App, AppContext } from '../context.ts';
import { t } from '../i18n/index.ts';
import { metricsOf } from './measures.ts';
import { metricsAuthorized, registryOf } from './metrics.ts';

/**
 * Counts every request Fastify answers under its route pattern (never the raw URL, which may carry
 * codes and tokens). Registered before the routes, so that it covers them all.
 */
export function registerRequestMetrics(app: App, ctx: AppContext): void {
  const { http } = metricsOf(ctx);
  app.addHook('onResponse', (request, reply, done) => {
    http.observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}

/**
 * `GET /metrics` in the Prometheus text format, for a scraper holding PODIUM_METRICS_TOKEN
 * (Bearer); without that setting the route answers 404, as if it did not exist. Short links
 * answered before Fastify are counted by the fast path itself (src/links/fast-path.ts).
 */
export async function metricsRoutes(app: App, ctx: AppContext): Promise<void> {
  const token = ctx.config.metricsToken;
  app.get('/metrics', {
    config: { policy: 'public', ownBearer: true },
    schema: {
      tags: ['platform'],
      summary: 'Prometheus metrics (requests per route, click batches, job queue depth, click spool, process); needs the metrics token as Bearer, 404 when none is set',
      response: { 200: z.string(), 401: z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 404: z.object({ error: z.object({ code: z.string(), message: z.string() }) }) },
    },
    handler: async (request, reply) => {
      const lang = request.language ?? 'en';
      if (token === null) return reply.code(404).send({ error: { code: 'route_not_found', message: t(lang, 'error.route_not_found', { method: 'GET', url: '/metrics' }) } });
      if (!metricsAuthorized(token, request.headers.authorization)) {
        reply.header('www-authenticate', 'Bearer realm="podium-metrics"');
        return reply.code(401).send({ error: { code: 'not_signed_in', message: t(lang, 'error.not_signed_in') } });
      }
      const registry = registryOf(ctx);
      const body = await registry.metrics();
      return reply.code(200).header('cache-control', 'no-store').type(registry.contentType).send(body);
    },
  });
}
