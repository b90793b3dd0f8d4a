import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { audiences } from '../db/schema/index.ts';
import { insertCampaign, insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders } from '../../test/support/factories.ts';
import { buildShare } from '../../test/support/tracking.ts';
import { insertConversion } from './conversion-fixtures.ts';

let t: TestApp;
let editor: Record<string, string>;
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

/**
 * Ambassadors Anna (share 1: story A, campaign, candidates, LinkedIn) and Piet (share 2: story A,
 * no campaign, no audience, X). Applications: one after two touches on share 1, one after share 1
 * then share 2. Leads (their own report): touchpoint counts 1, 1, 3, 7 and 9, converting 1, 2, 3,
 * 10 and 20 days after the first touch.
 */
const world = {} as { anna: { id: string; name: string }; piet: { id: string; name: string }; storyA: string; campaign: string; candidates: string; s1: string; s2: string };

before(async () => {
  t = await createTestApp();
  editor = await sessionHeaders(t, await buildPerson(t, { roles: ['editor'] }));
  const [candidates] = await t.ctx.database.db.select({ id: audiences.id }).from(audiences).where(eq(audiences.key, 'candidates'));
  assert.ok(candidates);
  world.candidates = candidates.id;
  world.anna = await buildPerson(t, { name: 'Anna de Vries' });
  world.piet = await buildPerson(t, { name: 'Piet Jansen' });
  world.storyA = (await insertStory(t, { title: 'Een dag bij de storingsdienst' })).id;
  world.campaign = (await insertCampaign(t, { slug: 'techniek-talent', storyIds: [world.storyA], startsOn: '2026-02-01', endsOn: '2026-04-30' })).id;
  world.s1 = (await buildShare(t, world.storyA, { personId: world.anna.id, campaignId: world.campaign, audienceId: world.candidates, at: at('2026-03-01T12:00:00Z') })).shareId;
  world.s2 = (await buildShare(t, world.storyA, { personId: world.piet.id, network: 'x', at: at('2026-03-01T12:00:00Z') })).shareId;

  const { s1, s2 } = world;
  await insertConversion(t, { type: 'application', at: at('2026-03-04T12:00:00Z'), touches: [{ shareId: s1, at: at('2026-03-02T09:00:00Z') }, { shareId: s1, at: at('2026-03-03T10:00:00Z') }] });
  await insertConversion(t, { type: 'application', at: at('2026-03-06T12:00:00Z'), touches: [{ shareId: s1, at: at('2026-03-02T09:00:00Z') }, { shareId: s2, at: at('2026-03-05T08:00:00Z') }] });
  await insertConversion(t, { type: 'application', at: at('2026-03-08T12:00:00Z'), touches: [] });

  const start = at('2026-05-01T00:00:00Z').getTime();
  for (const [count, days] of [[1, 1], [1, 2], [3, 3], [7, 10], [9, 20]] as const) {
    const touches = Array.from({ length: count }, (_, i) => ({ shareId: i % 2 === 0 ? s1 : s2, at: new Date(start + i * HOUR) }));
    await insertConversion(t, { type: 'lead', at: new Date(start + days * 24 * HOUR), touches });
  }
});
after(() => t.close());

const get = async (url: string, headers = editor) => {
  const response = await t.app.inject({ method: 'GET', url, headers });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
};

test('touchpoints before a conversion: the distribution 1 … 7, 8+, its median and the time to convert', async () => {
  const leads = await get('/api/v1/analytics/touchpoints?type=lead');
  assert.equal(leads.conversions, 5);
  assert.equal(leads.withoutTouchpoints, 0);
  assert.deepEqual(
    leads.buckets.map((b: { touchpoints: string; conversions: number; share: number }) => [b.touchpoints, b.conversions, b.share]),
    [['1', 2, 0.4], ['2', 0, 0], ['3', 1, 0.2], ['4', 0, 0], ['5', 0, 0], ['6', 0, 0], ['7', 1, 0.2], ['8+', 1, 0.2]],
  );
  assert.deepEqual(leads.touchpoints, { median: 3, p75: 7, mean: 4.2 });
  assert.deepEqual(leads.timeToConvert, { medianHours: 72, p75Hours: 240, medianDays: 3, p75Days: 10 });
});

test('applications by default; conversions without a known click are counted apart; a range narrows by when they occurred', async () => {
  const all = await get('/api/v1/analytics/touchpoints');
  assert.equal(all.type, 'application');
  assert.deepEqual([all.conversions, all.withoutTouchpoints, all.touchpoints.median], [2, 1, 2]);
  assert.deepEqual(all.buckets.find((b: { touchpoints: string }) => b.touchpoints === '2').conversions, 2);
  // 51 hours (2 March 09:00 → 4 March 12:00) and 99 hours (2 March 09:00 → 6 March 12:00).
  assert.deepEqual([all.timeToConvert.medianHours, all.timeToConvert.p75Hours, all.timeToConvert.p75Days], [75, 87, 3.6]);
  const first = await get('/api/v1/analytics/touchpoints?from=2026-03-04&to=2026-03-04');
  assert.deepEqual([first.conversions, first.timeToConvert.medianHours, first.timeToConvert.medianDays], [1, 51, 2.1]);
  const none = await get('/api/v1/analytics/touchpoints?type=hire');
  assert.deepEqual([none.conversions, none.touchpoints.median, none.timeToConvert.medianDays], [0, null, null]);
  assert.ok(none.buckets.every((b: { conversions: number; share: number }) => b.conversions === 0 && b.share === 0));
});

test('attribution per ambassador under the three models, with names', async () => {
  const row = (items: { key: string; name: string; credit: number; conversions: number; touchpoints: number }[]) => items.map((i) => [i.name, i.credit, i.conversions, i.touchpoints]);
  const linear = await get('/api/v1/analytics/attribution?model=linear&by=ambassador');
  assert.deepEqual(row(linear.items), [['Anna de Vries', 1.5, 2, 3], ['Piet Jansen', 0.5, 1, 1]]);
  assert.deepEqual([linear.model, linear.by, linear.type, linear.totalCredit, linear.nextCursor], ['linear', 'ambassador', 'application', 2, null]);
  assert.equal(linear.items[0].key, world.anna.id);
  const first = await get('/api/v1/analytics/attribution?model=first&by=ambassador');
  assert.deepEqual(row(first.items), [['Anna de Vries', 2, 2, 3], ['Piet Jansen', 0, 1, 1]]);
  const last = await get('/api/v1/analytics/attribution?model=last&by=ambassador');
  assert.deepEqual(last.items.map((i: { credit: number }) => i.credit), [1, 1]);
  assert.deepEqual(last.totalCredit, 2);
});

test('attribution per story, campaign, network and audience; touchpoints without a campaign or audience have a null key', async () => {
  const story = await get('/api/v1/analytics/attribution?by=story');
  assert.deepEqual(story.items.map((i: { key: string; name: string; credit: number }) => [i.key, i.name, i.credit]), [[world.storyA, 'Een dag bij de storingsdienst', 2]]);
  const campaign = await get('/api/v1/analytics/attribution?by=campaign&model=linear');
  assert.deepEqual(campaign.items.map((i: { key: string | null; name: string | null; credit: number }) => [i.key, i.name, i.credit]), [[world.campaign, 'Campagne techniek-talent', 1.5], [null, null, 0.5]]);
  const network = await get('/api/v1/analytics/attribution?by=network&model=first');
  assert.deepEqual(network.items.map((i: { key: string; name: string; credit: number }) => [i.key, i.name, i.credit]), [['linkedin', 'LinkedIn', 2], ['x', 'X', 0]]);
  const audience = await get('/api/v1/analytics/attribution?by=audience&model=last');
  assert.deepEqual(audience.items.map((i: { key: string | null; name: string | null; credit: number }) => [i.key, i.name, i.credit]), [[null, null, 1], [world.candidates, 'Candidates', 1]]);
  const dutch = await get('/api/v1/analytics/attribution?by=audience', await sessionHeaders(t, await buildPerson(t, { roles: ['recruiter'], language: 'nl' })));
  assert.equal(dutch.items[0].name, 'Kandidaten');
});

test('attribution pages with a cursor, and a range narrows by when the conversions occurred', async () => {
  const page1 = await get('/api/v1/analytics/attribution?by=ambassador&limit=1');
  assert.deepEqual(page1.items.map((i: { name: string }) => i.name), ['Anna de Vries']);
  assert.ok(page1.nextCursor);
  const page2 = await get(`/api/v1/analytics/attribution?by=ambassador&limit=1&cursor=${page1.nextCursor}`);
  assert.deepEqual(page2.items.map((i: { name: string }) => i.name), ['Piet Jansen']);
  assert.equal(page2.nextCursor, null);
  assert.equal(page2.totalCredit, 2, 'the total covers every page');
  // Equal credit (last touch: one each) still pages without losing or repeating anyone.
  const tie1 = await get('/api/v1/analytics/attribution?by=ambassador&model=last&limit=1');
  const tie2 = await get(`/api/v1/analytics/attribution?by=ambassador&model=last&limit=1&cursor=${tie1.nextCursor}`);
  assert.deepEqual([...tie1.items, ...tie2.items].map((i: { key: string }) => i.key).sort(), [world.anna.id, world.piet.id].sort());
  const sixth = await get('/api/v1/analytics/attribution?by=ambassador&from=2026-03-05&to=2026-03-31');
  // Only the second application (6 March): half each, equal credit ordered by key.
  const byKey = [world.anna, world.piet].sort((a, b) => (a.id < b.id ? -1 : 1)).map((p) => [p.name, 0.5]);
  assert.deepEqual(sixth.items.map((i: { name: string; credit: number }) => [i.name, i.credit]), byKey);
  const bad = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/attribution?cursor=bm9wZQ', headers: editor });
  assert.deepEqual([bad.statusCode, bad.json().error.code], [400, 'invalid_cursor']);
  const badModel = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/attribution?model=u-shaped', headers: editor });
  assert.equal(badModel.statusCode, 400);
});
