// Two `podium serve` processes on one PostgreSQL database, as a load balancer would see them: a
// session made on one works on the other (and its end too), a story published through one is shared
// and opened through the other (and an edit reaches the other at once, not after the cache's
// time limit), rate limits count across both, clicks hitting both add up exactly, a scheduled job
// runs once across the nodes, and a node killed with SIGKILL loses no answered click. Needs PODIUM_TEST_DATABASE_URL.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { hash } from '@node-rs/argon2';
import { inArray } from 'drizzle-orm';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { clicks, people } from '../../src/db/schema/index.ts';
import { driveRedirects, seedLinks, startServerProcess } from '../durability/support.ts';

const adminUrl = process.env.PODIUM_TEST_DATABASE_URL;
const PASSWORD = 'correct horse battery staple';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Node = Awaited<ReturnType<typeof startServerProcess>>;

/** A browser's session on one node: its cookie and CSRF token, usable on any node. */
async function signIn(node: Node, email: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${node.url}/api/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  assert.equal(response.status, 200, await response.clone().text());
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await response.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

async function call(node: Node, session: { cookie: string; csrf: string }, method: string, url: string, body?: unknown) {
  const response = await fetch(`${node.url}${url}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

async function location(node: Node, code: string): Promise<string> {
  const response = await fetch(`${node.url}/l/${code}`, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36' } });
  await response.arrayBuffer();
  assert.equal(response.status, 302);
  const target = new URL(response.headers.get('location') ?? '');
  return `${target.origin}${target.pathname}`;
}

async function storedClicks(database: Database, ids: string[]): Promise<Set<string>> {
  const stored = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await database.db.select({ id: clicks.id }).from(clicks).where(inArray(clicks.id, ids.slice(i, i + 1000)));
    for (const row of rows) stored.add(row.id);
  }
  return stored;
}

test('two nodes on one PostgreSQL database behave as one Podium', { skip: adminUrl ? false : 'set PODIUM_TEST_DATABASE_URL', timeout: 150_000 }, async () => {
  const name = `podium_mn_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl as string);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dirs = ['a', 'b', 'worker'].map((node) => mkdtempSync(path.join(tmpdir(), `podium-node-${node}-`)));
  const env = (dir: string) => ({ DATABASE_URL: databaseUrl, PODIUM_DATA_DIR: dir, PODIUM_SECRET_KEY: 'multinode-test-secret-key-long-enough-0123456' });
  const nodes: Node[] = [];
  const database = await openDatabase({ databaseUrl, dataDir: '' });
  try {
    await database.migrate();
    const codes = await seedLinks(database, 20);
    const now = new Date();
    const passwordHash = await hash(PASSWORD);
    await database.db.insert(people).values([
      { id: uuidv7(), email: 'editor@multinode.example', name: 'Editor', roles: ['admin', 'editor'], passwordHash, createdAt: now, updatedAt: now },
      { id: uuidv7(), email: 'sharer@multinode.example', name: 'Sharer', roles: ['ambassador'], ambassadorStatus: 'active', passwordHash, createdAt: now, updatedAt: now },
    ]);
    const [a, b] = await Promise.all(dirs.slice(0, 2).map((dir) => startServerProcess(env(dir))));
    nodes.push(a as Node, b as Node);
    const [nodeA, nodeB] = nodes as [Node, Node];

    const startedAt = new Date();

    // 1. Signed in on A → signed in on B; signed out on A → signed out on B at once.
    const editor = await signIn(nodeA, 'editor@multinode.example');
    assert.equal((await call(nodeB, editor, 'GET', '/api/auth/session')).status, 200, 'the session made on A is known to B');
    const leaving = await signIn(nodeB, 'sharer@multinode.example');
    assert.equal((await call(nodeB, leaving, 'GET', '/api/auth/session')).status, 200);
    assert.equal((await call(nodeA, leaving, 'POST', '/api/auth/sign-out')).status, 204);
    // B remembers a session for 5 s; A's announcement makes it forget at once (well within a second).
    const signedOutAt = Date.now();
    let after = await call(nodeB, leaving, 'GET', '/api/auth/session');
    while (after.status === 200 && Date.now() - signedOutAt < 1_000) after = await call(nodeB, leaving, 'GET', '/api/auth/session');
    assert.equal(after.status, 401, 'B, which had just seen the session, forgets it when A ends it');

    // 2. Published through A, shared and opened through B; an edit on A reaches B's link cache at once.
    const created = await call(nodeA, editor, 'POST', '/api/v1/stories', { title: 'Night shift', language: 'en', format: 'news', externalUrl: 'https://careers.example/night-shift' });
    assert.equal(created.status, 201, created.text);
    const storyId = created.json().id as string;
    for (const to of ['in_review', 'approved', 'published']) {
      const moved = await call(nodeA, editor, 'POST', `/api/v1/stories/${storyId}/transitions`, { to });
      assert.equal(moved.status, 200, moved.text);
    }
    const sharer = await signIn(nodeB, 'sharer@multinode.example');
    const feed = await call(nodeB, sharer, 'GET', '/api/v1/feed');
    assert.ok(feed.text.includes(storyId), 'B shows the story published through A in the feed');
    const shared = await call(nodeB, sharer, 'POST', '/api/v1/shares', { storyId, network: 'linkedin', audience: 'candidates', text: 'What a night shift is really like' });
    assert.equal(shared.status, 201, shared.text);
    const code = String(shared.json().shortUrl).split('/').at(-1) ?? '';
    assert.equal(await location(nodeA, code), 'https://careers.example/night-shift');
    assert.equal(await location(nodeB, code), 'https://careers.example/night-shift');
    const edited = await call(nodeA, editor, 'PATCH', `/api/v1/stories/${storyId}`, { externalUrl: 'https://careers.example/nights' });
    assert.equal(edited.status, 200, edited.text);
    const editedAt = Date.now();
    let seen = await location(nodeB, code);
    while (seen !== 'https://careers.example/nights' && Date.now() - editedAt < 1_500) seen = await location(nodeB, code);
    assert.equal(seen, 'https://careers.example/nights', 'B follows the edit well within its 5 s story cache time');

    // 3. Rate limits count across both nodes: the sign-in limit (20 per 10 minutes per address) is one limit.
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const node = i % 2 === 0 ? nodeA : nodeB;
      const response = await fetch(`${node.url}/api/auth/magic-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `nobody${i}@multinode.example` }) });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(202));
    assert.equal(statuses[20], 429, 'the 21st request is over the limit, though each node saw only about 10');

    // 4. Clicks hitting both nodes add up exactly: every answered redirect is one stored click.
    const loadA = driveRedirects(nodeA.url, codes, 6);
    const loadB = driveRedirects(nodeB.url, codes, 6);
    await sleep(2_000);
    await Promise.all([loadA.stop(), loadB.stop()]);
    assert.deepEqual([...loadA.failures, ...loadB.failures], []);
    const answered = [...loadA.received, ...loadB.received];
    assert.ok(loadA.received.length > 50 && loadB.received.length > 50, `${loadA.received.length} + ${loadB.received.length} redirects`);
    const [{ n: total } = { n: -1 }] = await database.query<{ n: number }>('select count(*)::int as n from clicks where link_code = any($1)', [codes]);
    assert.equal(total, answered.length, 'clicks stored == redirects answered by both nodes');
    assert.equal((await storedClicks(database, answered)).size, answered.length);

    // 5. SIGKILL of B under load loses no answered click; B replays its own spool when it comes back.
    const beforeKillA = driveRedirects(nodeA.url, codes, 6);
    const beforeKillB = driveRedirects(nodeB.url, codes, 6);
    while (beforeKillB.received.length < 200) await sleep(20);
    nodeB.child.kill('SIGKILL');
    await new Promise((resolve) => nodeB.child.once('exit', resolve));
    await sleep(300);
    await Promise.all([beforeKillA.stop(), beforeKillB.stop()]);
    assert.deepEqual(beforeKillA.failures, [], 'A kept answering while B died');
    // B comes back as a web node (no job workers), beside a worker node that answers /healthz only.
    const [restarted, worker] = await Promise.all([startServerProcess({ ...env(dirs[1] as string), PODIUM_ROLE: 'web' }), startServerProcess({ ...env(dirs[2] as string), PODIUM_ROLE: 'worker' })]);
    nodes[1] = restarted;
    nodes.push(worker);
    assert.equal((await fetch(`${worker.url}/healthz`)).status, 200);
    for (const path of ['/api/auth/session', `/l/${code}`, '/']) assert.equal((await fetch(`${worker.url}${path}`, { redirect: 'manual' })).status, 404, `a worker node does not answer ${path}`);
    assert.equal(await location(restarted, code), 'https://careers.example/nights', 'the web node answers links');
    const killedPhase = [...beforeKillA.received, ...beforeKillB.received];
    const stored = await storedClicks(database, killedPhase);
    const missing = killedPhase.filter((id) => !stored.has(id));
    assert.deepEqual(missing, [], `${missing.length} of ${killedPhase.length} answered clicks are missing`);

    // 6. A scheduled job runs once, though both nodes schedule it and both run pg-boss's scheduler.
    // The nightly jobs (retention at 03:17, personas, gap snapshots) cannot come due inside a test;
    // the webhook sweep, scheduled the same way every minute, can: one job per minute, not two.
    const [{ n: schedules } = { n: 0 }] = await database.query<{ n: number }>("select count(*)::int as n from pgboss.schedule where name = 'privacy.retention'");
    assert.equal(schedules, 1, 'the nightly retention is one schedule, whichever node registered it');
    let runs: { state: string; slot: string }[] = [];
    while (Date.now() - startedAt.getTime() < 75_000) {
      runs = await database.query("select state, singleton_on::text as slot from pgboss.job where name = 'webhooks.sweep' and created_on >= $1", [startedAt]);
      if (runs.some((run) => run.state === 'completed')) break;
      await sleep(500);
    }
    assert.ok(runs.some((run) => run.state === 'completed'), `the every-minute job ran: ${JSON.stringify(runs)}`);
    const perSlot = new Map<string, number>();
    for (const run of runs) perSlot.set(run.slot, (perSlot.get(run.slot) ?? 0) + 1);
    assert.deepEqual([...perSlot.values()].filter((count) => count > 1), [], `one job per minute: ${JSON.stringify(runs)}`);
  } finally {
    for (const node of nodes) if (node.child.exitCode === null) node.child.kill('SIGKILL');
    await database.close().catch(() => {});
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
});
