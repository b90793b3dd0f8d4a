import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders } from '../../test/support/factories.ts';
import { people } from '../db/schema/index.ts';
import { unsubscribeHeaders, unsubscribeToken, unsubscribeUrl, verifyUnsubscribeToken } from './unsubscribe.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t?.close());

const columnsOf = async (id: string) => {
  const [row] = await t.ctx.database.db.select({ nudges: people.nudgeMailUnsubscribedAt, digest: people.digestUnsubscribedAt }).from(people).where(eq(people.id, id));
  return row;
};
const oneClick = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: 'List-Unsubscribe=One-Click' });

test('the URL and headers: absolute on the base URL, RFC 8058 one-click marker', async () => {
  const person = await buildPerson(t);
  const url = unsubscribeUrl(t.ctx, person.id, 'nudges');
  assert.match(url, /^http:\/\/podium\.test\/unsubscribe\/n\.[0-9a-f-]{36}\.[0-9a-z]+\.[\w-]{32}$/);
  assert.deepEqual(unsubscribeHeaders(t.ctx, person.id, 'digest'), {
    'List-Unsubscribe': `<${unsubscribeUrl(t.ctx, person.id, 'digest')}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  });
  assert.deepEqual(verifyUnsubscribeToken(t.ctx, unsubscribeToken(t.ctx, person.id, 'digest')), {
    scope: 'digest',
    personId: person.id,
    issuedAt: new Date(Math.floor(t.clock.now().getTime() / 1000) * 1000),
  });
});

test('a GET (as a mail scanner sends) shows a page with a button and changes nothing', async () => {
  const person = await buildPerson(t, { language: 'nl', name: 'Noor Visser' });
  const path = new URL(unsubscribeUrl(t.ctx, person.id, 'nudges')).pathname;
  for (let i = 0; i < 3; i++) {
    const page = await t.app.inject({ method: 'GET', url: path });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.body, /<html lang="nl">/);
    assert.match(page.body, /Afmelden voor nudge-e-mails\?/);
    assert.match(page.body, new RegExp(`<form method="post" action="${path.replace(/[.]/g, '\\.')}">`));
    assert.match(page.body, /<button type="submit" class="button">Afmelden voor nudge-e-mails<\/button>/);
  }
  assert.deepEqual(await columnsOf(person.id), { nudges: null, digest: null });
});

test('the one-click POST unsubscribes without a session (and with a stray session cookie but no CSRF header); replaying it is harmless', async () => {
  const person = await buildPerson(t, { language: 'en' });
  const path = new URL(unsubscribeUrl(t.ctx, person.id, 'nudges')).pathname;
  const { cookie = '' } = await sessionHeaders(t, person);
  const first = await oneClick(path, { cookie });
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /You are unsubscribed/);
  const after = await columnsOf(person.id);
  assert.ok(after?.nudges, 'nudge mail unsubscribed');
  assert.equal(after?.digest, null, 'the digest is another scope');
  t.clock.advance(60_000);
  const replay = await oneClick(path);
  assert.equal(replay.statusCode, 200);
  assert.match(replay.body, /already unsubscribed/);
  assert.equal((await columnsOf(person.id))?.nudges?.toISOString(), after?.nudges?.toISOString(), 'the first time is kept');
  // The page's own form and a multipart body (RFC 8058 allows both) work the same.
  const digestPath = new URL(unsubscribeUrl(t.ctx, person.id, 'digest')).pathname;
  const multipart = await t.app.inject({
    method: 'POST',
    url: digestPath,
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
  });
  assert.equal(multipart.statusCode, 200);
  assert.ok((await columnsOf(person.id))?.digest);
});

test('forged, altered or truncated tokens are refused and change nothing', async () => {
  const person = await buildPerson(t);
  const victim = await buildPerson(t);
  const token = unsubscribeToken(t.ctx, person.id, 'nudges');
  const [scope, , issued, mac] = token.split('.');
  const forgeries = [
    `${scope}.${victim.id}.${issued}.${mac}`, // someone else's id with this signature
    `d.${person.id}.${issued}.${mac}`, // another scope
    `${scope}.${person.id}.${issued}.${'A'.repeat(32)}`,
    token.slice(0, -1),
    `${token}.extra`,
    'not-a-token',
  ];
  for (const forged of forgeries) {
    assert.equal(verifyUnsubscribeToken(t.ctx, forged), null, forged);
    const response = await oneClick(`/unsubscribe/${encodeURIComponent(forged)}`);
    assert.equal(response.statusCode, 404, forged);
    assert.match(response.body, /This unsubscribe link is not valid/);
  }
  // Signed with another installation's key.
  const otherKey = { ...t.ctx, config: { ...t.ctx.config, secretKey: 'another-secret-key-that-is-long-enough-000' } };
  assert.equal(verifyUnsubscribeToken(t.ctx, unsubscribeToken(otherKey, victim.id, 'nudges')), null);
  assert.deepEqual(await columnsOf(victim.id), { nudges: null, digest: null });
});

test('re-subscribing in the profile voids links issued before; a link issued after works again', async () => {
  const person = await buildPerson(t, { language: 'en' });
  const headers = await sessionHeaders(t, person);
  const old = new URL(unsubscribeUrl(t.ctx, person.id, 'nudges')).pathname;
  assert.equal((await oneClick(old)).statusCode, 200);
  const unsubscribed = await t.app.inject({ method: 'GET', url: '/api/v1/me/mail-subscriptions', headers });
  assert.deepEqual(unsubscribed.json(), { nudges: false, digest: true });

  t.clock.advance(5_000);
  const resubscribe = await t.app.inject({ method: 'PUT', url: '/api/v1/me/mail-subscriptions', headers, payload: { nudges: true } });
  assert.equal(resubscribe.statusCode, 200);
  assert.deepEqual(resubscribe.json(), { nudges: true, digest: true });

  t.clock.advance(5_000);
  const stale = await oneClick(old);
  assert.equal(stale.statusCode, 200);
  assert.match(stale.body, /no longer unsubscribes you/);
  assert.equal((await columnsOf(person.id))?.nudges, null, 'the old link did not unsubscribe them again');
  const staleGet = await t.app.inject({ method: 'GET', url: old });
  assert.doesNotMatch(staleGet.body, /<form/);

  const fresh = new URL(unsubscribeUrl(t.ctx, person.id, 'nudges')).pathname;
  assert.equal((await oneClick(fresh)).statusCode, 200);
  assert.ok((await columnsOf(person.id))?.nudges);
  // Unsubscribing in the profile works too.
  const digestOff = await t.app.inject({ method: 'PUT', url: '/api/v1/me/mail-subscriptions', headers, payload: { digest: false } });
  assert.deepEqual(digestOff.json(), { nudges: false, digest: false });
});

test('an erased person’s link is not valid any more', async () => {
  const person = await buildPerson(t, { erasedAt: t.clock.now() });
  const response = await oneClick(new URL(unsubscribeUrl(t.ctx, person.id, 'nudges')).pathname);
  assert.equal(response.statusCode, 404);
});
