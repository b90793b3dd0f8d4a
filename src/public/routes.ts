import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { App, AppContext } from '../context.ts';
import { languages } from '../db/schema/people.ts';
import { storyFormats } from '../db/schema/stories.ts';
import { PageCache, RecentCache } from './cache.ts';
import { embedCsp, embedScript, renderEmbedPage } from './embed.ts';
import { FEED_SIZE, renderJsonFeed, renderRss } from './feeds.ts';
import { HUB_PAGE_SIZE, renderHub } from './hub.ts';
import { stylesheet, stylesheetPath } from './layout.ts';
import { getSetting } from '../settings/service.ts';
import { sanitiseDescription } from '../vacancies/sync.ts';
import { activeThemes, isVisible, listPublishedStories, loadStoryPage, loadVacancyPage, storyPageVersion, type VacancyPageData } from './queries.ts';
import { renderNotFoundPage, renderStoryPage } from './story-page.ts';
import { applyHrefOf, renderVacancyNotFoundPage, renderVacancyPage } from './vacancy-page.ts';
import { noteStoryRead } from '../personas/activity.ts';

/** Filters that are only links: a value the hub does not know is ignored rather than refused. */
const theme = z.string().max(100).optional().catch(undefined);
const format = z.enum(storyFormats).optional().catch(undefined);
const lang = z.enum(languages).optional().catch(undefined);
const hubQuery = z.object({ theme, format, lang, page: z.coerce.number().int().min(1).max(1000).catch(1).default(1) });
const feedQuery = z.object({ theme, lang });
/** A vacancy page reached through a shared link carries the click id; anything else in the query (utm_*) is left alone. */
const vacancyQuery = z.object({ pcid: z.uuid().optional().catch(undefined) });
const embedQuery = z.object({ theme, lang, limit: z.coerce.number().int().min(1).max(20).catch(5).default(5) });

const htmlType = 'text/html; charset=utf-8';
const publicPage = (reply: FastifyReply, seconds: number) => reply.type(htmlType).header('cache-control', `public, max-age=${seconds}`);

/** Public pages for the corporate website: story and vacancy pages, the hub, RSS/JSON feeds and the embeddable widget. */
export async function publicRoutes(app: App, ctx: AppContext): Promise<void> {
  const { config } = ctx;
  const db = () => ctx.database.db;
  // Rendered story pages per story, valid for one version of everything they show (~48 MB at most).
  const pages = new PageCache(48 * 1024 * 1024);
  // A story page is public with max-age=60, so browsers and proxies may show it a minute old; the
  // server trusts a rendered page for the same minute and then checks its version again.
  const recentPages = new RecentCache<{ found: NonNullable<Awaited<ReturnType<typeof storyPageVersion>>>; body: string }>(60_000, 20_000);
  // Rendered Markdown of feed items per story revision.
  const bodies = new PageCache(16 * 1024 * 1024);

  app.get('/stories/:slug', {
    config: { policy: 'public' },
    schema: { hide: true, params: z.object({ slug: z.string().max(300) }) },
    handler: async (request, reply) => {
      const now = ctx.clock.now();
      // Hot path: a page rendered in the last few seconds is served without touching the database.
      const recent = recentPages.get(request.params.slug, now.getTime());
      if (recent && isVisible(recent.found, now)) {
        // A colleague signed in reading a story: a persona signal (in memory; no query here).
        noteStoryRead(ctx, request.auth, recent.found.id);
        return publicPage(reply, 60).send(recent.body);
      }
      const found = await storyPageVersion(db(), request.params.slug, now);
      if (!found || !isVisible(found, now)) return publicPage(reply.code(404), 60).send(renderNotFoundPage(config, request.language));
      let body = pages.get(found.id, found.version);
      if (body === undefined) {
        const story = await loadStoryPage(db(), found.id, now);
        if (!story) return publicPage(reply.code(404), 60).send(renderNotFoundPage(config, request.language));
        body = renderStoryPage(config, story);
        pages.set(found.id, found.version, body);
      }
      recentPages.set(request.params.slug, { found, body }, now.getTime());
      noteStoryRead(ctx, request.auth, found.id);
      return publicPage(reply, 60).send(body);
    },
  });

  // A vacancy page's data for a minute (like a story page's); the apply link is made per request,
  // since it carries the visitor's click id.
  const recentVacancies = new RecentCache<{ vacancy: VacancyPageData; organisation: string }>(60_000, 5_000);

  app.get('/vacancies/:slug', {
    config: { policy: 'public' },
    schema: { hide: true, params: z.object({ slug: z.string().max(300) }), querystring: vacancyQuery },
    handler: async (request, reply) => {
      const now = ctx.clock.now();
      let found = recentVacancies.get(request.params.slug, now.getTime());
      if (!found) {
        const vacancy = await loadVacancyPage(db(), request.params.slug, now);
        if (!vacancy) return publicPage(reply.code(404), 60).send(renderVacancyNotFoundPage(config, request.language));
        // Sanitised on import already; once more here, as this HTML goes out on the organisation's own host.
        vacancy.descriptionHtml = sanitiseDescription(vacancy.descriptionHtml);
        found = { vacancy, organisation: (await getSetting(db(), 'organisation.name')) ?? config.organisationName };
        recentVacancies.set(request.params.slug, found, now.getTime());
      }
      const { vacancy, organisation } = found;
      if (!vacancy.language) reply.header('vary', 'Accept-Language');
      const pcid = request.query.pcid ?? null;
      const body = renderVacancyPage(config, { vacancy, organisation, language: vacancy.language ?? request.language, applyHref: applyHrefOf(vacancy, pcid) });
      // A closed vacancy answers 410 Gone (search engines drop it) with a page that says so: its
      // shared links keep leading somewhere useful. A page carrying a visitor's click id is theirs alone.
      reply.code(vacancy.status === 'closed' ? 410 : 200);
      return pcid ? reply.type(htmlType).header('cache-control', 'private, no-store').send(body) : publicPage(reply, 60).send(body);
    },
  });

  app.get('/stories', {
    config: { policy: 'public' },
    schema: { hide: true, querystring: hubQuery },
    handler: async (request, reply) => {
      const query = request.query;
      const ui = query.lang ?? request.language;
      const now = ctx.clock.now();
      const [themes, rows] = await Promise.all([
        activeThemes(db()),
        listPublishedStories(db(), { theme: query.theme, format: query.format, language: query.lang }, now, { limit: HUB_PAGE_SIZE + 1, offset: (query.page - 1) * HUB_PAGE_SIZE }),
      ]);
      if (!query.lang) reply.header('vary', 'Accept-Language');
      return publicPage(reply, 60).send(renderHub(config, ui, query, themes, rows.slice(0, HUB_PAGE_SIZE), rows.length > HUB_PAGE_SIZE));
    },
  });

  const feedStories = (filters: z.infer<typeof feedQuery>, withBody: boolean) =>
    listPublishedStories(db(), { theme: filters.theme, language: filters.lang }, ctx.clock.now(), { limit: FEED_SIZE, withBody });

  app.get('/stories/feed.xml', {
    config: { policy: 'public' },
    schema: { hide: true, querystring: feedQuery },
    handler: async (request, reply) => {
      const stories = await feedStories(request.query, false);
      if (!request.query.lang) reply.header('vary', 'Accept-Language');
      return reply
        .type('application/rss+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .send(renderRss({ config, language: request.query.lang ?? request.language, filters: request.query, stories, now: ctx.clock.now() }));
    },
  });

  app.get('/stories/feed.json', {
    config: { policy: 'public' },
    schema: { hide: true, querystring: feedQuery },
    handler: async (request, reply) => {
      const stories = await feedStories(request.query, true);
      if (!request.query.lang) reply.header('vary', 'Accept-Language');
      const feed = renderJsonFeed({ config, language: request.query.lang ?? request.language, filters: request.query, stories, now: ctx.clock.now() }, bodies);
      return reply
        .type('application/feed+json; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .send(JSON.stringify(feed));
    },
  });

  app.get('/embed/stories', {
    config: { policy: 'public' },
    schema: { hide: true, querystring: embedQuery },
    handler: async (request, reply) => {
      const query = request.query;
      const stories = await listPublishedStories(db(), { theme: query.theme, language: query.lang }, ctx.clock.now(), { limit: query.limit });
      if (!query.lang) reply.header('vary', 'Accept-Language');
      // The one page other sites may frame; everything else keeps frame-ancestors 'none'.
      reply.header('content-security-policy', embedCsp).header('cross-origin-resource-policy', 'cross-origin').removeHeader('x-frame-options');
      return publicPage(reply, 300).send(renderEmbedPage(config, query.lang ?? request.language, query, stories));
    },
  });

  const script = embedScript(config);
  app.get('/embed.js', {
    config: { policy: 'public' },
    schema: { hide: true },
    handler: async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').header('cross-origin-resource-policy', 'cross-origin').send(script),
  });

  const stylesheetVersion = stylesheetPath.split('v=')[1];
  app.get('/public.css', {
    config: { policy: 'public' },
    schema: { hide: true },
    handler: async (request, reply) => {
      const versioned = (request.query as { v?: string }).v === stylesheetVersion;
      return reply
        .type('text/css; charset=utf-8')
        .header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
        .send(stylesheet);
    },
  });
}
