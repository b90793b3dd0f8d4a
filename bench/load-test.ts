// `npm run bench:load`: two `podium serve` nodes on one PostgreSQL database, 1,000 ambassadors
// (each with a session of their own) browsing the feed and sharing, and visitors opening the shared
// links, for PODIUM_BENCH_SECONDS (60 by default). Reports requests, errors and p50/p95/p99 per
// route, and checks that the clicks stored equal the redirects answered. Writes bench/results/load.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { csrfTokenFor } from '../src/auth/sessions.ts';
import { hashToken, newToken } from '../src/auth/tokens.ts';
import { openDatabase } from '../src/db/client.ts';
import { people, sessions, stories } from '../src/db/schema/index.ts';
import { personBrowser, seedLinks, startServerProcess } from '../test/durability/support.ts';

const SECONDS = Number(process.env.PODIUM_BENCH_SECONDS ?? 60);
const AMBASSADORS = Number(process.env.PODIUM_BENCH_AMBASSADORS ?? 1000);
/** Ambassadors and visitors acting at the same moment (each iteration picks a random ambassador). */
const CONCURRENCY = Number(process.env.PODIUM_BENCH_CONCURRENCY ?? 48);
const adminUrl = process.env.PODIUM_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const secretKey = 'load-bench-secret-key-that-is-long-enough-012345';

type Route = 'GET /api/v1/feed' | 'POST /api/v1/shares' | 'GET /l/:code';
const latencies: Record<Route, number[]> = { 'GET /api/v1/feed': [], 'POST /api/v1/shares': [], 'GET /l/:code': [] };
const errors: Record<Route, number> = { 'GET /api/v1/feed': 0, 'POST /api/v1/shares': 0, 'GET /l/:code': 0 };
const errorSamples: string[] = [];
let redirectsAnswered = 0;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number) => Math.round(n * 100) / 100;

async function timed(route: Route, expected: number, send: () => Promise<Response>): Promise<Response | null> {
  const started = performance.now();
  try {
    const response = await send();
    const body = await response.arrayBuffer();
    latencies[route].push(performance.now() - started);
    if (response.status !== expected) {
      errors[route]++;
      if (errorSamples.length < 10) errorSamples.push(`${route} ${response.status} ${Buffer.from(body).toString().slice(0, 200)}`);
      return null;
    }
    return new Response(body, { status: response.status, headers: response.headers });
  } catch (error) {
    errors[route]++;
    if (errorSamples.length < 10) errorSamples.push(`${route} ${String((error as Error).cause ?? error)}`);
    return null;
  }
}

const name = `podium_load_${process.pid}_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const databaseUrl = url.toString();
const dirs = [mkdtempSync(path.join(tmpdir(), 'podium-load-a-')), mkdtempSync(path.join(tmpdir(), 'podium-load-b-'))];
const database = await openDatabase({ databaseUrl, dataDir: '' });
const nodes: Awaited<ReturnType<typeof startServerProcess>>[] = [];
try {
  await database.migrate();
  // Published stories to browse and share (seedLinks adds one with 20 links), and the ambassadors.
  const visitorCodes = await seedLinks(database, 20);
  const now = new Date();
  for (let i = 0; i < 19; i++) {
    await database.db.insert(stories).values({ id: uuidv7(), translationGroupId: uuidv7(), language: 'en', format: 'news', status: 'published', title: `Story ${i}`, slug: `story-${i}`, summary: 'What the work is like.', bodyMarkdown: 'Body.', publishedAt: new Date(now.getTime() - i * 3_600_000), createdAt: now, updatedAt: now });
  }
  const ambassadors: { cookie: string; csrf: string }[] = [];
  const personRows = [];
  const sessionRows = [];
  for (let i = 0; i < AMBASSADORS; i++) {
    const id = uuidv7();
    const token = newToken();
    personRows.push({ id, email: `ambassador${i}@load.example`, name: `Ambassador ${i}`, roles: ['ambassador' as const], ambassadorStatus: 'active' as const, createdAt: now, updatedAt: now });
    sessionRows.push({ tokenHash: hashToken(token), personId: id, method: 'magic_link', createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 86_400_000) });
    ambassadors.push({ cookie: `podium_session=${token}`, csrf: csrfTokenFor(secretKey, hashToken(token)) });
  }
  for (let i = 0; i < personRows.length; i += 500) await database.db.insert(people).values(personRows.slice(i, i + 500));
  for (let i = 0; i < sessionRows.length; i += 500) await database.db.insert(sessions).values(sessionRows.slice(i, i + 500));
  const storyIds = (await database.query<{ id: string }>("select id from stories where status = 'published'")).map((row) => row.id);
  await database.query('analyze');

  const env = (dir: string) => ({ DATABASE_URL: databaseUrl, PODIUM_DATA_DIR: dir, PODIUM_SECRET_KEY: secretKey, PODIUM_LOG_LEVEL: 'error' });
  nodes.push(...(await Promise.all(dirs.map((dir) => startServerProcess(env(dir))))));
  const bases = nodes.map((node) => node.url);
  const codes = [...visitorCodes];
  let running = true;
  let turn = 0;

  // Each loop is one person at a time: mostly an ambassador browsing the feed and now and then
  // sharing, and visitors opening the links shared so far; requests alternate between the nodes.
  const loop = async () => {
    while (running) {
      const base = bases[turn++ % bases.length] as string;
      const roll = Math.random();
      if (roll < 0.6) {
        const code = codes[Math.floor(Math.random() * codes.length)] as string;
        const response = await timed('GET /l/:code', 302, () => fetch(`${base}/l/${code}`, { redirect: 'manual', headers: { 'user-agent': personBrowser } }));
        if (response) redirectsAnswered++;
      } else {
        const person = ambassadors[Math.floor(Math.random() * ambassadors.length)] as { cookie: string; csrf: string };
        if (roll < 0.9) {
          await timed('GET /api/v1/feed', 200, () => fetch(`${base}/api/v1/feed`, { headers: { cookie: person.cookie } }));
        } else {
          const storyId = storyIds[Math.floor(Math.random() * storyIds.length)];
          const response = await timed('POST /api/v1/shares', 201, () =>
            fetch(`${base}/api/v1/shares`, {
              method: 'POST',
              headers: { cookie: person.cookie, 'x-csrf-token': person.csrf, 'content-type': 'application/json' },
              body: JSON.stringify({ storyId, network: 'linkedin', audience: 'candidates', text: 'In my own words: a look at our work.' }),
            }),
          );
          if (response) {
            const body = (await response.json()) as { shortUrl: string };
            codes.push(body.shortUrl.split('/').at(-1) ?? '');
          }
        }
      }
    }
  };
  const started = performance.now();
  const loops = Array.from({ length: CONCURRENCY }, loop);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  running = false;
  await Promise.all(loops);
  const elapsed = (performance.now() - started) / 1000;

  // A graceful stop writes every pending batch; then count what the database holds.
  await Promise.all(
    nodes.map((node) => {
      node.child.kill('SIGTERM');
      return new Promise((resolve) => node.child.once('exit', resolve));
    }),
  );
  const [{ n: clicksStored } = { n: -1 }] = await database.query<{ n: number }>('select count(*)::int as n from clicks');
  const routes = Object.fromEntries(
    (Object.keys(latencies) as Route[]).map((route) => {
      const sorted = [...latencies[route]].sort((x, y) => x - y);
      return [route, { requests: sorted.length, errors: errors[route], perSecond: round(sorted.length / elapsed), p50Ms: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)), p99Ms: round(percentile(sorted, 99)) }];
    }),
  );
  const totalErrors = Object.values(errors).reduce((sum, n) => sum + n, 0);
  const result = {
    benchmark: 'load',
    at: new Date().toISOString(),
    setup: { nodes: 2, engine: 'postgres', ambassadors: AMBASSADORS, concurrency: CONCURRENCY, seconds: round(elapsed), cpus: (await import('node:os')).cpus().length },
    routes,
    errors: totalErrors,
    errorSamples,
    redirectsAnswered,
    clicksStored,
    clicksMatch: clicksStored === redirectsAnswered,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/load.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  if (totalErrors > 0 || !result.clicksMatch) process.exitCode = 1;
} finally {
  for (const node of nodes) if (node.child.exitCode === null) node.child.kill('SIGKILL');
  await database.close().catch(() => {});
  await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
  await admin.end();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
