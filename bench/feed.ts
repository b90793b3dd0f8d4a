// `npm run bench:feed`: the ranked ambassador feed and a 5,000-job vacancy import, on PostgreSQL
// and on PGlite, with 5,000 published stories, 1,000 vacancies and 50,000 people. Loopback only.
// Targets (PostgreSQL): ranked feed p95 ≤ 30 ms at 50 connections; a 5,000-job feed imported in ≤ 10 s.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { desc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { createApiToken } from '../src/auth/api-tokens.ts';
import { createSession } from '../src/auth/sessions.ts';
import type { Clock } from '../src/context.ts';
import type { Database } from '../src/db/client.ts';
import {
  audiences,
  campaigns,
  campaignStories,
  campaignTargetGroups,
  groupMemberships,
  groups,
  images,
  people,
  shares,
  shareSuggestions,
  stories,
  storyFormats,
  storyTargetGroups,
  storyThemes,
  storyVariants,
  themeRules,
  themes,
  type Urgency,
  vacancies,
  vacancyThemes,
} from '../src/db/schema/index.ts';
import { presentCards } from '../src/sharing/feed-cards.ts';
import { loadPool } from '../src/sharing/feed-pool.ts';
import { loadThemePressure } from '../src/vacancies/pressure.ts';
import { type Figures, load } from './load.ts';
import { bareBaseline, type Engine, engines, insertInBatches, profiled, SECONDS, withPodium, writeResult } from './support.ts';

const STORIES = 5_000;
const VACANCIES = 1_000;
const PEOPLE = 50_000;
const DEPARTMENTS = 20;
/** Teams sit in departments (team t in department t % 20); with three locations, people fall into 300 group sets. */
const TEAMS = 100;
const LOCATIONS = 3;
const THEMES = 12;
const CONNECTIONS = 50;
/** Ambassadors reading the feed in the steady-state run, each with a session of their own. */
const WARM_READERS = 1_000;
/** Readers with a group set nobody else has (a project group of their own): every request a new reader, ranking and page. */
const NEW_READERS = 1_000;
/** Requests with every cache cold: the clock moves on 61 s before each, past every cache's lifetime. */
const COLD_REQUESTS = 300;
const IMPORT_JOBS = 5_000;
/** Which parts to run (`feed`, `import`); both by default. */
const parts = (process.env.PODIUM_BENCH_PARTS ?? 'feed,import').split(',');

const DAY = 86_400_000;
const paragraph = 'Our colleague explains what the work is really like, what surprised them in the first year, and why they stay. ';
const urgencyOf = (i: number): Urgency => (['low', 'low', 'normal', 'normal', 'normal', 'normal', 'normal', 'high', 'high', 'critical'] as const)[i % 10] ?? 'normal';
const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A clock the benchmark can move forward, so every cache with a lifetime runs out between two requests. */
class MovableClock implements Clock {
  offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

interface Seeded {
  departmentNames: string[];
  sampleReader: string;
  warmReaders: string[];
  newReaders: string[];
  coldReaders: string[];
}

/** Seeds groups, people in them, themes and rules, vacancies, stories (some targeted, some in campaigns) and shares. */
async function seed(database: Database): Promise<Seeded> {
  const now = Date.now();
  const at = new Date(now);
  const stamp = { createdAt: at, updatedAt: at };
  const departmentRows = Array.from({ length: DEPARTMENTS }, (_, i) => ({ id: uuidv7(), kind: 'department' as const, name: `Department ${i}`, ...stamp }));
  const teamRows = Array.from({ length: TEAMS }, (_, i) => ({ id: uuidv7(), kind: 'team' as const, name: `Team ${i}`, ...stamp }));
  const locationRows = Array.from({ length: LOCATIONS }, (_, i) => ({ id: uuidv7(), kind: 'location' as const, name: `Location ${i}`, ...stamp }));
  const projectRows = Array.from({ length: NEW_READERS + COLD_REQUESTS }, (_, i) => ({ id: uuidv7(), kind: 'team' as const, name: `Project ${i}`, ...stamp }));
  await insertInBatches(database, groups, [...departmentRows, ...teamRows, ...locationRows, ...projectRows]);
  const id = (rows: { id: string }[], i: number) => rows[i % rows.length]?.id as string;

  const personRows = Array.from({ length: PEOPLE }, (_, i) => ({ id: uuidv7(), email: `person${i}@bench.example`, name: `Colleague ${i}`, roles: ['ambassador'], ambassadorStatus: 'active', ...stamp }));
  await insertInBatches(database, people, personRows);
  const memberships = personRows.flatMap((person, i) => [
    { personId: person.id, groupId: id(teamRows, i) },
    { personId: person.id, groupId: id(departmentRows, i % TEAMS) },
    { personId: person.id, groupId: id(locationRows, i) },
  ]);
  // The first readers each also have a project group of their own.
  for (let i = 0; i < projectRows.length; i++) memberships.push({ personId: personRows[i]?.id as string, groupId: id(projectRows, i) });
  await insertInBatches(database, groupMemberships, memberships);

  const themeRows = Array.from({ length: THEMES }, (_, i) => ({ id: uuidv7(), key: `theme-${i}`, nameNl: `Thema ${i}`, nameEn: `Theme ${i}`, ...stamp }));
  await insertInBatches(database, themes, themeRows);
  // Rules as a recruiter would set them: each department brings a theme, and a few title keywords.
  const ruleRows = [
    ...departmentRows.map((department, i) => ({ themeId: id(themeRows, i), kind: 'department' as const, departmentId: department.id, ...stamp })),
    ...['nurse', 'developer', 'engineer', 'analyst', 'manager'].map((keyword, i) => ({ themeId: id(themeRows, i * 2 + 1), kind: 'keyword' as const, keyword, ...stamp })),
  ];
  await insertInBatches(database, themeRules, ruleRows);

  const vacancyRows = Array.from({ length: VACANCIES }, (_, i) => {
    const closed = i % 10 === 3;
    return {
      id: uuidv7(),
      slug: `bench-vacancy-${i}`,
      title: `Vacancy ${i}`,
      departmentName: `Department ${i % DEPARTMENTS}`,
      departmentId: id(departmentRows, i),
      openings: 1 + (i % 3),
      urgency: urgencyOf(i),
      status: closed ? ('closed' as const) : ('open' as const),
      openedAt: new Date(now - (i % 120) * DAY),
      closedAt: closed ? at : null,
      ...stamp,
    };
  });
  await insertInBatches(database, vacancies, vacancyRows);
  await insertInBatches(
    database,
    vacancyThemes,
    vacancyRows.flatMap((vacancy, i) => [{ vacancyId: vacancy.id, themeId: id(themeRows, i % DEPARTMENTS) }, ...(i % 2 ? [{ vacancyId: vacancy.id, themeId: id(themeRows, i * 7 + 3) }] : [])]),
  );

  const imageRows = Array.from({ length: 100 }, (_, i) => {
    const imageId = uuidv7();
    return { id: imageId, originalKey: `images/${imageId}/original.jpg`, shareKey: `images/${imageId}/share.jpg`, mimeType: 'image/jpeg', width: 2400, height: 1600, bytes: 500_000, altText: `Photo ${i}`, createdAt: at };
  });
  await insertInBatches(database, images, imageRows);
  const audienceRows = await database.db.select({ id: audiences.id, key: audiences.key }).from(audiences);
  const shownTo = audienceRows.filter((a) => a.key === 'candidates' || a.key === 'colleagues');

  const storyRows: { id: string; [column: string]: unknown }[] = [];
  const themeLinks = [];
  const targets = [];
  const variants = [];
  const suggestions = [];
  for (let i = 0; i < STORIES; i++) {
    const storyId = uuidv7();
    storyRows.push({
      id: storyId,
      translationGroupId: uuidv7(),
      language: i % 2 === 0 ? 'nl' : 'en',
      format: storyFormats[i % (storyFormats.length - 1)],
      status: 'published',
      title: `Story ${i}: a day at work`,
      slug: `bench-story-${i}`,
      summary: `What colleague ${i} does, and why it matters.`,
      bodyMarkdown: Array.from({ length: 6 }, () => paragraph.repeat(3)).join('\n\n'),
      heroImageId: id(imageRows, i),
      publishedAt: new Date(now - i * 3_600_000),
      ...stamp,
    });
    themeLinks.push({ storyId, themeId: id(themeRows, i) }, { storyId, themeId: id(themeRows, i + 5) });
    // One story in five is for one department or team only.
    if (i % 7 === 1 || i % 7 === 4) targets.push({ storyId, groupId: id(departmentRows, i) });
    if (i % 20 === 9) targets.push({ storyId, groupId: id(teamRows, i) });
    for (const audience of shownTo) {
      const variantId = uuidv7();
      variants.push({ id: variantId, storyId, audienceId: audience.id, headline: `Headline ${i}`, teaser: `Teaser ${i}`, ...stamp });
      for (let s = 0; s < 2; s++) suggestions.push({ id: uuidv7(), variantId, network: 'linkedin', text: `Proud of colleague ${i}: read their story. (${s})`, position: s });
    }
  }
  await insertInBatches(database, stories, storyRows);
  await insertInBatches(database, storyThemes, themeLinks);
  await insertInBatches(database, storyTargetGroups, targets);
  await insertInBatches(database, storyVariants, variants);
  await insertInBatches(database, shareSuggestions, suggestions);

  // Three campaigns running today (for everyone, for a department, for a team) and some that ended.
  const campaignRows = [
    { slug: 'bench-everyone', storyIndexes: [3, 40, 200, 900, 2500, 4000], targetGroupId: null },
    { slug: 'bench-department', storyIndexes: [10, 300, 1200, 3000], targetGroupId: id(departmentRows, 0) },
    { slug: 'bench-team', storyIndexes: [25, 700, 4500], targetGroupId: id(teamRows, 5) },
    ...Array.from({ length: 5 }, (_, i) => ({ slug: `bench-past-${i}`, storyIndexes: [i * 50 + 7], targetGroupId: null, past: true })),
  ];
  for (const campaign of campaignRows) {
    const past = 'past' in campaign;
    const [row] = await database.db
      .insert(campaigns)
      .values({ slug: campaign.slug, name: campaign.slug, goal: 'recruitment', startsOn: dateOnly(now - (past ? 90 : 10) * DAY), endsOn: dateOnly(now + (past ? -30 : 20) * DAY) })
      .returning({ id: campaigns.id });
    if (!row) continue;
    await insertInBatches(database, campaignStories, campaign.storyIndexes.map((i) => ({ campaignId: row.id, storyId: storyRows[i]?.id as string })));
    if (campaign.targetGroupId) await database.db.insert(campaignTargetGroups).values({ campaignId: row.id, groupId: campaign.targetGroupId });
  }

  // Colleagues' shares on the newest thousand stories; one reader in three has shared one of the 30
  // newest stories (as people share what is on top of their feed), so their first page is their own.
  const candidates = shownTo.find((a) => a.key === 'candidates')?.id ?? null;
  const share = (personId: string, storyIndex: number) => ({
    id: uuidv7(),
    personId,
    itemType: 'story',
    storyId: storyRows[storyIndex]?.id as string,
    network: 'linkedin',
    audienceId: candidates,
    text: 'Proud of my colleague, read their story.',
    personalised: true,
    similarity: 0.2,
    createdAt: at,
  });
  const shareRows = Array.from({ length: 20_000 }, (_, i) => share(id(personRows, 10_000 + ((i * 7919) % 30_000)), (i * 31) % 1_000));
  const readers = (from: number, count: number) => personRows.slice(from, from + count).map((p) => p.id);
  const newReaders = readers(0, NEW_READERS);
  const coldReaders = readers(NEW_READERS, COLD_REQUESTS);
  const warmReaders = readers(PEOPLE - WARM_READERS, WARM_READERS);
  for (const [i, personId] of [...newReaders, ...coldReaders, ...warmReaders].entries()) if (i % 3 === 0) shareRows.push(share(personId, (i * 13) % 30));
  await insertInBatches(database, shares, shareRows);
  return { departmentNames: departmentRows.map((d) => d.name), sampleReader: personRows[PEOPLE - WARM_READERS - 1]?.id as string, warmReaders, newReaders, coldReaders };
}

/** Requests the path once per cookie, one at a time, moving the clock past every cache's lifetime before each. */
async function coldRequests(base: string, path: string, cookies: string[], clock: MovableClock): Promise<Figures> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const started = performance.now();
  for (const cookie of cookies) {
    clock.offset += 61_000;
    const t0 = performance.now();
    const response = await fetch(base + path, { headers: { cookie } });
    await response.arrayBuffer();
    latencies.push(performance.now() - t0);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (response.status !== 200) errors++;
  }
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0) * 100) / 100;
  return { requests: latencies.length, errors, non2xx: errors, reqPerSec: Math.round(latencies.length / ((performance.now() - started) / 1000)), medianMs: at(50), p95Ms: at(95), p99Ms: at(99), statuses };
}

/** A Greenhouse Job Board API answer (`/v1/boards/{token}/jobs?content=true`) with `count` jobs, HTML-escaped content as Greenhouse sends it. */
function greenhouseBoard(count: number, departments: string[], variant: 'first' | 'changed'): string {
  const keywords = ['Nurse', 'Developer', 'Engineer', 'Analyst', 'Manager', 'Advisor', 'Coordinator'];
  const jobs = [];
  for (let i = 0; i < count; i++) {
    // The changed feed drops 250 jobs and retitles 500 others.
    if (variant === 'changed' && i % 20 === 0) continue;
    const retitled = variant === 'changed' && i % 10 === 5;
    const html = `<h2>About the role</h2><p>${paragraph.repeat(4)}</p><ul>${Array.from({ length: 6 }, (_, k) => `<li>Responsibility ${k}: ${paragraph}</li>`).join('')}</ul><p><strong>What we offer</strong>: ${paragraph.repeat(2)}</p>`;
    jobs.push({
      id: 4_000_000 + i,
      internal_job_id: 1_000_000 + i,
      title: `${keywords[i % keywords.length]} ${i}${retitled ? ' (32 hours)' : ''}`,
      updated_at: '2026-11-01T09:00:00-05:00',
      requisition_id: `REQ-${i}`,
      location: { name: ['Utrecht', 'Amsterdam', 'Rotterdam'][i % 3] },
      absolute_url: `https://boards.greenhouse.io/bench/jobs/${4_000_000 + i}`,
      language: 'en',
      metadata: null,
      content: html.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;'),
      departments: [{ id: i % 25, name: i % 25 < departments.length ? departments[i % 25] : `Unknown department ${i % 25}`, child_ids: [], parent_id: null }],
      offices: [{ id: i % 3, name: 'Netherlands', location: 'Netherlands', child_ids: [], parent_id: null }],
      first_published: new Date(Date.now() - (i % 200) * DAY).toISOString(),
    });
  }
  return JSON.stringify({ jobs, meta: { total: jobs.length } });
}

/** Imports a 5,000-job Greenhouse feed through the API (add source, sync), then syncs it unchanged and changed. */
async function importRun(base: string, database: Database, departmentNames: string[]): Promise<Record<string, unknown>> {
  const bodies = { first: greenhouseBoard(IMPORT_JOBS, departmentNames, 'first'), changed: greenhouseBoard(IMPORT_JOBS, departmentNames, 'changed') };
  let serving: keyof typeof bodies = 'first';
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(bodies[serving]));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/boards/bench/jobs?content=true`;
  const { token } = await createApiToken(database.db, { name: 'bench recruiter', role: 'recruiter', personId: null, createdBy: null, now: new Date() });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  try {
    const created = await fetch(`${base}/api/v1/vacancy-sources`, { method: 'POST', headers, body: JSON.stringify({ type: 'greenhouse', url: feedUrl, name: 'Bench board' }) });
    if (created.status !== 201) throw new Error(`adding the source failed: ${created.status} ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    const sync = async () => {
      const started = performance.now();
      const response = await fetch(`${base}/api/v1/vacancy-sources/${id}/sync`, { method: 'POST', headers: { authorization: headers.authorization } });
      const report = (await response.json()) as Record<string, unknown>;
      const seconds = Math.round((performance.now() - started) / 10) / 100;
      return { seconds, status: response.status, report: { status: report.status, added: report.added, updated: report.updated, closed: report.closed, failed: report.failed, error: report.error } };
    };
    const first = await sync();
    const unchanged = await sync();
    serving = 'changed';
    const changed = await sync();
    return { jobs: IMPORT_JOBS, feedBytes: bodies.first.length, first, unchanged, changed };
  } finally {
    server.close();
  }
}

async function runEngine(engine: Engine): Promise<Record<string, unknown>> {
  let seeded: Seeded | null = null;
  const clock = new MovableClock();
  const seedTimed = async (database: Database) => {
    const started = Date.now();
    seeded = await seed(database);
    console.log(`${engine}: seeded ${STORIES} stories, ${VACANCIES} vacancies and ${PEOPLE} people in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  return withPodium(
    engine,
    seedTimed,
    async ({ database, base, ctx }) => {
      if (!seeded) throw new Error('not seeded');
      const { sampleReader, warmReaders, newReaders, coldReaders, departmentNames } = seeded as Seeded;
      const results: Record<string, unknown> = {};
      if (parts.includes('feed')) {
        const session = async (personId: string) => `podium_session=${await createSession(database.db, personId, 'bench', clock.now())}`;
        const sessions = async (ids: string[]) => {
          const cookies = [];
          for (const personId of ids) cookies.push(await session(personId));
          return cookies;
        };
        const [sample, warm, fresh, cold] = [await session(sampleReader), await sessions(warmReaders), await sessions(newReaders), await sessions(coldReaders)];

        // What each cold part costs alone, one query batch at a time: where a cold request's time goes.
        const median = async (work: () => Promise<unknown>) => {
          const times = [];
          for (let i = 0; i < 21; i++) {
            const t0 = performance.now();
            await work();
            times.push(performance.now() - t0);
          }
          return Math.round((times.sort((a, b) => a - b)[10] ?? 0) * 100) / 100;
        };
        const [audience] = await database.db.select().from(audiences).where(eq(audiences.key, 'candidates'));
        const newest = await database.db.select({ id: stories.id }).from(stories).orderBy(desc(stories.publishedAt)).limit(20);
        const today = dateOnly(Date.now());
        results.medianMsOfParts = {
          themePressure: await median(() => loadThemePressure(database.db, new Date())),
          pool: await median(() => loadPool(ctx, undefined, today, Date.now(), new Date())),
          cardsOf20Stories: await median(() => presentCards(ctx, newest.map((row) => row.id), { id: audience?.id ?? '', key: 'candidates', name: 'Candidates' }, 'en')),
        };
        console.log(`${engine} median ms of the parts of a cold feed request:`, results.medianMsOfParts);

        results.feedAllCachesCold = await coldRequests(base, '/api/v1/feed', cold, clock);
        console.log(`${engine} feed, every cache cold (one request at a time):`, results.feedAllCachesCold);
        results.feedNewReaders = await load({ url: base, paths: ['/api/v1/feed'], cookies: fresh, eachCookieOnce: true, connections: 10, seconds: SECONDS });
        console.log(`${engine} feed, each request a new reader with a group set of their own (10 connections):`, results.feedNewReaders);

        const response = await fetch(`${base}/api/v1/feed`, { headers: { cookie: sample } });
        const body = (await response.json()) as { items: { story: { title: string }; reasons: { key: string; theme?: string }[] }[] };
        results.feedBytes = JSON.stringify(body).length;
        results.sampleTopCards = body.items.slice(0, 5).map((item) => ({ title: item.story.title, reasons: item.reasons.map((r) => (r.theme ? `${r.key}:${r.theme}` : r.key)).join(', ') }));
        console.log(`${engine} one ambassador's first cards:`, results.sampleTopCards);

        const run = (path: string, seconds: number) => load({ url: base, paths: [path], cookies: warm, connections: CONNECTIONS, seconds });
        await run('/api/v1/feed', 3);
        results.feed = await profiled(`${engine}-feed-ranked`, () => run('/api/v1/feed', SECONDS));
        console.log(`${engine} ranked feed, steady state (${CONNECTIONS} connections, ${WARM_READERS} readers):`, results.feed);
        await run('/api/v1/me', 2);
        results.baselineMe = await run('/api/v1/me', SECONDS);
        console.log(`${engine} baseline: GET /api/v1/me, the same readers and load:`, results.baselineMe);
      }
      if (parts.includes('import')) {
        results.import = await importRun(base, database, departmentNames);
        console.log(`${engine} import of a ${IMPORT_JOBS}-job Greenhouse feed:`, results.import);
      }
      return results;
    },
    { env: { PODIUM_FETCH_ALLOW_HOSTS: '127.0.0.1' }, clock },
  );
}

const report: Record<string, unknown> = {
  at: new Date().toISOString(),
  stories: STORIES,
  vacancies: VACANCIES,
  people: PEOPLE,
  connections: CONNECTIONS,
  seconds: SECONDS,
  node: process.version,
  loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
};
const sampleBody = JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => ({ story: { id: uuidv7(), title: `Story ${i}` }, teaser: 'x'.repeat(900) })), nextCursor: null });
report.baselineBareHttp = await bareBaseline(
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(sampleBody);
  },
  { paths: ['/'], connections: CONNECTIONS, seconds: SECONDS },
);
console.log('baseline (bare node:http, a fixed JSON body of a feed page’s size):', report.baselineBareHttp);
for (const engine of engines) report[engine] = await runEngine(engine);
report.loadAverageAtEnd = loadavg().map((n) => Math.round(n * 100) / 100);
const figures = (engine: Engine) => report[engine] as { feed?: Figures; import?: { first: { seconds: number } } } | undefined;
report.targets = {
  feedP95AtMost30msPostgres: figures('postgres')?.feed ? (figures('postgres')?.feed?.p95Ms ?? Infinity) <= 30 : 'not run',
  importAtMost10sPostgres: figures('postgres')?.import ? (figures('postgres')?.import?.first.seconds ?? Infinity) <= 10 : 'not run',
  importAtMost10sPglite: figures('pglite')?.import ? (figures('pglite')?.import?.first.seconds ?? Infinity) <= 10 : 'not run',
};
writeResult('feed.json', report);
console.log(JSON.stringify(report, null, 2));
