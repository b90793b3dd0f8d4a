import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { count } from 'drizzle-orm';
import { MAX_IMAGE_BYTES } from '../../src/images/schema.ts';
import { images, people, stories } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../support/factories.ts';

/**
 * Oversize bodies and uploads (413 with a message, nothing stored), the security headers of API
 * answers, public pages and the embed, session cookie flags, and rate limits keyed per address for
 * anonymous callers and per person or token for signed-in ones.
 */

let t: TestApp;
let https: TestApp;
before(async () => {
  t = await createTestApp({ PODIUM_BODY_LIMIT_MB: '1' });
  https = await createTestApp({ PODIUM_BASE_URL: 'https://podium.test' });
});
after(async () => {
  await t?.close();
  await https?.close();
});

const rows = async (table: typeof stories | typeof images | typeof people) => (await t.ctx.database.db.select({ n: count() }).from(table))[0]?.n ?? 0;

test('bodies over the limit are refused with 413 and a message, and store nothing', async () => {
  const admin = await sessionHeaders(t, await buildPerson(t, { name: 'Upload Admin', roles: ['admin', 'editor', 'ambassador'] }));
  const before = { stories: await rows(stories), images: await rows(images), people: await rows(people) };
  const big = 'x'.repeat(1024 * 1024 + 10);
  const cases: { url: string; headers?: Record<string, string>; payload: string | Buffer }[] = [
    { url: '/api/v1/stories', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ title: 'Too big', bodyMarkdown: big, language: 'en', format: 'interview' }) },
    { url: '/api/v1/people', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name: big, email: 'big@example.com' }) },
    { url: '/api/v1/people/imports', headers: { 'content-type': 'text/csv' }, payload: `email,name\n${'a@example.com,A\n'.repeat(80_000)}` },
    { url: '/api/v1/conversions/browser', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(5000) }) },
    { url: '/api/v1/images', headers: { 'content-type': 'image/png' }, payload: Buffer.alloc(MAX_IMAGE_BYTES + 2048, 1) },
  ];
  for (const { url, headers, payload } of cases) {
    const response = await t.app.inject({ method: 'POST', url, headers: { ...admin, ...headers }, payload });
    assert.equal(response.statusCode, 413, `${url}: ${response.body.slice(0, 200)}`);
    const message = response.json().error.message as string;
    assert.match(message, /\d+ (KB|MB)/, `${url} says what the limit is: ${message}`);
  }
  assert.deepEqual({ stories: await rows(stories), images: await rows(images), people: await rows(people) }, before, 'nothing was stored');
});

test('API answers, public pages and the web app carry the security headers; only the embed may be framed', async () => {
  for (const app of [t, https]) {
    const secure = app === https;
    for (const url of ['/api/v1/me', '/stories', '/healthz', '/']) {
      const response = await app.app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy'] ?? '');
      assert.match(csp, /frame-ancestors 'none'/, `${url} may not be framed`);
      assert.match(csp, /object-src 'none'/, url);
      assert.match(csp, /base-uri 'none'/, url);
      assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/, `${url} allows no inline script`);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN', url);
      assert.ok(response.headers['referrer-policy'], `${url} has a referrer policy`);
      if (secure) assert.match(String(response.headers['strict-transport-security']), /max-age=31536000; includeSubDomains/, url);
      else assert.equal(response.headers['strict-transport-security'], undefined, `${url}: no HSTS over plain http`);
    }
    const embed = await app.app.inject({ method: 'GET', url: '/embed/stories' });
    assert.equal(embed.statusCode, 200);
    assert.match(String(embed.headers['content-security-policy']), /frame-ancestors \*|frame-ancestors https?:/, 'the embed may be framed');
    assert.equal(embed.headers['x-frame-options'], undefined);
    assert.doesNotMatch(String(embed.headers['content-security-policy']), /script-src[^;]*'unsafe-inline'/);
  }
});

test('the session cookie is HttpOnly, SameSite=Lax, path /, and Secure over https', async () => {
  for (const app of [t, https]) {
    const person = await buildPerson(app, { name: 'Cookie Person' });
    const session = await sessionHeaders(app, person);
    const password = 'a long enough password for cookies';
    const set = await app.app.inject({ method: 'PUT', url: '/api/v1/me/password', headers: session, payload: { password } });
    assert.equal(set.statusCode, 204, set.body);
    const signIn = await app.app.inject({ method: 'POST', url: '/api/auth/password', payload: { email: person.email, password } });
    assert.equal(signIn.statusCode, 200, signIn.body);
    const cookie = ([] as string[]).concat(signIn.headers['set-cookie'] ?? []).find((value) => value.startsWith('podium_session='));
    assert.ok(cookie, 'a session cookie is set');
    assert.match(cookie, /; HttpOnly/i);
    assert.match(cookie, /; SameSite=Lax/i);
    assert.match(cookie, /; Path=\//i);
    if (app === https) assert.match(cookie, /; Secure/i);
    assert.equal(signIn.headers['cache-control'] === undefined || /no-store|private/.test(String(signIn.headers['cache-control'])), true);
  }
});

test('sign-in is limited per client address, so one address cannot lock out another', async () => {
  let n = 0;
  const attempt = (remoteAddress: string) => t.app.inject({ method: 'POST', url: '/api/auth/password', remoteAddress, payload: { email: `nobody${n++}@example.com`, password: 'wrong password here' } });
  let limited = false;
  for (let i = 0; i < 25 && !limited; i++) limited = (await attempt('203.0.113.7')).statusCode === 429;
  assert.ok(limited, 'the address is limited after enough attempts');
  const limitedAnswer = await attempt('203.0.113.7');
  assert.equal(limitedAnswer.statusCode, 429);
  assert.ok(limitedAnswer.headers['retry-after'], 'a 429 says when to try again');
  assert.match(limitedAnswer.json().error.message, /\d/);
  assert.notEqual((await attempt('198.51.100.9')).statusCode, 429, 'another address is not limited');
});

test('rate-limit keys: per person or token when signed in, per hashed address otherwise', async () => {
  const keys: string[] = [];
  const person = await buildPerson(t, { name: 'Key Person' });
  const probe = t.app;
  // The conversions browser endpoint is limited and public; a signed-in caller is keyed by person.
  const session = await sessionHeaders(t, person);
  const token = await tokenHeaders(t, 'admin');
  for (const headers of [{}, session, token]) {
    const response = await probe.inject({ method: 'POST', url: '/api/v1/conversions/browser', remoteAddress: '192.0.2.44', headers, payload: { type: 'application', clickIds: [crypto.randomUUID()], externalId: `key-${keys.length}` } });
    keys.push(String(response.headers['x-ratelimit-remaining']));
  }
  // Each caller has its own full budget (30 a minute), although all share one address.
  assert.deepEqual(keys, ['29', '29', '29']);
});
