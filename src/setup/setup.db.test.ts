import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, lastMailTo, linkIn } from '../../test/support/factories.ts';
import { issueSetupLink, needsSetup } from './service.ts';

// These tests run in order on one database: first run, set-up, then a Podium that is set up.

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t?.close());

const operator = 'operator@podium.invalid';

async function tokenFromOutbox(): Promise<string> {
  const mail = await lastMailTo(t, operator);
  assert.ok(mail, 'the set-up link is in the outbox');
  const link = linkIn(mail.text);
  assert.equal(link.pathname, '/setup');
  return link.searchParams.get('token') ?? '';
}

const status = async (token: string) => {
  const response = await t.app.inject({ method: 'GET', url: `/api/setup/status?token=${encodeURIComponent(token)}` });
  assert.equal(response.statusCode, 200);
  return response.json().valid as boolean;
};
const setUp = (body: object) => t.app.inject({ method: 'POST', url: '/api/setup', payload: body });

test('first run: the set-up link is in the outbox and reported valid; a wrong token is not', async () => {
  assert.equal(await needsSetup(t.ctx), true);
  const url = await issueSetupLink(t.ctx);
  const token = await tokenFromOutbox();
  assert.equal(new URL(url).searchParams.get('token'), token, 'the outbox has the link issueSetupLink returned');
  assert.equal(await status(token), true);
  assert.equal(await status('wrong-token-0123456789'), false);
  assert.equal(await status(''), false);
});

test('a new set-up link replaces the unused old one', async () => {
  const old = await tokenFromOutbox();
  await issueSetupLink(t.ctx);
  const fresh = await tokenFromOutbox();
  assert.notEqual(fresh, old);
  assert.equal(await status(old), false);
  assert.equal(await status(fresh), true);
  const withOld = await setUp({ token: old, name: 'Olga Old', email: 'olga@example.com' });
  assert.equal(withOld.statusCode, 400);
  assert.equal(withOld.json().error.code, 'setup_link_invalid');
});

test('a wrong token or a sign-in link cannot set Podium up', async () => {
  const wrong = await setUp({ token: 'wrong-token-0123456789', name: 'Mallory', email: 'mallory@example.com' });
  assert.equal(wrong.statusCode, 400);
  assert.equal(wrong.json().error.code, 'setup_link_invalid');

  const ambassador = await buildPerson(t, { email: 'amy.ambassador@example.com' });
  await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: ambassador.email } });
  const signIn = linkIn((await lastMailTo(t, ambassador.email))?.text ?? '').searchParams.get('token') ?? '';
  const withSignIn = await setUp({ token: signIn, name: 'Amy', email: ambassador.email });
  assert.equal(withSignIn.statusCode, 400);
  assert.equal(await needsSetup(t.ctx), true, 'still no admin');

  const short = await setUp({ token: 'x', name: 'Mallory', email: 'mallory@example.com' });
  assert.equal(short.statusCode, 400);
  assert.equal(short.json().error.code, 'validation_failed');
});

test('the set-up link creates the first admin and signs them in', async () => {
  const token = await tokenFromOutbox();
  const response = await setUp({ token, name: 'Fenna First', email: 'Fenna.First@Example.com', language: 'nl' });
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json();
  assert.equal(body.person.email, 'fenna.first@example.com');
  assert.ok(body.person.roles.includes('admin'));
  assert.equal(body.person.language, 'nl');
  assert.ok(body.csrfToken);
  const cookie = String(response.headers['set-cookie']);
  assert.match(cookie, /podium_session=[^;]+;.*HttpOnly/);

  const session = cookie.split(';')[0] ?? '';
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session } });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().name, 'Fenna First');
  const people = await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: { cookie: session } });
  assert.equal(people.statusCode, 200, 'the first admin can manage people at once');
  const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit-log?action=setup.completed', headers: { cookie: session } });
  assert.equal(audit.json().items[0]?.subjectId, body.person.id, 'set-up is audited');
  assert.equal(await needsSetup(t.ctx), false);
});

test('the set-up link cannot be reused, and once an admin exists set-up is 409 setup_done', async () => {
  const used = await tokenFromOutbox();
  assert.equal(await status(used), false);
  const reuse = await setUp({ token: used, name: 'Second Try', email: 'second@example.com' });
  assert.equal(reuse.statusCode, 409);
  assert.equal(reuse.json().error.code, 'setup_done');

  await issueSetupLink(t.ctx);
  const fresh = await tokenFromOutbox();
  assert.equal(await status(fresh), false, 'a set-up link is never valid once Podium is set up');
  const again = await setUp({ token: fresh, name: 'Third Try', email: 'third@example.com' });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error.code, 'setup_done');
  const nobody = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'third@example.com' } });
  assert.equal(nobody.statusCode, 202);
  assert.equal(await lastMailTo(t, 'third@example.com'), undefined, 'no person was created');
});
