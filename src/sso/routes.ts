import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { signInRateLimit, startSession } from '../auth/routes.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { authorizationRequest, callbackUrl, classify, completeSignIn, SsoFailure } from './client.ts';
import type { SsoErrorCode } from './errors.ts';
import { signInWithClaims } from './service.ts';
import { openPending, SSO_COOKIE, SSO_COOKIE_PATH, SSO_COOKIE_SECONDS, safeReturnTo, sealPending } from './state.ts';

const ssoStatus = z
  .object({
    enabled: z.boolean().describe('Single sign-on is configured'),
    label: z.string().nullable().describe('The name on the sign-in button, e.g. Microsoft'),
    required: z.boolean().describe('Employees sign in only through SSO (break-glass admins and alumni excepted)'),
    startUrl: z.string().nullable().describe('Where the sign-in button goes'),
  })
  .meta({ id: 'SsoStatus' });

const redirect = { 302: z.null().describe('Redirect') };

/** Single sign-on with OpenID Connect: authorization code flow with PKCE, state and nonce. */
export async function ssoRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ['auth'];
  const settings = ctx.config.oidc;
  const cookieOptions = (request: FastifyRequest) => ({
    path: SSO_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.secureCookies || request.protocol === 'https',
  });
  /** Back to the sign-in page with a code it explains in the person's language. */
  const toSignIn = (request: FastifyRequest, reply: FastifyReply, code: SsoErrorCode, returnTo = '/') => {
    reply.clearCookie(SSO_COOKIE, cookieOptions(request));
    const next = returnTo === '/' ? '' : `&next=${encodeURIComponent(returnTo)}`;
    return reply.redirect(`${ctx.config.baseUrl}/sign-in?sso_error=${code}${next}`, 302);
  };

  app.get('/api/v1/auth/sso', {
    config: { policy: 'public' },
    schema: { tags, summary: 'Whether single sign-on is on, its button label, and whether it is required', response: { 200: ssoStatus, ...errorResponses } },
    handler: async () => ({
      enabled: settings !== null,
      label: settings?.label ?? null,
      required: settings?.required ?? false,
      startUrl: settings ? '/api/v1/auth/sso/start' : null,
    }),
  });

  app.get('/api/v1/auth/sso/start', {
    config: { policy: 'public', rateLimit: signInRateLimit },
    schema: {
      tags,
      summary: 'Start signing in at the identity provider (redirects there)',
      querystring: z.object({ returnTo: z.string().max(1000).optional().describe('A path inside Podium to return to afterwards') }),
      response: { ...redirect, ...errorResponses },
    },
    handler: async (request, reply) => {
      const returnTo = safeReturnTo(request.query.returnTo);
      if (!settings) return toSignIn(request, reply, 'provider_unreachable', returnTo);
      try {
        const { url, pending } = await authorizationRequest(ctx, settings, returnTo);
        reply.setCookie(SSO_COOKIE, sealPending(ctx.config.secretKey, pending, ctx.clock.now()), { ...cookieOptions(request), maxAge: SSO_COOKIE_SECONDS });
        return reply.redirect(url.href, 302);
      } catch (error) {
        const failure = classify(error);
        request.log.warn({ err: failure }, 'single sign-on could not start');
        return toSignIn(request, reply, failure.code, returnTo);
      }
    },
  });

  app.get('/api/v1/auth/sso/callback', {
    config: { policy: 'public', rateLimit: signInRateLimit },
    schema: {
      tags,
      summary: 'Where the identity provider sends the browser back; signs in and redirects into Podium',
      querystring: z.looseObject({ state: z.string().max(2000).optional(), code: z.string().max(4000).optional(), error: z.string().max(200).optional() }),
      response: { ...redirect, ...errorResponses },
    },
    handler: async (request, reply) => {
      const pending = openPending(ctx.config.secretKey, request.cookies[SSO_COOKIE], ctx.clock.now());
      if (!settings) return toSignIn(request, reply, 'provider_unreachable');
      // No cookie (another browser, or too late) or another sign-in's state: nothing is exchanged.
      if (!pending || request.query.state !== pending.state) {
        request.log.warn('single sign-on: state missing or not this browser’s');
        return toSignIn(request, reply, 'state_mismatch', pending?.returnTo);
      }
      try {
        // The registered redirect URI with the provider's answer (openid-client takes the code, state and iss from it).
        const search = new URL(request.url, 'http://podium.invalid').search;
        const claims = await completeSignIn(ctx, settings, new URL(`${callbackUrl(ctx)}${search}`), pending);
        const { personId } = await signInWithClaims(ctx, settings, claims);
        await startSession(ctx, request, reply, personId, 'sso');
        reply.clearCookie(SSO_COOKIE, cookieOptions(request));
        return reply.redirect(`${ctx.config.baseUrl}${pending.returnTo}`, 302);
      } catch (error) {
        if (!(error instanceof SsoFailure)) throw error;
        request.log.warn({ code: error.code, reason: error.message }, 'single sign-on refused');
        return toSignIn(request, reply, error.code, pending.returnTo);
      }
    },
  });
}
