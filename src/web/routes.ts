import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { App, AppContext } from '../context.ts';
import { AppError } from '../http/errors.ts';
import { linkHostCode, openLink } from '../links/open.ts';
import { pwaFileRoutes } from '../push/pwa-files.ts';

export const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

const missingBuild = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Podium</title></head>
<body><main><h1>Podium</h1><p>The web app has not been built yet. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it).</p></main></body></html>`;

/** Serves the built web app: hashed assets as static files, every other page as index.html with a CSP nonce. */
export async function webRoutes(app: App, ctx: AppContext): Promise<void> {
  const indexFile = path.join(webDist, 'index.html');
  const index = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null;
  const assets = path.join(webDist, 'assets');
  if (existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: '/assets/',
      decorateReply: false,
      wildcard: true,
      index: false,
      // Vite puts built files under assets/ with content hashes: cache them for a year.
      setHeaders: (res) => res.header('cache-control', 'public, max-age=31536000, immutable'),
    });
  }
  // The installable app: manifest, service worker and icons at the site root.
  await pwaFileRoutes(app, webDist);
  // The index carries Mantine's inline styles: this route draws a CSP nonce per answer.
  app.get('/*', { config: { policy: 'public' }, schema: { hide: true }, helmet: { enableCSPNonces: true } }, async (request, reply) => {
    // Bare /<code> on the dedicated link host (PODIUM_LINK_BASE_URL) is a short link, not a page.
    const linkCode = linkHostCode(ctx.config, request.host, request.url);
    if (linkCode !== null) return openLink(ctx, request, reply, linkCode);
    if (request.url.startsWith('/api/')) throw new AppError(404, 'route_not_found', 'error.route_not_found', { method: 'GET', url: request.url.split('?')[0] ?? '' });
    reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
    if (!index) return missingBuild;
    return index.replaceAll('__CSP_NONCE__', reply.cspNonce.style);
  });
}
