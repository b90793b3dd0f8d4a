import { createHash } from 'node:crypto';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
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

/** One opening of a short link, as the redirect needs it (from Fastify or straight from node:http). */
export interface LinkRequest {
  method: string;
  code: string;
  userAgent: string | undefined;
  referer: string | undefined;
  acceptLanguage: string | undefined;
  /** The client's address (after the trusted proxies): only ever hashed with the day's salt. */
  ip: string;
  /** The host the link was opened on. */
  host: string;
  log: FastifyBaseLogger;
}

/** The whole answer to a link opening: status, headers and body. */
export interface LinkAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Answers one opening of a short link: a person gets a 302 (never 301: the destination may
 * change, and every opening must reach us to be counted) to the story with UTM parameters and the
 * click id; a link-preview crawler or other bot gets a 200 page with the story's Open Graph tags
 * and og:url = the short link, so the card keeps the tracked link. Every opening is recorded;
 * HEAD requests as `head`, never as a visit. An unknown code gets a friendly 404, never a redirect.
 */
export async function answerLink(ctx: AppContext, opening: LinkRequest): Promise<LinkAnswer> {
  const db = ctx.database.db;
  const { recorder, salts } = trackingOf(ctx);
  const now = ctx.clock.now();
  const { code } = opening;
  let link: LinkTarget | null;
  let story: StoryTarget | null = null;
  let vacancy: VacancyTarget | null = null;
  try {
    link = codePattern.test(code) ? await lookupLink(db, code) : null;
    // While the database is away, the story (or vacancy) as last seen keeps the link working.
    if (link?.storyId) story = await lookupStory(db, link.storyId, now, { preferKnown: !recorder.healthy });
    else if (link?.vacancyId) vacancy = await lookupVacancy(db, link.vacancyId, now, { preferKnown: !recorder.healthy });
  } catch (error) {
    opening.log.error({ err: error, code }, 'link could not be looked up');
    return messagePage(ctx.config, opening, 503, 'link.unavailable', { 'retry-after': '10' });
  }
  const item = story ?? vacancy;
  if (!link || !item) return messagePage(ctx.config, opening, 404, 'link.not_found');

  const { userAgent } = opening;
  const head = opening.method === 'HEAD';
  // A HEAD request gets the answer its client would get, and is never counted as a visit.
  const answer = classifyUserAgent(userAgent);
  const visit = answer === 'visit' && !head;
  const salt = visit ? await salts.saltFor(now) : null;
  const click: ClickInput = {
    id: uuidv7(),
    linkCode: code,
    occurredAt: now,
    kind: head ? 'head' : answer,
    bot: !visit,
    device: visit ? deviceClass(userAgent) : null,
    referrerHost: referrerHost(opening.referer),
    visitorHash: salt ? visitorHash(salt, opening.ip, userAgent ?? '', opening.host) : null,
    share: link.share,
  };
  try {
    // Answered only once the click is durable: committed with its batch, or fsync'd to the spool.
    await recorder.record(click);
  } catch (error) {
    // Neither the database nor the disk took it: the link still works, and the loss is logged.
    opening.log.error({ err: error, code }, 'click not recorded');
  }

  // A vacancy's link leads to its page on Podium, which carries the click on to the ATS's apply form.
  const destination = story ? destinationOf(ctx.config, story) : vacancyPageUrl(ctx.config, item.slug);
  const utm = utmOf(link, item);
  if (answer !== 'visit') {
    const preview = story ? storyPreview(story) : vacancyPreview(vacancy as VacancyTarget, opening);
    return previewPage(ctx.config, code, preview, mergeUtm(destination, utm));
  }
  return {
    status: 302,
    headers: {
      ...linkHeaders,
      location: mergeUtm(destination, { ...utm, pcid: click.id }),
      // The destination learns the referring site's origin (e.g. linkedin.com), never its full URL;
      // the app's default (no-referrer) would hide where visitors came from from the corporate site.
      'referrer-policy': 'strict-origin-when-cross-origin',
    },
    body: '',
  };
}

/** `answerLink` for a request that reached Fastify (tests' inject, and anything the fast path passed on). */
export async function openLink(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, code: string): Promise<FastifyReply> {
  const answer = await answerLink(ctx, {
    method: request.method,
    code,
    userAgent: request.headers['user-agent'],
    referer: request.headers.referer,
    acceptLanguage: request.headers['accept-language'],
    ip: request.ip,
    host: request.host,
    log: request.log,
  });
  // An empty body is sent as none, so Fastify adds no content type to a redirect.
  return reply.code(answer.status).headers(answer.headers).send(answer.body === '' ? undefined : answer.body);
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
const vacancyPreview = (vacancy: VacancyTarget, opening: LinkRequest): Preview => ({
  title: vacancy.title,
  summary: vacancy.summary,
  language: vacancy.language ?? languageFromHeader(opening.acceptLanguage),
  heroImageId: null,
  heroImageAlt: '',
  publishedAt: null,
  type: 'website',
  readKey: 'link.preview.vacancy',
});

function previewPage(config: Config, code: string, item: Preview, destination: string): LinkAnswer {
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
  return { status: 200, headers: { ...linkHeaders, 'content-type': 'text/html; charset=utf-8' }, body: page.value };
}

const pageStyle = 'body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#0b57d0}';

/**
 * The short-link answers set their own few security headers instead of the app-wide hook's (it
 * draws fresh CSP nonces on every request, costly on the busiest path). The pages' one inline
 * style is allowed by its hash; they run no script. Nothing is cached: every opening must reach
 * Podium to be counted.
 */
const linkHeaders: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(pageStyle).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
};

/** A friendly page for a link that does not exist (404), or that cannot be looked up while the database is away (503). */
function messagePage(config: Config, opening: LinkRequest, status: number, key: 'link.not_found' | 'link.unavailable', extra: Record<string, string> = {}): LinkAnswer {
  const lang = languageFromHeader(opening.acceptLanguage);
  const page = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${t(lang, `${key}.title`)}</title>
<style>${pageStyle}</style>
</head>
<body>
<main>
<h1>${t(lang, `${key}.title`)}</h1>
<p>${t(lang, `${key}.body`)}</p>
<p><a href="${`${config.baseUrl}/stories`}">${t(lang, 'link.not_found.stories', { organisation: config.organisationName })}</a></p>
</main>
</body>
</html>`;
  return { status, headers: { ...linkHeaders, ...extra, 'content-type': 'text/html; charset=utf-8' }, body: page.value };
}

/** The code of a bare `/<code>` request on the dedicated link host, or null when the request is for another host. */
export function linkHostCode(config: Config, host: string, url: string): string | null {
  if (!config.linkBaseUrl) return null;
  const linkBase = new URL(config.linkBaseUrl);
  // A link host that is also the app host would swallow the app's pages.
  if (linkBase.host === new URL(config.baseUrl).host) return null;
  if (host.toLowerCase() !== linkBase.host.toLowerCase()) return null;
  const path = url.split('?')[0] ?? '';
  const prefix = linkBase.pathname.replace(/\/+$/, '');
  if (!path.startsWith(`${prefix}/`)) return '';
  return path.slice(prefix.length + 1);
}
