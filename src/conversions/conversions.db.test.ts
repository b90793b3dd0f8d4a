import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { audiences, conversions, conversionTouchpoints, groups } from '../db/schema/index.ts';
import { insertCampaign, insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { buildClicks, buildShare } from '../../test/support/tracking.ts';
import { recordConversion } from './service.ts';

let t: TestApp;
let adminToken: Record<string, string>;
before(async () => {
  t = await createTestApp();
  adminToken = await tokenHeaders(t, 'admin');
});
after(() => t.close());

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
const minus = (date: Date, ms: number) => new Date(date.getTime() - ms);

async function touchpointRows(conversionId: string) {
  return t.ctx.database.db.select().from(conversionTouchpoints).where(eq(conversionTouchpoints.conversionId, conversionId)).orderBy(conversionTouchpoints.position);
}

async function report(headers: Record<string, string>, payload: object) {
  return t.app.inject({ method: 'POST', url: '/api/v1/conversions', headers, payload });
}

test('the lookback edge: a click exactly 90 days before is a touchpoint, 90 days and 1 ms is not; bots and unknown ids give none', async () => {
  const story = await insertStory(t);
  const share = await buildShare(t, story.id);
  const occurredAt = at('2026-09-01T12:00:00Z');
  const [inside, outside, bot] = await buildClicks(t, share, [{ at: minus(occurredAt, 90 * DAY) }, { at: minus(occurredAt, 90 * DAY + 1) }, { at: minus(occurredAt, DAY), kind: 'bot' }]);
  const unknown = uuidv7();
  const { created, conversion } = await recordConversion(t.ctx, { type: 'application', externalId: 'edge-1', clickIds: [outside ?? '', bot ?? '', unknown], clickId: inside, occurredAt }, 'api');
  assert.equal(created, true);
  assert.equal(conversion.touchpointCount, 1);
  assert.deepEqual(
    conversion.touchpoints.map((tp) => tp.clickId),
    [inside],
  );
  assert.deepEqual(conversion.clickIds, [inside, outside, bot, unknown], 'every reported id is kept for the record');
  assert.equal(conversion.firstTouchAt, minus(occurredAt, 90 * DAY).toISOString());
  assert.equal(conversion.lastTouchAt, conversion.firstTouchAt);
  assert.equal(conversion.source, 'api');
  assert.equal(conversion.receivedAt, t.clock.now().toISOString());
});

test('a journey across two ambassadors and networks: positions, first/last/linear credit and the share dimensions at the time of the share', async () => {
  const story = await insertStory(t);
  const campaign = await insertCampaign(t, { slug: `journey-${uuidv7().slice(-6)}`, storyIds: [story.id], startsOn: '2026-01-01', endsOn: '2026-12-31' });
  const [department] = await t.ctx.database.db.insert(groups).values({ kind: 'department', name: `Lab ${uuidv7().slice(-6)}` }).returning();
  const [candidates] = await t.ctx.database.db.select().from(audiences).where(eq(audiences.key, 'candidates'));
  const linkedin = await buildShare(t, story.id, { network: 'linkedin', campaignId: campaign.id, departmentId: department?.id ?? null, audienceId: candidates?.id ?? null });
  const x = await buildShare(t, story.id, { network: 'x' });
  const day1 = at('2026-10-01T08:00:00Z');
  const [a] = await buildClicks(t, linkedin, [{ at: day1 }]);
  const [b] = await buildClicks(t, x, [{ at: new Date(day1.getTime() + 3 * DAY) }]);
  const [c] = await buildClicks(t, linkedin, [{ at: new Date(day1.getTime() + 5 * DAY) }]);
  const occurredAt = new Date(day1.getTime() + 6 * DAY);

  const response = await report(adminToken, { type: 'application', externalId: 'journey-1', clickIds: [c, a, b], vacancyRef: 'ENG-42', occurredAt: occurredAt.toISOString() });
  assert.equal(response.statusCode, 201, response.body);
  const body = response.json();
  assert.equal(body.touchpointCount, 3);
  assert.deepEqual(
    body.touchpoints.map((tp: { clickId: string; position: number; network: string; credit: object }) => [tp.clickId, tp.position, tp.network, tp.credit]),
    [
      [a, 1, 'linkedin', { firstTouch: 1, lastTouch: 0, linear: body.touchpoints[0].credit.linear }],
      [b, 2, 'x', { firstTouch: 0, lastTouch: 0, linear: body.touchpoints[1].credit.linear }],
      [c, 3, 'linkedin', { firstTouch: 0, lastTouch: 1, linear: body.touchpoints[2].credit.linear }],
    ],
  );
  for (const tp of body.touchpoints) assert.ok(Math.abs(tp.credit.linear - 1 / 3) < 1e-6);
  assert.equal(body.firstTouchAt, day1.toISOString());
  assert.equal(body.lastTouchAt, new Date(day1.getTime() + 5 * DAY).toISOString());
  assert.equal(body.vacancyRef, 'ENG-42');

  const rows = await touchpointRows(body.id);
  assert.deepEqual(
    rows.map((row) => [row.shareId, row.personId, row.storyId, row.campaignId, row.departmentId, row.audienceId, row.itemType]),
    [
      [linkedin.shareId, linkedin.personId, story.id, campaign.id, department?.id, candidates?.id, 'story'],
      [x.shareId, x.personId, story.id, null, null, null, 'story'],
      [linkedin.shareId, linkedin.personId, story.id, campaign.id, department?.id, candidates?.id, 'story'],
    ],
  );
});

test('idempotent on externalId: a repeat answers 200 with the first body and stores nothing, whatever it carries', async () => {
  const story = await insertStory(t);
  const share = await buildShare(t, story.id);
  const [first, second] = await buildClicks(t, share, [{ at: at('2026-11-01T10:00:00Z') }, { at: at('2026-11-02T10:00:00Z') }]);
  const created = await report(adminToken, { type: 'application', externalId: 'ats-app-7', clickId: first });
  assert.equal(created.statusCode, 201, created.body);
  const repeat = await report(adminToken, { type: 'hire', externalId: 'ats-app-7', clickIds: [first, second] });
  assert.equal(repeat.statusCode, 200);
  assert.deepEqual(repeat.json(), created.json(), 'the first result, not the repeat');
  const rows = await t.ctx.database.db.select().from(conversions).where(eq(conversions.externalId, 'ats-app-7'));
  assert.equal(rows.length, 1);
  assert.equal((await touchpointRows(created.json().id)).length, 1);
});

test('concurrent repeats of one conversion store it once and all answer the same result', async () => {
  const story = await insertStory(t);
  const share = await buildShare(t, story.id);
  const [click] = await buildClicks(t, share, [{ at: at('2026-11-20T10:00:00Z') }]);
  const results = await Promise.all(Array.from({ length: 8 }, () => recordConversion(t.ctx, { type: 'lead', externalId: 'race-1', clickId: click }, 'api')));
  assert.equal(results.filter((r) => r.created).length, 1, 'exactly one report stored it');
  for (const result of results) assert.deepEqual(result.conversion, results[0]?.conversion);
  const rows = await t.ctx.database.db.select().from(conversions).where(eq(conversions.externalId, 'race-1'));
  assert.equal(rows.length, 1);
  assert.equal((await touchpointRows(rows[0]?.id ?? '')).length, 1);
});

test('who may report: admin and recruiter tokens; no browser session, no editor or ambassador token', async () => {
  const recruiter = await buildPerson(t, { roles: ['recruiter'] });
  const payload = () => ({ type: 'signup', externalId: `who-${uuidv7()}` });
  assert.equal((await report(await tokenHeaders(t, 'recruiter'), payload())).statusCode, 201);
  assert.equal((await report(await tokenHeaders(t, 'recruiter', recruiter.id), payload())).statusCode, 201);
  assert.equal((await report(await sessionHeaders(t, recruiter), payload())).statusCode, 403);
  assert.equal((await report(await tokenHeaders(t, 'editor'), payload())).statusCode, 403);
  assert.equal((await report({}, payload())).statusCode, 401);
});

test('bad input is a 4xx that says what to fix', async () => {
  const now = t.clock.now();
  const cases: [string, object, number, string, RegExp][] = [
    ['not a uuid', { type: 'application', externalId: 'bad-1', clickIds: ['0190-nope'] }, 400, 'validation_failed', /clickIds\/0/],
    ['unknown type', { type: 'purchase', externalId: 'bad-2' }, 400, 'validation_failed', /type/],
    ['no externalId', { type: 'application' }, 400, 'validation_failed', /externalId/],
    ['too far ahead', { type: 'application', externalId: 'bad-3', occurredAt: new Date(now.getTime() + 6 * 60_000).toISOString() }, 400, 'conversion_in_future', /at most 5 minutes ahead/],
    ['51 click ids', { type: 'application', externalId: 'bad-4', clickIds: Array.from({ length: 51 }, () => uuidv7()) }, 400, 'validation_failed', /clickIds/],
    [
      'clickId and 50 clickIds',
      { type: 'application', externalId: 'bad-5', clickId: uuidv7(), clickIds: Array.from({ length: 50 }, () => uuidv7()) },
      400,
      'conversion_too_many_clicks',
      /51 click ids; at most 50/,
    ],
    ['a time without offset', { type: 'application', externalId: 'bad-6', occurredAt: '2026-11-01 10:00' }, 400, 'validation_failed', /occurredAt/],
  ];
  for (const [label, payload, status, code, message] of cases) {
    const response = await report(adminToken, payload);
    assert.equal(response.statusCode, status, `${label}: ${response.body}`);
    assert.equal(response.json().error.code, code, label);
    assert.match(response.json().error.message, message, label);
  }
  const stored = await t.ctx.database.db.select().from(conversions).where(eq(conversions.externalId, 'bad-3'));
  assert.deepEqual(stored, [], 'nothing stored for a refused report');

  const skewed = await report(adminToken, { type: 'application', externalId: 'skew-ok', occurredAt: new Date(now.getTime() + 4 * 60_000).toISOString() });
  assert.equal(skewed.statusCode, 201, 'a reporter’s clock a few minutes ahead is fine');
  const dutch = await report({ ...adminToken, 'accept-language': 'nl' }, { type: 'application', externalId: 'bad-7', occurredAt: '2030-01-01T00:00:00Z' });
  assert.match(dutch.json().error.message, /ligt in de toekomst/);
});

test('the OpenAPI document describes the report and its answer', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const post = doc.paths['/api/v1/conversions'].post;
  assert.deepEqual(post.tags, ['conversions']);
  assert.ok(post.responses['201'] && post.responses['200']);
  assert.ok(doc.paths['/api/v1/conversions/browser'].post);
  assert.ok(doc.paths['/api/v1/conversions/imports'].post);
  assert.ok(doc.components.schemas.Conversion);
  assert.ok(doc.components.schemas.ConversionReport);
});
