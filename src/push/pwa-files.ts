import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../context.ts';

const publicDir = fileURLToPath(new URL('../../web/public', import.meta.url));

/**
 * The files that make the ambassador app an installable PWA, at the site root where browsers
 * look for them: the manifest, the service worker (its scope is the folder it is served from, so
 * it must be /sw.js) and the icons. Vite copies web/public into web/dist; the built copy wins,
 * the source serves when the app has not been built (tests, a fresh checkout).
 */
const files: Record<string, { file: string; type: string; cache: string }> = {
  '/manifest.webmanifest': { file: 'manifest.webmanifest', type: 'application/manifest+json; charset=utf-8', cache: 'public, max-age=3600' },
  // Browsers check a service worker for updates at least daily; no-cache makes every check see a new version.
  '/sw.js': { file: 'sw.js', type: 'text/javascript; charset=utf-8', cache: 'no-cache' },
  '/icons/icon-192.png': { file: 'icons/icon-192.png', type: 'image/png', cache: 'public, max-age=86400' },
  '/icons/icon-512.png': { file: 'icons/icon-512.png', type: 'image/png', cache: 'public, max-age=86400' },
  '/icons/maskable-512.png': { file: 'icons/maskable-512.png', type: 'image/png', cache: 'public, max-age=86400' },
  '/icons/apple-touch-icon.png': { file: 'icons/apple-touch-icon.png', type: 'image/png', cache: 'public, max-age=86400' },
  '/icons/icon.svg': { file: 'icons/icon.svg', type: 'image/svg+xml', cache: 'public, max-age=86400' },
};

/** Registers the PWA files (read once at start) before the web app's catch-all route. */
export async function pwaFileRoutes(app: App, webDist: string): Promise<void> {
  for (const [url, { file, type, cache }] of Object.entries(files)) {
    const built = path.join(webDist, file);
    const source = existsSync(built) ? built : path.join(publicDir, file);
    if (!existsSync(source)) continue;
    const body = readFileSync(source);
    app.get(url, { config: { policy: 'public' }, schema: { hide: true } }, async (_request, reply) => {
      reply.header('cache-control', cache).header('x-content-type-options', 'nosniff').type(type);
      return body;
    });
  }
}
