import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/client.ts';
import { clickRollupsDaily, clicks } from '../db/schema/index.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildShare } from '../../test/support/tracking.ts';
import { ClickRecorder, defaultRecorderOptions, laneOf } from './recorder.ts';
import { type ClickInput, shareDimensionsOf } from './store.ts';

let t: TestApp;
let spoolRoot: string;
before(async () => {
  t = await createTestApp();
  spoolRoot = mkdtempSync(path.join(tmpdir(), 'podium-spool-'));
});
after(async () => {
  await t.close();
  rmSync(spoolRoot, { recursive: true, force: true });
});

/** The real database, or — while `down.value` is set — one whose transactions fail as if PostgreSQL were unreachable. */
function switchable(database: Database, down: { value: boolean }): Database {
  const db = new Proxy(database.db, {
    get(target, property, receiver) {
      if ((property === 'execute' || property === 'transaction') && down.value) return () => Promise.reject(new Error('connect ECONNREFUSED'));
      return Reflect.get(target, property, receiver);
    },
  });
  const refused = () => Promise.reject(new Error('connect ECONNREFUSED'));
  return { ...database, db, queryPrepared: (name, text, params) => (down.value ? refused() : database.queryPrepared(name, text, params)) };
}

async function clicksFor(count: number): Promise<{ shareId: string; batch: ClickInput[] }> {
  const story = await insertStory(t);
  const share = await buildShare(t, story.id);
  const dimensions = (await shareDimensionsOf(t.ctx.database.db, [share.shareId])).get(share.shareId);
  assert.ok(dimensions);
  const batch = Array.from({ length: count }, (_, i) => ({
    id: uuidv7(),
    linkCode: share.code,
    occurredAt: new Date(Date.parse('2026-04-01T12:00:00Z') + i * 1000),
    kind: 'visit' as const,
    bot: false,
    device: 'mobile' as const,
    referrerHost: 'lnkd.in',
    visitorHash: `visitor-${i}`,
    share: dimensions,
  }));
  return { shareId: share.shareId, batch };
}

const storedCount = async (shareId: string) => (await t.ctx.database.db.select({ id: clicks.id }).from(clicks).where(eq(clicks.shareId, shareId))).length;

test('concurrent clicks are committed together, each answered only after its batch is stored', async () => {
  const recorder = new ClickRecorder(t.ctx.database, t.ctx.log, { ...defaultRecorderOptions, spoolDir: path.join(spoolRoot, 'group') });
  const { shareId, batch } = await clicksFor(300);
  await Promise.all(batch.map(async (click) => {
    await recorder.record(click);
    const [row] = await t.ctx.database.db.select({ id: clicks.id }).from(clicks).where(eq(clicks.id, click.id));
    assert.ok(row, 'the click is in the database when record() resolves');
  }));
  assert.equal(await storedCount(shareId), 300);
  assert.ok(recorder.batchesWritten > 0 && recorder.batchesWritten <= 10, `300 clicks in ${recorder.batchesWritten} batches`);
  await recorder.close();
});

test('with several lanes every link keeps one lane, and a visitor’s repeat on a link counts once however the batches overlap', async () => {
  const recorder = new ClickRecorder(t.ctx.database, t.ctx.log, { ...defaultRecorderOptions, lanes: 4, spoolDir: path.join(spoolRoot, 'lanes') });
  const links = await Promise.all(Array.from({ length: 12 }, () => clicksFor(2)));
  const lanes = new Set(links.map(({ batch }) => laneOf((batch[0] as ClickInput).linkCode, 4)));
  assert.ok(lanes.size > 1, 'twelve links spread over more than one lane');
  for (const { batch } of links) for (const click of batch) assert.equal(laneOf(click.linkCode, 4), laneOf(click.linkCode, 4));
  // Each link: one visitor opens it twice, 10 s apart — the first while other lanes are writing.
  const repeat = (click: ClickInput, seconds: number): ClickInput => ({ ...click, visitorHash: 'same-visitor', occurredAt: new Date(Date.parse('2026-04-02T09:00:00Z') + seconds * 1000) });
  const firsts = links.map(({ batch }) => recorder.record(repeat(batch[0] as ClickInput, 0)));
  await new Promise((resolve) => setTimeout(resolve, 2));
  await Promise.all([...firsts, ...links.map(({ batch }) => recorder.record(repeat(batch[1] as ClickInput, 10)))]);
  for (const { shareId } of links) {
    const rows = await t.ctx.database.db.select({ unique: clicks.uniqueClick }).from(clicks).where(eq(clicks.shareId, shareId));
    assert.deepEqual(rows.map((row) => row.unique).sort(), [false, true], 'the second opening is a repeat');
    const [day] = await t.ctx.database.db.select().from(clickRollupsDaily).where(eq(clickRollupsDaily.shareId, shareId));
    assert.equal(day?.humanClicks, 2);
    assert.equal(day?.uniqueClicks, 1);
    assert.equal(day?.visitors, 1);
  }
  await recorder.close();
});

test('while the database is away clicks go to the spool, and are replayed once, exactly, when it is back', async () => {
  const down = { value: true };
  const spoolDir = path.join(spoolRoot, 'outage');
  const recorder = new ClickRecorder(switchable(t.ctx.database, down), t.ctx.log, { ...defaultRecorderOptions, retryMs: 60_000, spoolDir });
  const { shareId, batch } = await clicksFor(40);
  await Promise.all(batch.slice(0, 25).map((click) => recorder.record(click)));
  assert.equal(recorder.healthy, false);
  assert.equal(await storedCount(shareId), 0);
  const spooled = readdirSync(spoolDir);
  assert.equal(spooled.length, 1);
  assert.equal(readFileSync(path.join(spoolDir, spooled[0] ?? ''), 'utf8').trim().split('\n').length, 25, 'every answered click is on disk');
  // Still away: later clicks go straight to the spool.
  await Promise.all(batch.slice(25).map((click) => recorder.record(click)));

  await assert.rejects(recorder.replay(), /ECONNREFUSED/);
  down.value = false;
  assert.equal(await recorder.replay(), 40);
  assert.equal(recorder.healthy, true);
  assert.deepEqual(readdirSync(spoolDir), [], 'replayed files are deleted');
  assert.equal(await storedCount(shareId), 40);
  assert.equal(await recorder.replay(), 0, 'nothing left to replay');
  const [daily] = await t.ctx.database.db.select().from(clickRollupsDaily).where(eq(clickRollupsDaily.shareId, shareId));
  assert.equal(daily?.humanClicks, 40, 'rollups count each click once');
  await recorder.close();
});

test('a spool left by a crash is replayed at the next start, skipping a last line cut short', async () => {
  const spoolDir = path.join(spoolRoot, 'crash');
  const { shareId, batch } = await clicksFor(3);
  const lines = batch.map((click) => JSON.stringify(click));
  mkdirSync(spoolDir, { recursive: true });
  writeFileSync(path.join(spoolDir, 'clicks-1-1-aa.jsonl'), `${lines[0]}\n${lines[1]}\n${(lines[2] ?? '').slice(0, 40)}`);
  const recorder = new ClickRecorder(t.ctx.database, t.ctx.log, { ...defaultRecorderOptions, spoolDir });
  assert.equal(await recorder.replay(), 2);
  assert.equal(await storedCount(shareId), 2);
  await recorder.close();
});

test('closing writes every pending click first', async () => {
  const recorder = new ClickRecorder(t.ctx.database, t.ctx.log, { ...defaultRecorderOptions, flushMs: 60_000, maxBatch: 1000, spoolDir: path.join(spoolRoot, 'close') });
  const { shareId, batch } = await clicksFor(20);
  const answered = batch.map((click) => recorder.record(click));
  await recorder.close();
  await Promise.all(answered);
  assert.equal(await storedCount(shareId), 20);
  await assert.rejects(recorder.record(batch[0] as ClickInput), /closed/);
});
