import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { conversions } from '../db/schema/index.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { tokenHeaders } from '../../test/support/factories.ts';
import { buildClicks, buildShare } from '../../test/support/tracking.ts';
import { BROWSER_CONVERSIONS_PER_CLICK } from './browser.ts';
import { browserRateLimit } from './routes.ts';

let t: TestApp;
let share: { shareId: string; code: string };
before(async () => {
  t = await createTestApp();
  share = await buildShare(t, (await insertStory(t)).id);
});
after(() => t.close());

let address = 0;
/** Each test its own client address, so the per-address rate limit of one test does not spill into another. */
const nextAddress = () => `203.0.113.${++address}`;

function send(payload: unknown, options: { contentType?: string; remoteAddress?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/conversions/browser',
    remoteAddress: options.remoteAddress ?? nextAddress(),
    headers: { 'content-type': options.contentType ?? 'text/plain;charset=UTF-8', origin: 'https://careers.example.com' },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

const stored = async (externalId: string) => t.ctx.database.db.select().from(conversions).where(eq(conversions.externalId, externalId));

test('t.js reports with text/plain from any origin: 201, then 200 for its retry; stored as a script conversion at the time it arrived', async () => {
  const [pcid] = await buildClicks(t, share, [{ at: new Date(t.clock.now().getTime() - 86_400_000) }]);
  const body = { type: 'application', clickIds: [pcid], externalId: '5f0c2a9e81d64b7c9a3e2d1f0b4c6a88', vacancy: 'ENG-42' };
  const first = await send(body);
  assert.equal(first.statusCode, 201, first.body);
  assert.deepEqual(first.json(), { recorded: true });
  assert.equal(first.headers['access-control-allow-origin'], '*');
  assert.equal(first.headers['access-control-allow-credentials'], undefined, 'never with credentials');
  assert.equal(first.headers['set-cookie'], undefined);
  assert.equal(first.headers['cache-control'], 'no-store');
  const retry = await send(body);
  assert.equal(retry.statusCode, 200);

  const [row] = await stored('web:5f0c2a9e81d64b7c9a3e2d1f0b4c6a88');
  assert.ok(row, 'kept in the browser namespace');
  assert.equal(row.source, 'script');
  assert.equal(row.occurredAt.toISOString(), t.clock.now().toISOString());
  assert.equal(row.vacancyRef, 'ENG-42');
  assert.equal(row.touchpointCount, 1);
  assert.equal((await t.ctx.database.db.select().from(conversions).where(eq(conversions.source, 'script'))).length, 1);
});

test('only known click ids are kept, and without a person’s click among them nothing is stored', async () => {
  const [visit] = await buildClicks(t, share, [{}]);
  const [bot] = await buildClicks(t, share, [{ kind: 'bot' }]);
  const unknown = uuidv7();
  const mixed = await send({ type: 'lead', clickIds: [unknown, visit], externalId: 'mixed-1' });
  assert.equal(mixed.statusCode, 201, mixed.body);
  assert.deepEqual((await stored('web:mixed-1'))[0]?.reportedClickIds, [visit], 'the made-up id is dropped');

  for (const clickIds of [[unknown], [bot]]) {
    const refused = await send({ type: 'lead', clickIds, externalId: `refused-${uuidv7()}` });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.equal(refused.json().error.code, 'conversion_click_unknown');
    assert.equal(refused.headers['access-control-allow-origin'], '*', 'the page’s script may read the error too');
  }
});

test('a browser can neither report a hire nor claim an external id the ATS will report', async () => {
  const [pcid] = await buildClicks(t, share, [{}]);
  const hire = await send({ type: 'hire', clickIds: [pcid], externalId: 'h-1' });
  assert.equal(hire.statusCode, 400);
  assert.equal(hire.json().error.code, 'validation_failed');

  const squatted = await send({ type: 'application', clickIds: [pcid], externalId: 'app-77' });
  assert.equal(squatted.statusCode, 201);
  const fromAts = await t.app.inject({ method: 'POST', url: '/api/v1/conversions', headers: await tokenHeaders(t, 'recruiter'), payload: { type: 'application', externalId: 'app-77', clickId: pcid } });
  assert.equal(fromAts.statusCode, 201, 'the ATS’s own report is stored, not answered with the page’s');
  assert.equal(fromAts.json().source, 'api');
});

test('bad bodies: not JSON, too large, too many ids, a bad external id', async () => {
  const notJson = await send('type=application');
  assert.equal(notJson.statusCode, 400);
  assert.equal(notJson.json().error.code, 'conversion_body_invalid');
  const large = await send({ type: 'lead', clickIds: [uuidv7()], externalId: 'x', vacancy: 'v'.repeat(5000) });
  assert.equal(large.statusCode, 413);
  assert.match(large.json().error.message, /4 KB/);
  const many = await send({ type: 'lead', clickIds: Array.from({ length: 51 }, () => uuidv7()), externalId: 'x' }, { contentType: 'application/json' });
  assert.equal(many.statusCode, 400);
  const spaced = await send({ type: 'lead', clickIds: [uuidv7()], externalId: 'has space' });
  assert.equal(spaced.statusCode, 400);
});

test('the preflight allows a cross-origin JSON post without credentials', async () => {
  const response = await t.app.inject({
    method: 'OPTIONS',
    url: '/api/v1/conversions/browser',
    headers: { origin: 'https://careers.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  assert.equal(response.statusCode, 204);
  assert.equal(response.headers['access-control-allow-origin'], '*');
  assert.equal(response.headers['access-control-allow-methods'], 'POST');
  assert.equal(response.headers['access-control-allow-headers'], 'content-type');
  assert.equal(response.headers['access-control-allow-credentials'], undefined);
});

test('a flood from one address is rate limited; one click id cannot be reported again and again', async () => {
  const [pcid] = await buildClicks(t, share, [{}]);
  const remoteAddress = nextAddress();
  const answers: number[] = [];
  for (let i = 0; i <= browserRateLimit.max; i++) answers.push((await send({ type: 'lead', clickIds: [uuidv7()], externalId: `flood-${i}` }, { remoteAddress })).statusCode);
  assert.deepEqual(answers.slice(0, -1), Array(browserRateLimit.max).fill(422));
  assert.equal(answers.at(-1), 429);

  const perClick: number[] = [];
  for (let i = 0; i <= BROWSER_CONVERSIONS_PER_CLICK; i++) perClick.push((await send({ type: 'apply_started', clickIds: [pcid], externalId: `again-${i}` })).statusCode);
  assert.deepEqual(perClick.slice(0, -1), Array(BROWSER_CONVERSIONS_PER_CLICK).fill(201));
  assert.equal(perClick.at(-1), 429);
  assert.equal((await send({ type: 'apply_started', clickIds: [pcid], externalId: 'again-0' })).statusCode, 200, 'a retry of a stored report still answers');
});

test('GET /t.js: the script from the repository, small, cacheable for an hour, loadable by any site', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/t.js' });
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(response.headers['cache-control'], 'public, max-age=3600');
  assert.equal(response.headers['cross-origin-resource-policy'], 'cross-origin', 'a page of another origin may load it');
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  assert.equal(response.body, readFileSync(new URL('./tracker.js', import.meta.url), 'utf8'));
  assert.ok(Buffer.byteLength(response.body) < 6_000, `${Buffer.byteLength(response.body)} bytes`);
  assert.doesNotMatch(response.body, /\beval\(|new Function|document\.write|import\(/, 'nothing a strict CSP would refuse');
  const again = await t.app.inject({ method: 'GET', url: '/t.js', headers: { 'if-none-match': String(response.headers.etag) } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
});
