import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, lastMailTo, linkIn, sessionHeaders } from '../../test/support/factories.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('a magic link signs in once; a bare GET of the link page does not use it up', async () => {
  const person = await buildPerson(t, { email: 'Anna@Example.com' });
  const request = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'anna@example.com' } });
  assert.equal(request.statusCode, 202);
  const mail = await lastMailTo(t, person.email);
  assert.ok(mail, 'a sign-in mail is in the outbox');
  const link = linkIn(mail.text);
  assert.equal(link.pathname, '/auth/magic');
  const token = link.searchParams.get('token') ?? '';

  const page = await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
  assert.equal(page.statusCode, 200, 'the link page itself is served');

  const verify = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token } });
  assert.equal(verify.statusCode, 200);
  assert.equal(verify.json().person.id, person.id);
  const cookie = String(verify.headers['set-cookie']);
  assert.match(cookie, /podium_session=.+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);

  const again = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token } });
  assert.equal(again.statusCode, 400);
  assert.equal(again.json().error.code, 'link_used');
});

test('a magic link expires after 15 minutes', async () => {
  const person = await buildPerson(t);
  await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: person.email } });
  const token = linkIn((await lastMailTo(t, person.email))?.text ?? '').searchParams.get('token');
  t.clock.advance(15 * 60_000 + 1000);
  const verify = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token } });
  assert.equal(verify.statusCode, 400);
  assert.equal(verify.json().error.code, 'link_expired');
});

test('an unknown address gets the same answer and no mail', async () => {
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'nobody@example.com' } });
  assert.equal(response.statusCode, 202);
  assert.equal(await lastMailTo(t, 'nobody@example.com'), undefined);
});

test('cookie mutations need the CSRF header; sign out everywhere ends every session', async () => {
  const person = await buildPerson(t);
  const first = await sessionHeaders(t, person);
  const second = await sessionHeaders(t, person);
  const noCsrf = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: first.cookie ?? '' }, payload: { name: 'X' } });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(noCsrf.json().error.code, 'csrf_failed');
  const wrongCsrf = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: first.cookie ?? '', 'x-csrf-token': second['x-csrf-token'] ?? '' }, payload: { name: 'X' } });
  assert.equal(wrongCsrf.statusCode, 403, 'a CSRF token of another session is refused');
  const ok = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: first, payload: { name: 'Renamed' } });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().name, 'Renamed');

  const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out-everywhere', headers: first });
  assert.equal(out.statusCode, 204);
  const afterOut = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: second });
  assert.equal(afterOut.statusCode, 401);
});

test('password sign-in works, and repeated failures are rate limited per account', async () => {
  const person = await buildPerson(t);
  const headers = await sessionHeaders(t, person);
  const set = await t.app.inject({ method: 'PUT', url: '/api/v1/me/password', headers, payload: { password: 'correct horse battery' } });
  assert.equal(set.statusCode, 204);
  const short = await t.app.inject({ method: 'PUT', url: '/api/v1/me/password', headers, payload: { password: 'short' } });
  assert.equal(short.statusCode, 400);
  const good = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { email: person.email, password: 'correct horse battery' } });
  assert.equal(good.statusCode, 200);
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { email: person.email, password: 'wrong' } });
    statuses.push(bad.statusCode);
  }
  assert.equal(statuses[0], 401);
  assert.equal(statuses.at(-1), 429, `statuses: ${statuses.join(',')}`);
});

test('a deactivated person cannot sign in and loses their sessions', async () => {
  const admin = await buildPerson(t, { roles: ['admin'] });
  const person = await buildPerson(t);
  const session = await sessionHeaders(t, person);
  // Used once first, so this node remembers the session; deactivation must still end it at once.
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: session })).statusCode, 200);
  const off = await t.app.inject({ method: 'PATCH', url: `/api/v1/people/${person.id}`, headers: await sessionHeaders(t, admin), payload: { active: false } });
  assert.equal(off.statusCode, 200);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: session })).statusCode, 401);
});

test('a remembered session follows role changes and signing out at once', async () => {
  const admin = await buildPerson(t, { roles: ['admin'] });
  const editor = await buildPerson(t, { roles: ['editor', 'ambassador'] });
  const session = await sessionHeaders(t, editor);
  const people = () => t.app.inject({ method: 'GET', url: '/api/v1/people', headers: session });
  assert.equal((await people()).statusCode, 200);
  const demote = await t.app.inject({ method: 'PATCH', url: `/api/v1/people/${editor.id}`, headers: await sessionHeaders(t, admin), payload: { roles: ['ambassador'] } });
  assert.equal(demote.statusCode, 200);
  assert.equal((await people()).statusCode, 403, 'the old role is not trusted from memory');

  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: session })).statusCode, 200);
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: session })).statusCode, 204);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: session })).statusCode, 401);
});
