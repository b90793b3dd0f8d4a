import { z } from 'zod';
import type { App, AppContext } from '../context.ts';
import { openLink } from './open.ts';
import { trackingOf } from './tracking.ts';

/** The links domain's routes: short links on the app host (the bare link host goes through src/web/routes.ts). */
export async function linkRoutes(app: App, ctx: AppContext): Promise<void> {
  const { recorder } = trackingOf(ctx);
  // Clicks spooled while the database was away (or before a crash) go in at start; on close
  // (after the server stopped accepting and answered its requests) every pending batch is written.
  app.addHook('onReady', async () => {
    recorder.replay().catch((error: unknown) => ctx.log.warn({ err: error }, 'spooled clicks wait for the database'));
  });
  app.addHook('onClose', async () => recorder.close());
  app.get('/l/:code', {
    config: { policy: 'public' },
    // The redirect sets its own few security headers (see open.ts): no per-request nonces here.
    helmet: false,
    schema: { hide: true, params: z.object({ code: z.string() }) },
    handler: async (request, reply) => openLink(ctx, request, reply, request.params.code),
  });
  // Anything deeper under /l/ (`/l//evil.com`, `/l/a/b`) or /l itself is a link that does not exist, never the web app.
  for (const url of ['/l', '/l/*']) {
    app.get(url, { config: { policy: 'public' }, helmet: false, schema: { hide: true }, handler: async (request, reply) => openLink(ctx, request, reply, '') });
  }
}
