import { and, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { App, AppContext } from '../context.ts';
import { type Language, nudges, people } from '../db/schema/index.ts';
import { html } from '../http/html.ts';
import { type MessageKey, t } from '../i18n/index.ts';
import { alumniInvitationUrl } from '../people/alumni.ts';
import { page } from '../public/layout.ts';
import { ALUMNI_JOIN_PATH } from './planner.ts';
import { safeInAppPath, verifyTrackingToken } from './tracking.ts';
import { inspectUnsubscribe, type UnsubscribeState, unsubscribe } from './unsubscribe.ts';

/** A 1×1 transparent GIF. */
const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

type View = 'confirm' | 'done' | 'already' | 'superseded';

function unsubscribePage(ctx: AppContext, language: Language, state: UnsubscribeState | null, view: View, action: string): string {
  const say = (key: MessageKey, params: Record<string, string> = {}) => t(language, key, { organisation: ctx.config.organisationName, ...params });
  if (!state) {
    return page(ctx.config, {
      language,
      title: say('nudges.unsubscribe.invalid_title'),
      skipLabel: say('nudges.unsubscribe.skip'),
      main: html`<div class="wrap"><h1>${say('nudges.unsubscribe.invalid_title')}</h1><p>${say('nudges.unsubscribe.invalid_body')}</p></div>`,
    });
  }
  const what = say(state.token.scope === 'nudges' ? 'nudges.unsubscribe.what_nudges' : 'nudges.unsubscribe.what_digest');
  const title = view === 'confirm' ? say('nudges.unsubscribe.confirm_title', { what }) : say('nudges.unsubscribe.done_title');
  const body =
    view === 'confirm'
      ? html`<p>${say('nudges.unsubscribe.confirm_body', { name: state.person.name, what })}</p>
<form method="post" action="${action}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit" class="button">${say('nudges.unsubscribe.button', { what })}</button></form>`
      : view === 'superseded'
        ? html`<p role="status">${say('nudges.unsubscribe.superseded', { what })}</p>`
        : html`<p role="status">${say(view === 'already' ? 'nudges.unsubscribe.already' : 'nudges.unsubscribe.done', { what })}</p><p>${say('nudges.unsubscribe.resubscribe')}</p>`;
  return page(ctx.config, { language, title, skipLabel: say('nudges.unsubscribe.skip'), main: html`<div class="wrap"><h1>${title}</h1>${body}</div>` });
}

const sendPage = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').header('x-robots-tag', 'noindex').send(body);

/**
 * Pages and links that work without signing in: the unsubscribe page (GET shows, POST unsubscribes:
 * mail scanners only GET), the RFC 8058 one-click POST, the click redirect and the open pixel. The
 * signed token is the authorisation, so these need no session and no CSRF header (the hooks only
 * check CSRF on routes with a signed-in policy); a forged token changes nothing.
 */
export async function publicNudgeRoutes(app: App, ctx: AppContext): Promise<void> {
  const tokenParams = z.object({ token: z.string().min(1).max(200) });

  app.get('/unsubscribe/:token', { config: { policy: 'public' }, schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const state = await inspectUnsubscribe(ctx, request.params.token);
    const view: View = !state ? 'confirm' : state.superseded ? 'superseded' : state.unsubscribed ? 'already' : 'confirm';
    return sendPage(reply, state ? 200 : 404, unsubscribePage(ctx, state?.person.language ?? request.language, state, view, `/unsubscribe/${encodeURIComponent(request.params.token)}`));
  });

  // The one-click POST (RFC 8058: body "List-Unsubscribe=One-Click", urlencoded or multipart) and the
  // page's form. Its own scope parses those bodies, so no other route starts accepting form posts.
  await app.register(async (scope) => {
    scope.addContentTypeParser(['application/x-www-form-urlencoded', 'multipart/form-data'], { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => done(null, body));
    scope.post('/unsubscribe/:token', { config: { policy: 'public' }, schema: { hide: true, params: tokenParams } }, async (request, reply) => {
      const { token } = tokenParams.parse(request.params);
      const before = await inspectUnsubscribe(ctx, token);
      const state = before && !before.superseded && !before.unsubscribed ? await unsubscribe(ctx, token) : before;
      const view: View = !before ? 'confirm' : before.superseded ? 'superseded' : before.unsubscribed ? 'already' : 'done';
      return sendPage(reply, state ? 200 : 404, unsubscribePage(ctx, state?.person.language ?? request.language, state, view, ''));
    });
  });

  app.get('/n/:token', { config: { policy: 'public' }, schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const nudgeId = verifyTrackingToken(ctx, request.params.token);
    let path = '/';
    // A HEAD (link checkers) answers the same redirect but is not a click.
    const counts = request.method === 'GET';
    if (nudgeId) {
      const now = ctx.clock.now();
      const [row] = await ctx.database.db
        .select({ variables: nudges.variables, person: { id: people.id, leftAt: people.leftAt, ambassadorStatus: people.ambassadorStatus } })
        .from(nudges)
        .innerJoin(people, eq(people.id, nudges.personId))
        .where(eq(nudges.id, nudgeId))
        .limit(1);
      if (row) path = safeInAppPath(row.variables.path);
      // The alumni invitation: the join page with a signed invitation for this leaving, made now (it expires).
      if (row && path === ALUMNI_JOIN_PATH) {
        const invitation = alumniInvitationUrl(ctx, row.person);
        if (invitation) path = invitation.slice(ctx.config.baseUrl.length);
      }
      if (row && counts) {
        // The first click counts; a click is also an open (where the mail client blocked the pixel).
        await ctx.database.db
          .update(nudges)
          .set({ clickedAt: sql`coalesce(${nudges.clickedAt}, ${now.toISOString()}::timestamptz)`, openedAt: sql`coalesce(${nudges.openedAt}, ${now.toISOString()}::timestamptz)` })
          .where(eq(nudges.id, nudgeId));
      }
    }
    // Only the nudge's own stored path on this site: never a URL from the request (no open redirect).
    return reply.header('cache-control', 'no-store').redirect(`${ctx.config.baseUrl}${path}`, 302);
  });

  app.get('/n/:token/open.gif', { config: { policy: 'public' }, schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const nudgeId = verifyTrackingToken(ctx, request.params.token);
    if (nudgeId && request.method === 'GET') await ctx.database.db.update(nudges).set({ openedAt: ctx.clock.now() }).where(and(eq(nudges.id, nudgeId), isNull(nudges.openedAt)));
    return reply.code(200).type('image/gif').header('cache-control', 'no-store, private').send(pixel);
  });
}
