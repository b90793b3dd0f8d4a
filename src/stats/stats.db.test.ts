import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { audiences } from '../db/schema/index.ts';
import { insertCampaign, insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { buildClicks, buildShare } from '../../test/support/tracking.ts';
import { insertConversion } from './conversion-fixtures.ts';

let t: TestApp;
let recruiter: Record<string, string>;
const at = (iso: string) => new Date(iso);

/**
 * Two stories, two ambassadors, three shares. Share 1 (Anna's, story A, in a campaign, for
 * candidates on LinkedIn) gets on 2 March: Lisa at 09:00 and again at 09:10 (a repeat), Bram at
 * 09:20, a preview, a HEAD and a bot; on 3 March Lisa again (another day: a visitor again).
 * Share 2 (Piet's, story A, on X): Carl and Dina on 5 March and a preview. Share 3 (Anna's,
 * story B, on WhatsApp): Eva on 10 April.
 */
const world = {} as {
  anna: { id: string };
  piet: { id: string };
  storyA: string;
  storyB: string;
  campaign: string;
  candidates: string;
  s1: { shareId: string; code: string };
  s2: { shareId: string; code: string };
  s3: { shareId: string; code: string };
  clicks: Record<'lisa1' | 'bram' | 'lisa3' | 'carl' | 'dina' | 'eva', string>;
};

before(async () => {
  t = await createTestApp();
  recruiter = await sessionHeaders(t, await buildPerson(t, { roles: ['recruiter'] }));
  const db = t.ctx.database.db;
  const [candidates] = await db.select({ id: audiences.id }).from(audiences).where(eq(audiences.key, 'candidates'));
  assert.ok(candidates);
  world.candidates = candidates.id;
  world.anna = await buildPerson(t, { name: 'Anna Ambassador' });
  world.piet = await buildPerson(t, { name: 'Piet Ambassador', language: 'nl' });
  world.storyA = (await insertStory(t, { title: 'Een dag bij de storingsdienst' })).id;
  world.storyB = (await insertStory(t, { title: 'Mijn eerste honderd dagen' })).id;
  world.campaign = (await insertCampaign(t, { slug: 'techniek-talent', storyIds: [world.storyA], startsOn: '2026-02-01', endsOn: '2026-04-30' })).id;
  world.s1 = await buildShare(t, world.storyA, { personId: world.anna.id, campaignId: world.campaign, audienceId: world.candidates, at: at('2026-03-01T12:00:00Z') });
  world.s2 = await buildShare(t, world.storyA, { personId: world.piet.id, network: 'x', at: at('2026-03-04T12:00:00Z') });
  world.s3 = await buildShare(t, world.storyB, { personId: world.anna.id, network: 'whatsapp', at: at('2026-04-09T12:00:00Z') });
  const [lisa1, , bram, , , , lisa3] = await buildClicks(t, world.s1, [
    { at: at('2026-03-02T09:00:00Z'), visitor: 'lisa' },
    { at: at('2026-03-02T09:10:00Z'), visitor: 'lisa' },
    { at: at('2026-03-02T09:20:00Z'), visitor: 'bram' },
    { at: at('2026-03-02T09:21:00Z'), kind: 'preview' },
    { at: at('2026-03-02T09:22:00Z'), kind: 'head' },
    { at: at('2026-03-02T09:23:00Z'), kind: 'bot' },
    { at: at('2026-03-03T10:00:00Z'), visitor: 'lisa' },
  ]);
  const [carl, dina] = await buildClicks(t, world.s2, [
    { at: at('2026-03-05T08:00:00Z'), visitor: 'carl' },
    { at: at('2026-03-05T08:30:00Z'), visitor: 'dina' },
    { at: at('2026-03-05T08:31:00Z'), kind: 'preview' },
  ]);
  const [eva] = await buildClicks(t, world.s3, [{ at: at('2026-04-10T20:00:00Z'), visitor: 'eva' }]);
  world.clicks = { lisa1, bram, lisa3, carl, dina, eva } as typeof world.clicks;

  const { s1, s2, s3, clicks } = world;
  // Lisa applies after two touches on share 1; Bram after share 1 and Carl's click on share 2
  // (one journey across shares); Lisa is hired after share 1 and Eva's click on share 3; Dina
  // starts an application; one application has no known click at all.
  await insertConversion(t, { type: 'application', at: at('2026-03-04T12:00:00Z'), touches: [{ shareId: s1.shareId, clickId: clicks.lisa1, at: at('2026-03-02T09:00:00Z') }, { shareId: s1.shareId, clickId: clicks.lisa3, at: at('2026-03-03T10:00:00Z') }] });
  await insertConversion(t, { type: 'application', at: at('2026-03-06T12:00:00Z'), touches: [{ shareId: s1.shareId, clickId: clicks.bram, at: at('2026-03-02T09:20:00Z') }, { shareId: s2.shareId, clickId: clicks.carl, at: at('2026-03-05T08:00:00Z') }] });
  await insertConversion(t, { type: 'hire', at: at('2026-04-20T12:00:00Z'), touches: [{ shareId: s1.shareId, clickId: clicks.lisa3, at: at('2026-03-03T10:00:00Z') }, { shareId: s3.shareId, clickId: clicks.eva, at: at('2026-04-10T20:00:00Z') }] });
  await insertConversion(t, { type: 'apply_started', at: at('2026-03-05T09:00:00Z'), touches: [{ shareId: s2.shareId, clickId: clicks.dina, at: at('2026-03-05T08:30:00Z') }] });
  await insertConversion(t, { type: 'application', at: at('2026-03-07T12:00:00Z'), touches: [] });
});
after(() => t.close());

const get = (url: string, headers = recruiter) => t.app.inject({ method: 'GET', url, headers });
const noConversions = { apply_started: 0, application: 0, hire: 0, lead: 0, signup: 0 };

test('a share’s results: clicks from the rollups with bots apart, and the conversions it touched', async () => {
  const response = await get(`/api/v1/shares/${world.s1.shareId}/stats`);
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json();
  assert.deepEqual(body.subject, { type: 'share', id: world.s1.shareId });
  assert.deepEqual(body.clicks, { human: 4, unique: 3, visitors: 3, bot: 3, previews: 1 });
  assert.deepEqual(body.conversions, { ...noConversions, application: 2, hire: 1 });
  assert.equal(body.visitorsCounted, 'sum_of_daily_uniques');
  assert.deepEqual(body.daily, [
    { day: '2026-03-02', human: 3, unique: 2, visitors: 2, bot: 3, previews: 1 },
    { day: '2026-03-03', human: 1, unique: 1, visitors: 1, bot: 0, previews: 0 },
  ]);
  assert.deepEqual([body.shares, body.ambassadors, body.from, body.to], [1, 1, null, null]);
});

test('a range of days: clicks of those days, conversions that occurred in them', async () => {
  const third = (await get(`/api/v1/shares/${world.s1.shareId}/stats?from=2026-03-03&to=2026-03-03`)).json();
  assert.deepEqual(third.clicks, { human: 1, unique: 1, visitors: 1, bot: 0, previews: 0 });
  assert.deepEqual(third.conversions, noConversions);
  assert.equal(third.shares, 0, 'the share was made before the range');
  const later = (await get(`/api/v1/shares/${world.s1.shareId}/stats?from=2026-03-04&to=2026-03-06`)).json();
  assert.deepEqual(later.clicks, { human: 0, unique: 0, visitors: 0, bot: 0, previews: 0 });
  assert.deepEqual(later.conversions, { ...noConversions, application: 2 });
  assert.deepEqual(later.daily, []);
  const open = (await get(`/api/v1/shares/${world.s1.shareId}/stats?from=2026-03-03`)).json();
  assert.deepEqual([open.from, open.to, open.clicks.human, open.conversions.hire], ['2026-03-03', null, 1, 1]);
});

test('a story sums its shares; a person sums their own shares; a campaign the shares made for it', async () => {
  const story = (await get(`/api/v1/stories/${world.storyA}/stats`)).json();
  assert.deepEqual(story.clicks, { human: 6, unique: 5, visitors: 5, bot: 4, previews: 2 });
  assert.deepEqual(story.conversions, { ...noConversions, apply_started: 1, application: 2, hire: 1 });
  assert.deepEqual([story.shares, story.ambassadors], [2, 2]);
  assert.deepEqual(story.daily.map((d: { day: string; human: number }) => [d.day, d.human]), [['2026-03-02', 3], ['2026-03-03', 1], ['2026-03-05', 2]]);

  const anna = (await get(`/api/v1/people/${world.anna.id}/stats`)).json();
  assert.deepEqual(anna.clicks, { human: 5, unique: 4, visitors: 4, bot: 3, previews: 1 });
  assert.deepEqual(anna.conversions, { ...noConversions, application: 2, hire: 1 }, 'the hire touched both her shares and counts once');
  assert.deepEqual([anna.shares, anna.ambassadors], [2, 1]);

  const campaign = (await get(`/api/v1/campaigns/${world.campaign}/stats`)).json();
  assert.deepEqual(campaign.clicks, { human: 4, unique: 3, visitors: 3, bot: 3, previews: 1 });
  assert.deepEqual(campaign.conversions, { ...noConversions, application: 2, hire: 1 });
  assert.equal(campaign.shares, 1);

  const quiet = (await get(`/api/v1/stories/${world.storyB}/stats?from=2026-03-01&to=2026-03-31`)).json();
  assert.deepEqual([quiet.clicks.human, quiet.shares, quiet.conversions.hire], [0, 0, 0]);
});

test('an ambassador sees the results of their own shares and their own, nobody else’s', async () => {
  const anna = await sessionHeaders(t, world.anna);
  assert.equal((await get(`/api/v1/shares/${world.s1.shareId}/stats`, anna)).json().clicks.human, 4);
  assert.equal((await get(`/api/v1/people/${world.anna.id}/stats`, anna)).json().clicks.human, 5);
  const other = await get(`/api/v1/shares/${world.s2.shareId}/stats`, anna);
  assert.equal(other.statusCode, 403);
  assert.equal(other.json().error.code, 'forbidden');
  assert.match(other.json().error.message, /your own shares/);
  for (const url of [`/api/v1/people/${world.piet.id}/stats`, `/api/v1/stories/${world.storyA}/stats`, `/api/v1/campaigns/${world.campaign}/stats`, '/api/v1/analytics/touchpoints']) {
    const response = await get(url, anna);
    assert.equal(response.statusCode, 403, url);
  }
  const dutch = await get(`/api/v1/shares/${world.s1.shareId}/stats`, await sessionHeaders(t, world.piet));
  assert.match(dutch.json().error.message, /eigen gedeelde berichten/);
  // An API token acting for Anna is Anna; an organisation token without a staff role sees nothing.
  assert.equal((await get(`/api/v1/shares/${world.s1.shareId}/stats`, await tokenHeaders(t, 'ambassador', world.anna.id))).statusCode, 200);
  assert.equal((await get(`/api/v1/shares/${world.s1.shareId}/stats`, await tokenHeaders(t, 'ambassador'))).statusCode, 403);
});

test('unknown subjects are 404 with their own code; a backwards range is a 400', async () => {
  const missing = '01900000-0000-7000-8000-00000000dead';
  for (const [path, code] of [
    ['shares', 'share_not_found'],
    ['stories', 'story_not_found'],
    ['people', 'person_not_found'],
    ['campaigns', 'campaign_not_found'],
  ] as const) {
    const response = await get(`/api/v1/${path}/${missing}/stats`);
    assert.equal(response.statusCode, 404, path);
    assert.equal(response.json().error.code, code);
  }
  const backwards = await get(`/api/v1/stories/${world.storyA}/stats?from=2026-03-10&to=2026-03-01`);
  assert.equal(backwards.statusCode, 400);
  assert.equal(backwards.json().error.code, 'period_invalid');
  assert.equal((await get(`/api/v1/stories/${world.storyA}/stats?from=yesterday`)).json().error.code, 'validation_failed');
});

test('the stats routes and reports are in the OpenAPI document, saying how visitors are counted', async () => {
  const doc = (await get('/api/openapi.json')).json();
  for (const path of ['/api/v1/shares/{id}/stats', '/api/v1/stories/{id}/stats', '/api/v1/people/{id}/stats', '/api/v1/campaigns/{id}/stats', '/api/v1/analytics/touchpoints', '/api/v1/analytics/attribution']) {
    assert.deepEqual(doc.paths[path]?.get?.tags, ['stats'], path);
  }
  assert.match(JSON.stringify(doc.components.schemas.Stats), /summed over the range/);
});
