// `npm run bench:pages`: the public story page and the ambassador feed API under load, on
// PostgreSQL and on PGlite, with 5,000 published stories and 50,000 people. Loopback only.
// Targets (PostgreSQL): story page median ≤ 5 ms, feed p95 ≤ 30 ms at 50 connections.
import { v7 as uuidv7 } from 'uuid';
import { createSession } from '../src/auth/sessions.ts';
import type { Database } from '../src/db/client.ts';
import {
  audiences,
  images,
  people,
  shareSuggestions,
  stories,
  storyFeatured,
  storyFormats,
  storyThemes,
  storyVariants,
  themes,
} from '../src/db/schema/index.ts';
import { type Figures, load } from './load.ts';
import { bareBaseline, type Engine, engines, insertInBatches, profiled, SECONDS, withPodium, writeResult } from './support.ts';

const STORIES = 5_000;
const PEOPLE = 50_000;
const CONNECTIONS = 50;
/** Distinct ambassadors reading the feed during the run, each with a session of their own. */
const FEED_READERS = 1_000;
/** Which parts to run (`page`, `feed`); both by default. */
const parts = (process.env.PODIUM_BENCH_PARTS ?? 'page,feed').split(',');

const paragraph = 'Our colleague explains what the work is really like, what surprised them in the first year, and why they stay. ';

/** Seeds people, themes, images and published stories with themes, featured colleagues, variants and suggestions. */
async function seed(database: Database): Promise<{ slugs: string[]; ambassadorIds: string[] }> {
  const now = new Date();
  const personRows = Array.from({ length: PEOPLE }, (_, i) => ({
    id: uuidv7(),
    email: `person${i}@bench.example`,
    name: `Colleague ${i}`,
    roles: ['ambassador'],
    ambassadorStatus: 'active',
    createdAt: now,
    updatedAt: now,
  }));
  await insertInBatches(database, people, personRows);
  const themeRows = Array.from({ length: 12 }, (_, i) => ({ id: uuidv7(), key: `theme-${i}`, nameNl: `Thema ${i}`, nameEn: `Theme ${i}`, createdAt: now, updatedAt: now }));
  await insertInBatches(database, themes, themeRows);
  const imageRows = Array.from({ length: 100 }, (_, i) => {
    const id = uuidv7();
    return { id, originalKey: `images/${id}/original.jpg`, shareKey: `images/${id}/share.jpg`, mimeType: 'image/jpeg', width: 2400, height: 1600, bytes: 500_000, altText: `Photo ${i}`, createdAt: now };
  });
  await insertInBatches(database, images, imageRows);
  const audienceRows = await database.db.select({ id: audiences.id }).from(audiences);

  const storyRows = [];
  const themeLinks = [];
  const featured = [];
  const variants = [];
  const suggestions = [];
  for (let i = 0; i < STORIES; i++) {
    const id = uuidv7();
    storyRows.push({
      id,
      translationGroupId: uuidv7(),
      language: i % 2 === 0 ? 'nl' : 'en',
      format: storyFormats[i % (storyFormats.length - 1)],
      status: 'published',
      title: `Story ${i}: a day at work`,
      slug: `bench-story-${i}`,
      summary: `What colleague ${i} does, and why it matters.`,
      bodyMarkdown: Array.from({ length: 6 }, (_, p) => `${p % 3 === 0 ? '## A heading\n\n' : ''}${paragraph.repeat(3)}`).join('\n\n'),
      heroImageId: imageRows[i % imageRows.length]?.id,
      publishedAt: new Date(now.getTime() - i * 3_600_000),
      createdAt: now,
      updatedAt: now,
    });
    themeLinks.push({ storyId: id, themeId: themeRows[i % themeRows.length]?.id }, { storyId: id, themeId: themeRows[(i + 5) % themeRows.length]?.id });
    for (let f = 0; f < 2; f++) featured.push({ storyId: id, personId: personRows[(i * 2 + f) % PEOPLE]?.id, quote: 'I get to build things that matter.', position: f, approval: 'approved' });
    for (const audience of audienceRows.slice(0, 2)) {
      const variantId = uuidv7();
      variants.push({ id: variantId, storyId: id, audienceId: audience.id, headline: `Headline ${i}`, teaser: `Teaser ${i}`, createdAt: now, updatedAt: now });
      for (let s = 0; s < 2; s++) suggestions.push({ id: uuidv7(), variantId, network: 'linkedin', text: `Proud of colleague ${i}: read their story. (${s})`, position: s });
    }
  }
  await insertInBatches(database, stories, storyRows);
  await insertInBatches(database, storyThemes, themeLinks);
  await insertInBatches(database, storyFeatured, featured);
  await insertInBatches(database, storyVariants, variants);
  await insertInBatches(database, shareSuggestions, suggestions);
  return { slugs: storyRows.map((s) => s.slug), ambassadorIds: personRows.slice(-FEED_READERS).map((p) => p.id) };
}


async function runEngine(engine: Engine): Promise<Record<string, Figures | string>> {
  let seeded: Awaited<ReturnType<typeof seed>> = { slugs: [], ambassadorIds: [] };
  const seedTimed = async (database: Database) => {
    const started = Date.now();
    seeded = await seed(database);
    console.log(`${engine}: seeded ${STORIES} stories and ${PEOPLE} people in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  return withPodium(engine, seedTimed, async ({ database, base }) => {
    // The feed is read by many ambassadors at once, each with their own session.
    const cookies = await Promise.all(seeded.ambassadorIds.map(async (id) => `podium_session=${await createSession(database.db, id, 'bench', new Date())}`));
    const storyPaths = seeded.slugs.map((slug) => `/stories/${slug}`);
    const results: Record<string, Figures | string> = {};
    const run = (paths: string[], seconds: number, cookies?: string[]) => load({ url: base, paths, cookies, connections: CONNECTIONS, seconds });
    if (parts.includes('page')) {
      // First view of every page (rendered from the database), 50 at a time; this also warms the cache.
      results.storyPageFirstView = await firstViews(base, storyPaths);
      console.log(`${engine} story page, first view of each:`, results.storyPageFirstView);
      results.storyPage = await run(storyPaths, SECONDS);
      console.log(`${engine} story page:`, results.storyPage);
    }
    if (parts.includes('feed')) {
      const sample = await fetch(`${base}/api/v1/feed`, { headers: { cookie: cookies[0] ?? '' } });
      results.feedBytes = String((await sample.arrayBuffer()).byteLength);
      console.log(`${engine} feed page: ${results.feedBytes} bytes`);
      await run(['/api/v1/feed'], 3, cookies);
      results.feed = await profiled(`${engine}-feed`, () => run(['/api/v1/feed'], SECONDS, cookies));
      console.log(`${engine} feed:`, results.feed);
    }
    return results;
  });
}

/** Requests every path once, 50 at a time, and reports the latencies of these first (uncached) views. */
async function firstViews(base: string, paths: string[]): Promise<Figures> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < paths.length) {
        const path = paths[next++] ?? '/';
        const t0 = performance.now();
        const response = await fetch(base + path);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status !== 200) errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0) * 100) / 100;
  return { requests: latencies.length, errors, non2xx: errors, reqPerSec: Math.round(latencies.length / ((performance.now() - started) / 1000)), medianMs: at(50), p95Ms: at(95), p99Ms: at(99), statuses };
}

const report: Record<string, unknown> = { at: new Date().toISOString(), stories: STORIES, people: PEOPLE, connections: CONNECTIONS, seconds: SECONDS, node: process.version };
const page = `<!doctype html><html><body>${'x'.repeat(12_000)}</body></html>`;
report.baselineBareHttp = await bareBaseline(
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page);
  },
  { paths: ['/'], connections: CONNECTIONS, seconds: SECONDS },
);
console.log('baseline (bare node:http, fixed page):', report.baselineBareHttp);
for (const engine of engines) report[engine] = await runEngine(engine);
const targets = report.postgres as Record<string, Figures | string> | undefined;
if (targets) {
  const storyPage = targets.storyPage;
  const feed = targets.feed;
  report.targets = {
    storyPageMedianAtMost5ms: typeof storyPage === 'object' ? storyPage.medianMs <= 5 : 'not available',
    feedP95AtMost30ms: typeof feed === 'object' ? feed.p95Ms <= 30 : 'not available',
  };
}
writeResult('pages.json', report);
console.log(JSON.stringify(report, null, 2));
