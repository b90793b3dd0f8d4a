import type { FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { App, AppContext } from '../context.ts';
import { people } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { errorResponses } from '../http/openapi.ts';
import { renderMail } from '../mail/templates.ts';
import { checkPassword } from '../people/lifecycle.ts';
import { presentPerson } from '../people/presenter.ts';
import { personSchema } from '../people/schema.ts';
import { findPersonByEmail, getPersonRow } from '../people/service.ts';
import { peopleChanged } from '../people/changes.ts';
import { isPersonalEmailLink, mailAlumnusAtPersonalEmail, withPersonalEmailConfirmed } from '../people/alumni.ts';
import { ALUMNI_SESSION_METHOD, signInAllowed } from './alumni-access.ts';
import { assertSsoNotRequired, ssoRequiredFor } from '../sso/policy.ts';
import { AttemptCounter } from './attempts.ts';
import { isPerson, type SignedIn } from './context.ts';
import { consumeLink, createLink } from './links.ts';
import { createSession, csrfTokenFor, endAllSessions, endSession, SESSION_COOKIE } from './sessions.ts';
import { hashToken, sign } from './tokens.ts';

export const sessionResponse = z.object({ person: personSchema, csrfToken: z.string() }).meta({ id: 'Session' });

/** Per-address limit for every sign-in route; the key is a keyed hash, never the raw address. */
export const signInRateLimit = { max: 20, timeWindow: '10 minutes' };

/** Sets the session cookie and answers with the person and their CSRF token. */
export async function startSession(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, personId: string, method: string) {
  const token = await createSession(ctx.database.db, personId, method, ctx.clock.now());
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.secureCookies || request.protocol === 'https',
    maxAge: 30 * 86_400,
  });
  const person = await presentPerson(ctx.database.db, await getPersonRow(ctx.database.db, personId));
  return { person, csrfToken: csrfTokenFor(ctx.config.secretKey, hashToken(token)) };
}

/** Sign-in: magic links, optional passwords, sessions, sign-out (here and everywhere). */
export async function authRoutes(app: App, ctx: AppContext): Promise<void> {
  const db = ctx.database.db;
  const accountAttempts = new AttemptCounter(10, 15 * 60_000);
  const tags = ['auth'];
  const accountKey = (email: string) => sign(ctx.config.secretKey, 'account', email.trim().toLowerCase());
  const limitAccount = (email: string) => {
    const wait = accountAttempts.hit(accountKey(email), ctx.clock.now().getTime());
    if (wait > 0) throw new AppError(429, 'rate_limited', 'error.rate_limited', { seconds: wait });
  };

  app.get('/api/auth/session', {
    config: { policy: isPerson },
    schema: { tags, summary: 'The signed-in person and their CSRF token', response: { 200: sessionResponse, ...errorResponses } },
    handler: async (request) => {
      const auth = request.auth as SignedIn;
      const person = await presentPerson(db, await getPersonRow(db, auth.personId as string));
      const csrfToken = auth.kind === 'session' ? csrfTokenFor(ctx.config.secretKey, auth.tokenHash) : '';
      return { person, csrfToken };
    },
  });

  app.post('/api/auth/magic-link', {
    config: { policy: 'public', rateLimit: signInRateLimit },
    schema: {
      tags,
      summary: 'E-mail a sign-in link (always answers 202, so it never tells whether an address is known)',
      body: z.object({ email: z.string().trim().max(254) }),
      response: { 202: z.object({ sent: z.literal(true) }), ...errorResponses },
    },
    handler: async (request, reply) => {
      limitAccount(request.body.email);
      const person = await findPersonByEmail(db, request.body.email);
      // Where SSO is required, employees use it (src/sso/policy.ts); break-glass admins and alumni do not.
      // The 403 follows the address's domain only; an employee known by an address outside those domains
      // gets the same 202 as an unknown address (and no link), so the answer never tells who is known.
      assertSsoNotRequired(ctx.config, request.body.email, null);
      if (person && ssoRequiredFor(ctx.config, request.body.email, person)) return reply.code(202).send({ sent: true });
      // A work e-mail signs in employees only; an alumnus is reached at their personal e-mail (alumni-access.ts).
      if (!person || !signInAllowed(person, 'work_email_link')) {
        await mailAlumnusAtPersonalEmail(ctx, request.body.email).catch((error: unknown) => {
          request.log.warn({ err: error }, 'alumni sign-in mail could not be sent');
        });
      } else {
        const token = await createLink(db, 'sign_in', person.id, ctx.clock.now());
        const url = `${ctx.config.baseUrl}/auth/magic?token=${encodeURIComponent(token)}`;
        const mail = renderMail('sign_in', person.language, { organisation: ctx.config.organisationName, name: person.name, url });
        // A refused mail is recorded as failed in the mail log; the answer stays the same, so it
        // never tells whether an address is known.
        await ctx.mailer.send({ ...mail, to: person.email, personId: person.id, kind: 'sign_in' }).catch((error: unknown) => {
          request.log.warn({ err: error }, 'sign-in mail could not be sent');
        });
      }
      return reply.code(202).send({ sent: true });
    },
  });

  app.post('/api/auth/magic-link/verify', {
    config: { policy: 'public', rateLimit: signInRateLimit },
    schema: {
      tags,
      summary: 'Use a sign-in or invitation link (a POST from the link page; a GET never uses a link up)',
      body: z.object({ token: z.string().min(10).max(200) }),
      response: { 200: sessionResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const link = await consumeLink(db, request.body.token, ['sign_in', 'invite'], ctx.clock.now());
      const person = link.personId ? await getPersonRow(db, link.personId) : null;
      // A link mailed to an alumnus's personal e-mail is a different way in than one to a work e-mail (alumni-access.ts).
      const method = person && isPersonalEmailLink(link, person) ? 'personal_email_link' : 'work_email_link';
      if (!person || !signInAllowed(person, method)) throw new AppError(400, 'link_invalid', 'error.link_invalid');
      if (method === 'work_email_link') assertSsoNotRequired(ctx.config, person.email, person);
      // Signing in confirms the address, not consent: joining the programme stays a separate, recorded choice.
      if (method === 'personal_email_link') await db.update(people).set({ preferences: withPersonalEmailConfirmed(true) }).where(eq(people.id, person.id));
      return startSession(ctx, request, reply, person.id, method === 'personal_email_link' ? ALUMNI_SESSION_METHOD : 'magic_link');
    },
  });

  app.post('/api/auth/password', {
    config: { policy: 'public', rateLimit: signInRateLimit },
    schema: {
      tags,
      summary: 'Sign in with e-mail address and password',
      body: z.object({ email: z.string().trim().max(254), password: z.string().max(1000) }),
      response: { 200: sessionResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      limitAccount(request.body.email);
      const person = await findPersonByEmail(db, request.body.email);
      const ok = await checkPassword(person?.passwordHash ?? null, request.body.password);
      if (!ok || !person || !signInAllowed(person, 'password')) throw new AppError(401, 'invalid_credentials', 'error.invalid_credentials');
      assertSsoNotRequired(ctx.config, person.email, person);
      return startSession(ctx, request, reply, person.id, 'password');
    },
  });

  app.post('/api/auth/sign-out', {
    config: { policy: isPerson },
    schema: { tags, summary: 'Sign out this browser', response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      if (request.auth.kind === 'session') await endSession(db, request.auth.sessionId);
      peopleChanged(ctx);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  });

  app.post('/api/auth/sign-out-everywhere', {
    config: { policy: isPerson },
    schema: { tags, summary: 'Sign out every browser of mine', response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await endAllSessions(db, (request.auth as SignedIn).personId as string);
      peopleChanged(ctx);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  });
}
