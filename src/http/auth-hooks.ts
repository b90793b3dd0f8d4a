import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Auth, Policy } from '../auth/context.ts';
import { alumniMayCall } from '../auth/alumni-access.ts';
import { resolveApiToken } from '../auth/api-tokens.ts';
import { csrfTokenFor, resolveSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { hashToken } from '../auth/tokens.ts';
import { safeEqual } from '../auth/tokens.ts';
import { type App, type AppContext, perContext } from '../context.ts';
import type { Language } from '../db/schema/people.ts';
import { languageFromHeader } from '../i18n/index.ts';
import { peopleGeneration } from '../people/changes.ts';
import { RecentCache } from '../public/cache.ts';
import { AppError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth;
    language: Language;
  }
  interface FastifyContextConfig {
    /** Who may call the route: a named predicate, or 'public'. Every API route must declare one. */
    policy?: Policy;
    /** The route reads its own Bearer credential (the metrics token), not an API token. */
    ownBearer?: boolean;
  }
}

type SessionAuth = Extract<Auth, { kind: 'session' }>;

/**
 * A session found in the database is trusted from memory for a few seconds, so a busy person's
 * requests do not each look it up. Signing out, deactivation, erasure and role changes move the
 * people generation on (see people/changes.ts), which drops every remembered session on this node.
 */
const SESSION_MEMORY_MS = 5_000;
const recentSessions = perContext(() => new RecentCache<SessionAuth>(SESSION_MEMORY_MS, 10_000));

async function sessionFor(ctx: AppContext, token: string, now: Date): Promise<SessionAuth | null> {
  const key = `${peopleGeneration(ctx)}:${hashToken(token)}`;
  const remembered = recentSessions(ctx).get(key, now.getTime());
  if (remembered) return remembered;
  const auth = await resolveSession(ctx.database.db, token, now);
  if (auth) recentSessions(ctx).set(key, auth, now.getTime());
  return auth;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** An API route and the policy it declares, as registered. */
export interface RegisteredRoute {
  method: string;
  url: string;
  policy: Policy | undefined;
}

const routesByApp = new WeakMap<App, RegisteredRoute[]>();

/** Every `/api/` route registered after the auth hooks, with its policy (the route × role matrix test reads it). */
export function registeredRoutes(app: App): readonly RegisteredRoute[] {
  return routesByApp.get(app) ?? [];
}

/** Paths served by plugins (docs, static assets) that are public by nature. */
const pluginPaths = /^\/(api\/docs|api\/openapi\.json|assets\/|$)/;

/**
 * Resolves who is asking (cookie session or Bearer token), enforces the route's policy, and
 * requires the CSRF header on every cookie-authenticated mutation.
 */
export function registerAuthHooks(app: App, ctx: AppContext): void {
  app.decorateRequest('auth', null as never);
  app.decorateRequest('language', 'en');

  const registered: RegisteredRoute[] = [];
  routesByApp.set(app, registered);
  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (url.startsWith('/api/') && !pluginPaths.test(url)) {
      for (const method of [route.method].flat()) registered.push({ method, url, policy: route.config?.policy });
    }
    if (route.config?.policy || !url.startsWith('/api/') || pluginPaths.test(url)) return;
    throw new Error(`route ${route.method} ${url} declares no policy`);
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.auth = { kind: 'anonymous' };
    request.language = languageFromHeader(request.headers['accept-language']);
    const now = ctx.clock.now();
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ') && !request.routeOptions.config?.ownBearer) {
      const auth = await resolveApiToken(ctx.database.db, header.slice(7).trim(), now);
      if (!auth) throw new AppError(401, 'invalid_token', 'error.not_signed_in');
      request.auth = auth;
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        const auth = await sessionFor(ctx, cookie, now);
        if (auth) request.auth = auth;
        else reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    // A signed-in person's profile language wins; the web app keeps it in step with the UI switch.
    if (request.auth.kind !== 'anonymous' && request.auth.personId) request.language = request.auth.language;

    const policy = request.routeOptions.config?.policy;
    if (!policy || policy === 'public') return;
    if (request.auth.kind === 'anonymous') throw new AppError(401, 'not_signed_in', 'error.not_signed_in');
    // Alumni reach a short list of routes only, whatever the route's policy (deny by default: auth/alumni-access.ts).
    if (!alumniMayCall(request.auth, request.method, request.routeOptions.url ?? '')) throw new AppError(403, 'forbidden', 'error.forbidden');
    if (!policy(request.auth)) throw new AppError(403, 'forbidden', 'error.forbidden');
    // A provisioning token (scope `scim`) provisions and does nothing else, whatever its role (src/scim/policy.ts).
    if (request.auth.kind === 'token' && request.auth.scopes?.includes('scim') && !(request.routeOptions.url ?? '').startsWith('/scim/')) {
      throw new AppError(403, 'forbidden', 'error.forbidden');
    }
    if (request.auth.kind === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      const expected = csrfTokenFor(ctx.config.secretKey, request.auth.tokenHash);
      if (typeof sent !== 'string' || !safeEqual(sent, expected)) throw new AppError(403, 'csrf_failed', 'error.csrf');
    }
  });
}
