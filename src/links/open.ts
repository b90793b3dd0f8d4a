import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import { html } from '../http/html.ts';
import { languageFromHeader, t } from '../i18n/index.ts';
import { openGraphTags } from '../public/open-graph.ts';
import type { Language } from '../db/schema/people.ts';
import { imageUrl, shortLinkUrl, storyCanonicalUrl, storyPageUrl, vacancyPageUrl } from '../public/urls.ts';
import { type LinkTarget, lookupLink, lookupStory, lookupVacancy, type StoryTarget, type VacancyTarget } from './cache.ts';
import { codePattern } from './codes.ts';
import { visitorHash } from './salts.ts';
import type { ClickInput } from './store.ts';
import { trackingOf } from './tracking.ts';
import { mergeUtm } from './utm.ts';
import { classifyUserAgent, deviceClass, referrerHost } from './visitor.ts';

/**
 * Where a link leads: the story's canonical URL as Podium built it from the database. Nothing in
 * the request reaches it, so a link can never be turned into an open redirect; an external URL
 * that is not http(s) falls back to the hosted page.
 */
export function destinationOf(config: Config, story: StoryTarget): string {
  const canonical = storyCanonicalUrl(config, story);
  try {
    const { protocol } = new URL(canonical);
    if (protocol === 'http:' || protocol === 'https:') return canonical;
  } catch {
    // fall through to the hosted page
  }
  return storyPageUrl(config, story.slug);
}

/** The UTM parameters of a link; Podium's values win over any utm_* already on the destination. */
export function utmOf(link: LinkTarget, item: { slug: string }): Record<string, string> {
  return {
    utm_source: link.network,
    utm_medium: 'employee_advocacy',
    utm_campaign: link.campaignSlug ?? item.slug,
    utm_content: link.shareId,
  };
}

/**
 * Answers one opening of a short link: a person gets a 302 (never 301: the destination may
 * change, and every opening must reach us to be counted) to the story with UTM parameters and the
 * click id; a link-preview crawler or other bot gets a 200 page with the story's Open Graph tags
 * and og:url = the short link, so the card keeps the tracked link. Every opening is recorded;
 * HEAD requests as `head`, never as a visit. An unknown code gets a friendly 404, never a redirect.
 */
export async function openLink(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, code: string): Promise<FastifyReply> {
  const db = ctx.database.db;
  const { recorder, salts } = trackingOf(ctx);
  const now = ctx.clock.now();
  let link: LinkTarget | null;
  let story: StoryTarget | null = null;
  let vacancy: VacancyTarget | null = null;
  try {
    link = codePattern.test(code) ? await lookupLink(db, code) : null;
    // While the database is away, the story (or vacancy) as last seen keeps the link working.
    if (link?.storyId) story = await lookupStory(db, link.storyId, now, { preferKnown: !recorder.healthy });
    else if (link?.vacancyId) vacancy = await lookupVacancy(db, link.vacancyId, now, { preferKnown: !recorder.healthy });
  } catch (error) {
    request.log.error({ err: error, code }, 'link could not be looked up');
    return unavailablePage(ctx.config, request, reply);
  }
  const item = story ?? vacancy;
  if (!link || !item) return notFoundPage(ctx.config, request, reply);

  const userAgent = request.headers['user-agent'];
  // A HEAD request gets the answer its client would get, and is never counted as a visit.
  const answer = classifyUserAgent(userAgent);
  const visit = answer === 'visit' && request.method !== 'HEAD';
  const salt = visit ? await salts.saltFor(now) : null;
  const click: ClickInput = {
    id: uuidv7(),
    linkCode: code,
    occurredAt: now,
    kind: request.method === 'HEAD' ? 'head' : answer,
    bot: !visit,
    device: visit ? deviceClass(userAgent) : null,
    referrerHost: referrerHost(request.headers.referer),
    visitorHash: salt ? visitorHash(salt, request.ip, userAgent ?? '', request.host) : null,
    share: link.share,
  };
  try {
    // Answered only once the click is durable: committed with its batch, or fsync'd to the spool.
    await recorder.record(click);
  } catch (error) {
    // Neither the database nor the disk took it: the link still works, and the loss is logged.
    request.log.error({ err: error, code }, 'click not recorded');
  }

  // A vacancy's link leads to its page on Podium, which carries the click on to the ATS's apply form.
  const destination = story ? destinationOf(ctx.config, story) : vacancyPageUrl(ctx.config, item.slug);
  const utm = utmOf(link, item);
  reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
  if (!reply.hasHeader('content-security-policy')) reply.headers(linkHeaders);
  if (answer !== 'visit') {
    const preview = story ? storyPreview(story) : vacancyPreview(vacancy as VacancyTarget, request);
    return previewPage(ctx.config, reply, code, preview, mergeUtm(destination, utm));
  }
  // The destination learns the referring site's origin (e.g. linkedin.com), never its full URL;
  // the app's default (no-referrer) would hide where visitors came from from the corporate site.
  reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  return reply.redirect(mergeUtm(destination, { ...utm, pcid: click.id }), 302);
}

/** What a link preview shows of the item behind the link. */
interface Preview {
  title: string;
  summary: string;
  language: Language;
  heroImageId: string | null;
  heroImageAlt: string;
  publishedAt: Date | null;
  type: 'article' | 'website';
  readKey: 'link.preview.read' | 'link.preview.vacancy';
}

const storyPreview = (story: StoryTarget): Preview => ({ ...story, type: 'article', readKey: 'link.preview.read' });

/** A vacancy without a language of its own is previewed in the language the crawler asks for. */
const vacancyPreview = (vacancy: VacancyTarget, request: FastifyRequest): Preview => ({
  title: vacancy.title,
  summary: vacancy.summary,
  language: vacancy.language ?? languageFromHeader(request.headers['accept-language']),
  heroImageId: null,
  heroImageAlt: '',
  publishedAt: null,
  type: 'website',
  readKey: 'link.preview.vacancy',
});

function previewPage(config: Config, reply: FastifyReply, code: string, item: Preview, destination: string): FastifyReply {
  const lang = item.language;
  const og = openGraphTags({
    title: item.title,
    description: item.summary,
    url: shortLinkUrl(config, code),
    imageUrl: item.heroImageId ? imageUrl(config, item.heroImageId, 'share') : null,
    imageAlt: item.heroImageAlt,
    language: lang,
    siteName: config.organisationName,
    type: item.type,
    publishedAt: item.publishedAt,
  });
  const page = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${item.title}</title>
<meta name="description" content="${item.summary}">
${og}
</head>
<body>
<main>
<h1>${item.title}</h1>
<p>${item.summary}</p>
<p><a href="${destination}">${t(lang, item.readKey)}</a></p>
</main>
</body>
</html>`;
  return reply.code(200).type('text/html; charset=utf-8').send(page.value);
}

const pageStyle = 'body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#0b57d0}';

/**
 * The short-link route skips the app-wide security-header hook (it draws fresh CSP nonces on every
 * request, costly on the busiest path): its answers set these instead. The pages' one inline style
 * is allowed by its hash; they run no script.
 */
const linkHeaders = {
  'content-security-policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(pageStyle).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
};

/** A link that is not in memory while the database is away: try again in a moment. */
function unavailablePage(config: Config, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return messagePage(config, request, reply, 503, 'link.unavailable').header('retry-after', '10');
}

function notFoundPage(config: Config, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return messagePage(config, request, reply, 404, 'link.not_found');
}

function messagePage(config: Config, request: FastifyRequest, reply: FastifyReply, status: number, key: 'link.not_found' | 'link.unavailable'): FastifyReply {
  if (!reply.hasHeader('content-security-policy')) reply.headers(linkHeaders);
  const lang = languageFromHeader(request.headers['accept-language']);
  const page = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${t(lang, `${key}.title`)}</title>
<style nonce="${reply.cspNonce?.style ?? ''}">${pageStyle}</style>
</head>
<body>
<main>
<h1>${t(lang, `${key}.title`)}</h1>
<p>${t(lang, `${key}.body`)}</p>
<p><a href="${`${config.baseUrl}/stories`}">${t(lang, 'link.not_found.stories', { organisation: config.organisationName })}</a></p>
</main>
</body>
</html>`;
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page.value);
}

/** The code of a bare `/<code>` request on the dedicated link host, or null when the request is for another host. */
export function linkHostCode(config: Config, request: FastifyRequest): string | null {
  if (!config.linkBaseUrl) return null;
  const linkBase = new URL(config.linkBaseUrl);
  // A link host that is also the app host would swallow the app's pages.
  if (linkBase.host === new URL(config.baseUrl).host) return null;
  if (request.host.toLowerCase() !== linkBase.host.toLowerCase()) return null;
  const path = request.url.split('?')[0] ?? '';
  const prefix = linkBase.pathname.replace(/\/+$/, '');
  if (!path.startsWith(`${prefix}/`)) return '';
  return path.slice(prefix.length + 1);
}
