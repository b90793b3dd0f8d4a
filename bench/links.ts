// `npm run bench:links`: short-link redirects with durable click recording, on loopback, in one run:
// (a) a bare node:http server answering a fixed 302 — the ceiling; (b) Podium on PostgreSQL;
// (c) Podium on PGlite; (d) (c) again while a 50,000-row people import runs. Every run checks
// that the clicks stored equal the redirects answered.
// Targets at 64 connections: PostgreSQL ≥ 50% of the ceiling with p99 ≤ 25 ms; PGlite ≥ 25%, and
// p99 ≤ 100 ms during the import.
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { createApiToken } from '../src/auth/api-tokens.ts';
import type { Database } from '../src/db/client.ts';
import { clicks, links, people, shares, stories } from '../src/db/schema/index.ts';
import { newLinkCode } from '../src/links/codes.ts';
import { laneOf } from '../src/links/recorder.ts';
import { type ClickInput, shareDimensionsOf, storeClickBatch } from '../src/links/store.ts';
import { POSTGRES_CLICK_LANES } from '../src/links/tracking.ts';
import { type Figures, load } from './load.ts';
import { bareBaseline, type Engine, engines, insertInBatches, profiled, type Running, SECONDS, withPodium, writeResult } from './support.ts';

const CONNECTIONS = 64;
const PEOPLE = 2_000;
const STORIES = 200;
const SHARES = 5_000;
const IMPORT_ROWS = 50_000;
const personBrowser = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1';
const headers = { 'user-agent': personBrowser, referer: 'https://www.linkedin.com/' };

/** People, published stories, and shares with their links, spread over the people and stories. */
async function seed(database: Database): Promise<string[]> {
  const now = new Date();
  const personIds = Array.from({ length: PEOPLE }, () => uuidv7());
  await insertInBatches(
    database,
    people,
    personIds.map((id, i) => ({ id, email: `ambassador${i}@bench.example`, name: `Ambassador ${i}`, roles: ['ambassador'], ambassadorStatus: 'active', createdAt: now, updatedAt: now })),
  );
  const storyIds = Array.from({ length: STORIES }, () => uuidv7());
  await insertInBatches(
    database,
    stories,
    storyIds.map((id, i) => ({
      id,
      translationGroupId: uuidv7(),
      language: 'nl',
      format: 'interview',
      status: 'published',
      title: `Story ${i}`,
      slug: `links-story-${i}`,
      summary: `Summary ${i}`,
      bodyMarkdown: 'Body.',
      publishedAt: now,
      createdAt: now,
      updatedAt: now,
    })),
  );
  const shareRows = Array.from({ length: SHARES }, (_, i) => ({
    id: uuidv7(),
    personId: personIds[i % PEOPLE],
    itemType: 'story',
    storyId: storyIds[i % STORIES],
    network: ['linkedin', 'x', 'facebook', 'whatsapp'][i % 4],
    text: 'In my own words',
    personalised: true,
    similarity: 0,
    createdAt: now,
  }));
  await insertInBatches(database, shares, shareRows);
  const codes = shareRows.map(() => newLinkCode());
  await insertInBatches(
    database,
    links,
    shareRows.map((share, i) => ({ code: codes[i], shareId: share.id, itemType: 'story', storyId: share.storyId, createdAt: now })),
  );
  return codes;
}

/** A 50,000-row people CSV, as an admin would upload it. */
function importFile(): string {
  const rows = ['email,name,department,location,language'];
  for (let i = 0; i < IMPORT_ROWS; i++) rows.push(`imported${i}@bench.example,Imported Colleague ${i},Department ${i % 40},Location ${i % 12},${i % 3 === 0 ? 'en' : 'nl'}`);
  return `${rows.join('\n')}\n`;
}

const redirects = (figures: Figures) => figures.statuses['302'] ?? 0;

async function runEngine(engine: Engine, duringImport: boolean): Promise<Record<string, unknown>> {
  let codes: string[] = [];
  return withPodium(
    engine,
    async (database) => {
      codes = await seed(database);
    },
    async (running: Running) => {
      const paths = codes.map((code) => `/l/${code}`);
      // Redirects the server finished sending. The load generator stops with requests in flight,
      // so it reads a few less than were sent; every one sent must have its click.
      // A request the client gave up on before its answer still had its click stored first (the
      // answer waits for the click): such clicks are counted apart.
      let redirectsSent = 0;
      let cutOff = 0;
      running.app.server.on('request', (_request, response) => {
        response.on('finish', () => {
          if (response.statusCode === 302) redirectsSent++;
        });
        response.on('close', () => {
          if (!response.writableFinished) cutOff++;
        });
      });
      const run = (seconds: number) => load({ url: running.base, paths, headers, connections: CONNECTIONS, seconds });
      // Warm-up: every link is opened once (so it is in memory, as on a busy link host), then 2 s of load.
      let opened = 0;
      let next = 0;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (next < paths.length) {
            const response = await fetch(running.base + paths[next++], { redirect: 'manual', headers });
            await response.arrayBuffer();
            if (response.status === 302) opened++;
          }
        }),
      );
      const warmUp = await run(2);
      let importSeconds: number | null = null;
      let importStatus = 'not run';
      let loadFigures: Figures;
      const name = `${engine}${duringImport ? '-import' : ''}-links`;
      if (duringImport) {
        const { token } = await createApiToken(running.database.db, { name: 'bench admin', role: 'admin', personId: null, createdBy: null, now: new Date() });
        const started = performance.now();
        const upload = await fetch(`${running.base}/api/v1/people/imports?invite=false`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
          body: importFile(),
        });
        if (upload.status >= 300) throw new Error(`import upload failed: ${upload.status} ${await upload.text()}`);
        const { id } = (await upload.json()) as { id: string };
        const watch = (async () => {
          for (;;) {
            const state = (await (await fetch(`${running.base}/api/v1/people/imports/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { status: string };
            if (state.status !== 'running' && state.status !== 'pending') {
              importStatus = state.status;
              importSeconds = Math.round((performance.now() - started) / 100) / 10;
              return;
            }
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        })();
        loadFigures = await profiled(name, () => run(SECONDS));
        const finishedDuringLoad = importSeconds !== null;
        await watch;
        importStatus = `${importStatus}${finishedDuringLoad ? '' : ' (after the load ended)'}`;
      } else {
        loadFigures = await profiled(name, () => run(SECONDS));
      }
      // Closing writes every pending batch; then the stored clicks must equal the redirects answered.
      await running.app.close();
      const [stored] = await running.database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(clicks);
      const received = opened + redirects(warmUp) + redirects(loadFigures);
      const result = {
        ...loadFigures,
        redirectsReceivedByClient: received,
        redirectsSent,
        requestsCutOffByClient: cutOff,
        clicksStored: stored?.n ?? 0,
        allClicksStored: redirectsSent + cutOff === stored?.n && received <= redirectsSent,
        importSeconds,
        importStatus,
      };
      console.log(`${name}:`, result);
      return result;
    },
  );
}

/**
 * The click writer alone, without HTTP: how many clicks per second one writer (and, on PostgreSQL,
 * the redirect path's lanes side by side) stores with their rollups at a few batch sizes, back to
 * back — the database side's share of the redirect's cost.
 */
async function writerAlone(engine: Engine): Promise<Record<string, number>> {
  let codes: string[] = [];
  return withPodium(
    engine,
    async (database) => {
      codes = await seed(database);
    },
    async ({ database }) => {
      const seeded = await database.db.select({ code: links.code, shareId: links.shareId }).from(links);
      const dimensions = await shareDimensionsOf(database.db, seeded.map((link) => link.shareId));
      const click = (): ClickInput => {
        const link = seeded[Math.floor(Math.random() * seeded.length)];
        const share = link && dimensions.get(link.shareId);
        if (!link || !share) throw new Error('the seeded links are missing');
        return { id: uuidv7(), linkCode: link.code, occurredAt: new Date(), kind: 'visit', bot: false, device: 'mobile', referrerHost: 'www.linkedin.com', visitorHash: uuidv7(), share };
      };
      const figures: Record<string, number> = {};
      // One writer at a time, then (PostgreSQL) four side by side as the redirect path's lanes write, each its own links.
      const writers = engine === 'postgres' ? [1, POSTGRES_CLICK_LANES] : [1];
      for (const lanes of writers) {
        for (const size of [64, 128, 256]) {
          const until = performance.now() + 3_000;
          let stored = 0;
          const started = performance.now();
          const writer = async (lane: number) => {
            const ours = () => {
              for (;;) {
                const next = click();
                if (laneOf(next.linkCode, lanes) === lane) return next;
              }
            };
            while (performance.now() < until) stored += (await storeClickBatch(database, Array.from({ length: size }, ours))).length;
          };
          await Promise.all(Array.from({ length: lanes }, (_, lane) => writer(lane)));
          figures[lanes === 1 ? `batchOf${size}ClicksPerSec` : `${lanes}LanesBatchOf${size}ClicksPerSec`] = Math.round(stored / ((performance.now() - started) / 1000));
        }
      }
      console.log(`${engine} click writer alone:`, figures, `(${codes.length} links)`);
      return figures;
    },
  );
}

const report: Record<string, unknown> = { at: new Date().toISOString(), connections: CONNECTIONS, seconds: SECONDS, links: SHARES, node: process.version };
const target = 'https://www.example.org/stories/a-day-at-work?utm_source=linkedin&utm_medium=employee_advocacy';
const ceiling = await bareBaseline(
  (_request, response) => {
    response.writeHead(302, { location: target, 'cache-control': 'no-store' });
    response.end();
  },
  { paths: ['/l/abcdefgh'], headers, connections: CONNECTIONS, seconds: SECONDS },
);
report.ceilingBareHttp = ceiling;
console.log('ceiling (bare node:http, fixed 302):', ceiling);
const ratio = (figures: unknown) => (figures && typeof figures === 'object' && 'reqPerSec' in figures ? Math.round(((figures as Figures).reqPerSec / ceiling.reqPerSec) * 1000) / 1000 : null);
if (engines.includes('postgres')) report.postgres = await runEngine('postgres', false);
if (engines.includes('pglite')) {
  report.pglite = await runEngine('pglite', false);
  report.pgliteDuringImport = await runEngine('pglite', true);
}
const writerFigures: Record<string, Record<string, number>> = {};
for (const engine of engines) writerFigures[engine] = await writerAlone(engine);
report.clickWriterAlone = writerFigures;
const figures = (key: string) => report[key] as (Figures & { allClicksStored: boolean }) | undefined;
report.ratios = { postgres: ratio(report.postgres), pglite: ratio(report.pglite), pgliteDuringImport: ratio(report.pgliteDuringImport) };
report.targets = {
  postgresAtLeastHalfOfCeiling: (ratio(report.postgres) ?? 0) >= 0.5,
  postgresP99AtMost25ms: (figures('postgres')?.p99Ms ?? Infinity) <= 25,
  pgliteAtLeastQuarterOfCeiling: (ratio(report.pglite) ?? 0) >= 0.25,
  pgliteP99DuringImportAtMost100ms: (figures('pgliteDuringImport')?.p99Ms ?? Infinity) <= 100,
  everyAnsweredClickStored: ['postgres', 'pglite', 'pgliteDuringImport'].every((key) => !report[key] || figures(key)?.allClicksStored === true),
};
writeResult('links.json', report);
console.log(JSON.stringify({ ratios: report.ratios, targets: report.targets }, null, 2));
