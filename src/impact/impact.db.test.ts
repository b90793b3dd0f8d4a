import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { people, storyFeatured } from '../db/schema/index.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { insertConversion } from '../stats/conversion-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { buildClicks, buildShare } from '../../test/support/tracking.ts';
import type { ImpactView } from './schema.ts';

// The test clock stands at Friday 2026-11-27 09:00 UTC: this week began on Monday 2026-11-23.
const lastWeek = new Date('2026-11-17T10:00:00Z');
const thisWeek = new Date('2026-11-25T10:00:00Z');
const longAgo = new Date('2026-06-01T10:00:00Z');

let t: TestApp;
let me: { id: string };
let colleague: { id: string };
let published: { id: string; slug: string };

before(async () => {
  t = await createTestApp();
  me = await buildPerson(t, { name: 'Impact Me' });
  colleague = await buildPerson(t, { name: 'Impact Colleague' });
  const story = await insertStory(t, { title: 'Our night shift' });
  published = await insertStory(t, { title: 'Meet Impact Me', slug: 'meet-impact-me' });
  const draft = await insertStory(t, { title: 'Not yet out', status: 'draft', publishedAt: null });
  await t.ctx.database.db.insert(storyFeatured).values([
    { storyId: published.id, personId: me.id },
    { storyId: draft.id, personId: me.id },
  ]);

  // My shares: two on LinkedIn (this week and last week), one on X long ago.
  const linkedin = await buildShare(t, story.id, { personId: me.id, network: 'linkedin', at: thisWeek });
  const earlier = await buildShare(t, story.id, { personId: me.id, network: 'linkedin', at: lastWeek });
  const old = await buildShare(t, story.id, { personId: me.id, network: 'x', at: longAgo });
  // Three human clicks from two visitors this week, and bots and crawlers that must not count.
  const [firstClick] = await buildClicks(t, linkedin, [
    { at: thisWeek, visitor: 'anna' },
    { at: new Date(thisWeek.getTime() + 3_600_000), visitor: 'anna' },
    { at: thisWeek, visitor: 'ben' },
    { at: thisWeek, kind: 'bot' },
    { at: thisWeek, kind: 'bot' },
    { at: thisWeek, kind: 'preview' },
    { at: thisWeek, kind: 'head' },
  ]);
  await buildClicks(t, earlier, [{ at: lastWeek, visitor: 'carla' }]);
  await buildClicks(t, old, [{ at: longAgo, visitor: 'dirk' }, { at: longAgo, kind: 'preview' }]);

  // A colleague's share of the same story, with clicks and an application of their own.
  const theirs = await buildShare(t, story.id, { personId: colleague.id, network: 'linkedin', at: thisWeek });
  const [theirClick] = await buildClicks(t, theirs, [{ at: thisWeek, visitor: 'erik' }, { at: thisWeek, visitor: 'fenna' }]);
  // Applications: one my share contributed to (with the colleague's), one theirs alone, and a hire of mine long ago.
  await insertConversion(t, { type: 'application', at: new Date('2026-11-26T08:00:00Z'), touches: [{ shareId: linkedin.shareId, clickId: firstClick, at: thisWeek }, { shareId: theirs.shareId, at: thisWeek }] });
  await insertConversion(t, { type: 'application', at: new Date('2026-11-26T09:00:00Z'), touches: [{ shareId: theirs.shareId, clickId: theirClick, at: thisWeek }] });
  await insertConversion(t, { type: 'hire', at: new Date('2026-07-01T09:00:00Z'), touches: [{ shareId: old.shareId, at: longAgo }] });
});
after(() => t?.close());

async function impactOf(person: { id: string }, query = ''): Promise<ImpactView> {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/me/impact${query}`, headers: await sessionHeaders(t, person) });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

test('my impact counts my own shares, human clicks and visitors only: no bots, no colleague’s shares', async () => {
  const impact = await impactOf(me, '?weeks=2');
  assert.equal(impact.from, '2026-11-16');
  assert.equal(impact.to, '2026-11-27');
  assert.deepEqual(impact.range, { shares: 2, humanClicks: 4, visitors: 3, applications: 1, hires: 0 });
  assert.deepEqual(impact.allTime, { shares: 3, humanClicks: 5, visitors: 4, applications: 1, hires: 1 });
  assert.deepEqual(impact.sharesByNetwork, [{ network: 'linkedin', shares: 2 }]);
  assert.deepEqual(impact.growth, [
    { week: '2026-11-16', shares: 1, humanClicks: 1, visitors: 1 },
    { week: '2026-11-23', shares: 1, humanClicks: 3, visitors: 2 },
  ]);
});

test('the colleague sees their own figures, never mine', async () => {
  const impact = await impactOf(colleague, '?weeks=1');
  assert.deepEqual(impact.range, { shares: 1, humanClicks: 2, visitors: 2, applications: 2, hires: 0 });
  assert.deepEqual(impact.featured, []);
});

test('growth lists every week of the range, quiet weeks with zeros, and the default range is 12 weeks', async () => {
  const impact = await impactOf(me);
  assert.equal(impact.weeks, 12);
  assert.equal(impact.growth.length, 12);
  assert.equal(impact.growth[0]?.week, '2026-09-07');
  assert.deepEqual(impact.growth[5], { week: '2026-10-12', shares: 0, humanClicks: 0, visitors: 0 });
  const bad = await t.app.inject({ method: 'GET', url: '/api/v1/me/impact?weeks=0', headers: await sessionHeaders(t, me) });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'validation_failed');
});

test('featured lists the published stories I am in, with their links, and not a draft', async () => {
  const impact = await impactOf(me);
  assert.deepEqual(
    impact.featured.map((story) => [story.title, story.url]),
    [['Meet Impact Me', 'http://podium.test/stories/meet-impact-me']],
  );
});

test('reach: unknown, then the colleagues’ median once five entered a figure, then my own; next to the company page’s followers', async () => {
  let impact = await impactOf(me);
  assert.deepEqual(impact.reach, { mine: null, source: 'unknown', company: { linkedin: null, x: null, facebook: null }, ratio: null });

  const sizes = [100, 300, 500, 700];
  for (const size of sizes) await buildPerson(t, { networkSize: size });
  impact = await impactOf(me);
  assert.equal(impact.reach.source, 'unknown', 'four colleagues are too few for a median');
  await buildPerson(t, { networkSize: 900 });
  impact = await impactOf(me);
  assert.equal(impact.reach.mine, 500);
  assert.equal(impact.reach.source, 'colleagues_median');

  const admin = await buildPerson(t, { roles: ['admin', 'ambassador'] });
  const put = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/company-followers', headers: await sessionHeaders(t, admin), payload: { linkedin: 20_000, x: 1_500, facebook: null } });
  assert.equal(put.statusCode, 200, put.body);
  assert.deepEqual(put.json(), { linkedin: 20_000, x: 1_500, facebook: null });

  await t.ctx.database.db.update(people).set({ networkSize: 1_000 }).where(eq(people.id, me.id));
  impact = await impactOf(me);
  assert.deepEqual(impact.reach, { mine: 1_000, source: 'self_reported', company: { linkedin: 20_000, x: 1_500, facebook: null }, ratio: 0.05 });
});

test('the follower setting is for admins, validated, and audited', async () => {
  const editor = await buildPerson(t, { roles: ['editor', 'ambassador'] });
  const refused = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/company-followers', headers: await sessionHeaders(t, editor), payload: { linkedin: 1, x: null, facebook: null } });
  assert.equal(refused.statusCode, 403);
  const admin = await tokenHeaders(t, 'admin');
  const negative = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/company-followers', headers: admin, payload: { linkedin: -5, x: null, facebook: null } });
  assert.equal(negative.statusCode, 400);
  const read = await t.app.inject({ method: 'GET', url: '/api/v1/settings/company-followers', headers: admin });
  assert.equal(read.statusCode, 200);
  assert.equal(read.json().linkedin, 20_000, 'the refused and invalid writes changed nothing');
  const audit = await t.ctx.database.query<{ action: string }>("select action from audit_log where action = 'settings.company_followers_updated'");
  assert.equal(audit.length, 1);
});

test('an organisation token has no impact of its own', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/me/impact', headers: await tokenHeaders(t, 'admin') });
  assert.equal(response.statusCode, 403);
});
