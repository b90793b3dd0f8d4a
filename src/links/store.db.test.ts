import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { clickRollupsDaily, clickRollupsHourly, clicks } from '../db/schema/index.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildClicks, buildShare } from '../../test/support/tracking.ts';
import { shareDimensionsOf, storeClicks } from './store.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const at = (iso: string) => new Date(iso);

test('a repeat click by the same visitor within 30 minutes is kept but counted once as unique', async () => {
  const story = await insertStory(t);
  const share = await buildShare(t, story.id);
  await buildClicks(t, share, [
    { at: at('2026-03-02T09:00:00Z'), visitor: 'anna' },
    { at: at('2026-03-02T09:10:00Z'), visitor: 'anna' },
    { at: at('2026-03-02T09:20:00Z'), visitor: 'bram' },
  ]);
  // Later, in another batch: 35 minutes after Anna's last click is unique again; Bram 5 minutes on is not.
  await buildClicks(t, share, [
    { at: at('2026-03-02T09:45:00Z'), visitor: 'anna' },
    { at: at('2026-03-02T09:25:00Z'), visitor: 'bram' },
    { at: at('2026-03-02T09:30:00Z'), kind: 'preview' },
    { at: at('2026-03-02T09:31:00Z'), kind: 'head' },
  ]);
  const rows = await t.ctx.database.db.select().from(clicks).where(eq(clicks.shareId, share.shareId)).orderBy(clicks.occurredAt);
  assert.deepEqual(
    rows.map((row) => [row.occurredAt.toISOString().slice(11, 16), row.kind, row.uniqueClick]),
    [
      ['09:00', 'visit', true],
      ['09:10', 'visit', false],
      ['09:20', 'visit', true],
      ['09:25', 'visit', false],
      ['09:30', 'preview', null],
      ['09:31', 'head', null],
      ['09:45', 'visit', true],
    ],
  );
  const [daily] = await t.ctx.database.db.select().from(clickRollupsDaily).where(eq(clickRollupsDaily.shareId, share.shareId));
  assert.ok(daily);
  assert.deepEqual(
    { day: daily.day, human: daily.humanClicks, unique: daily.uniqueClicks, visitors: daily.visitors, previews: daily.previews, bots: daily.botClicks },
    { day: '2026-03-02', human: 5, unique: 3, visitors: 2, previews: 1, bots: 1 },
  );
  const [hourly] = await t.ctx.database.db.select().from(clickRollupsHourly).where(eq(clickRollupsHourly.shareId, share.shareId));
  assert.equal(hourly?.hour.toISOString(), '2026-03-02T09:00:00.000Z');
  assert.equal(hourly?.humanClicks, 5);
  assert.equal(hourly?.storyId, story.id, 'rollups carry the share dimensions');
});

test('storing the same clicks twice (a replay) adds nothing', async () => {
  const story = await insertStory(t);
  const share = await buildShare(t, story.id);
  const dimensions = (await shareDimensionsOf(t.ctx.database.db, [share.shareId])).get(share.shareId);
  assert.ok(dimensions);
  const batch = [
    { id: '01900000-0000-7000-8000-000000000001', linkCode: share.code, occurredAt: at('2026-03-03T10:00:00Z'), kind: 'visit' as const, bot: false, device: 'desktop' as const, referrerHost: 'lnkd.in', visitorHash: 'v1', share: dimensions },
    { id: '01900000-0000-7000-8000-000000000002', linkCode: share.code, occurredAt: at('2026-03-03T11:00:00Z'), kind: 'bot' as const, bot: true, device: null, referrerHost: null, visitorHash: null, share: dimensions },
  ];
  const first = await t.ctx.database.db.transaction((tx) => storeClicks(tx, batch));
  const again = await t.ctx.database.db.transaction((tx) => storeClicks(tx, batch));
  assert.equal(first.length, 2);
  assert.equal(again.length, 0);
  const daily = await t.ctx.database.db.select().from(clickRollupsDaily).where(eq(clickRollupsDaily.shareId, share.shareId));
  assert.deepEqual(
    daily.map((row) => [row.humanClicks, row.botClicks]),
    [[1, 1]],
  );
});
