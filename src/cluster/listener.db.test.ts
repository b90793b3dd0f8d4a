import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { testEngine } from '../../test/support/database.ts';
import type { AppContext } from '../context.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { invalidateStoryLinks, lookupStory } from '../links/cache.ts';
import { peopleChanged, peopleGeneration } from '../people/changes.ts';
import { CHANGES_CHANNEL, type ClusterListener, startClusterListener } from './listener.ts';

// LISTEN/NOTIFY is PostgreSQL's; the embedded engine is one node and starts no listener.
const skip = testEngine === 'postgres' ? false : 'PostgreSQL only (PODIUM_TEST_ENGINE=postgres)';
let t: TestApp;
let ctx: AppContext;
let listener: ClusterListener;
let other: pg.Client;
const heard: string[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  if (skip) return;
  t = await createTestApp();
  ctx = { ...t.ctx, config: { ...t.ctx.config, databaseUrl: t.db.url } };
  listener = await startClusterListener(ctx);
  // Another node, as far as this one can tell: a connection of its own on the same database.
  other = new pg.Client({ connectionString: t.db.url ?? '' });
  await other.connect();
  other.on('notification', (message) => heard.push(message.payload ?? ''));
  await other.query(`listen ${CHANGES_CHANNEL}`);
});
after(async () => {
  if (skip) return;
  await listener.stop();
  await other.end();
  await t.close();
});

async function until(check: () => boolean | Promise<boolean>, ms = 2_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(20);
  }
  return check();
}

test('a story edit on this node is announced to the others, and theirs make this node forget', { skip }, async () => {
  assert.equal(listener.listening, true);
  const story = await insertStory(t, { slug: 'announced' });
  invalidateStoryLinks(story.id);
  assert.ok(await until(() => heard.some((payload) => payload.endsWith(`|story|${story.id}`))), `heard ${JSON.stringify(heard)}`);

  const now = new Date();
  const known = await lookupStory(ctx.database.db, story.id, now);
  assert.equal(known?.slug, 'announced');
  await ctx.database.query('update stories set slug = $1 where id = $2', ['renamed', story.id]);
  assert.equal((await lookupStory(ctx.database.db, story.id, now))?.slug, 'announced', 'remembered within its time limit');
  await other.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, `another-node|story|${story.id}`]);
  assert.ok(await until(async () => (await lookupStory(ctx.database.db, story.id, now))?.slug === 'renamed'), 'forgotten at once when another node announces it');
});

test('people changes travel both ways: remembered sessions are dropped on every node', { skip }, async () => {
  const before = peopleGeneration(ctx);
  await other.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, 'another-node|people|']);
  assert.ok(await until(() => peopleGeneration(ctx) > before), 'another node’s change moves this node’s generation on');
  heard.length = 0;
  peopleChanged(ctx);
  assert.ok(await until(() => heard.some((payload) => payload.endsWith('|people|'))), 'this node’s change is announced');
});

test('after stop, nothing is announced or heard', { skip }, async () => {
  await listener.stop();
  assert.equal(listener.listening, false);
  heard.length = 0;
  peopleChanged(ctx);
  await sleep(200);
  assert.deepEqual(heard, []);
});
