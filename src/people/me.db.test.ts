import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ALUMNI_SESSION_METHOD } from '../auth/alumni-access.ts';
import { createSession, csrfTokenFor } from '../auth/sessions.ts';
import { hashToken } from '../auth/tokens.ts';
import { putSetting } from '../settings/service.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t?.close());

type Status = 'invited' | 'active' | 'paused' | 'opted_out' | 'alumni';

/** A signed-in person with the given ambassador status. */
async function signedIn(ambassadorStatus: Status = 'invited') {
  const person = await buildPerson(t, { ambassadorStatus });
  const headers = await sessionHeaders(t, person);
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return { person, headers, call };
}

async function currentPolicyVersion(): Promise<string> {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/settings/public' });
  assert.equal(response.statusCode, 200);
  return response.json().socialPolicyVersion;
}

test('a person edits their own profile, and only the fields a person may change', async () => {
  const { person, call } = await signedIn();
  const edited = await call('PATCH', '/api/v1/me', { name: ' Sanne de Vries ', language: 'nl', timeZone: 'Europe/London', notificationChannels: ['email'] });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.equal(edited.json().name, 'Sanne de Vries');
  assert.equal(edited.json().language, 'nl');
  const read = await call('GET', '/api/v1/me');
  assert.equal(read.json().timeZone, 'Europe/London');
  assert.deepEqual(read.json().notificationChannels, ['email']);

  const sneaky = await call('PATCH', '/api/v1/me', { roles: ['admin'], email: 'boss@example.com', active: true, ambassadorStatus: 'active' });
  assert.ok(sneaky.statusCode < 500);
  const after = await call('GET', '/api/v1/me');
  assert.deepEqual(after.json().roles, ['ambassador'], 'nobody makes themselves admin');
  assert.equal(after.json().email, person.email);
  assert.equal(after.json().ambassadorStatus, 'invited');

  const bad = await call('PATCH', '/api/v1/me', { timeZone: 'Nowhere/Special' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /^Sommige velden/, 'errors follow the language just chosen');
});

test('consent with the current policy version makes the person active and records it', async () => {
  const { call } = await signedIn('invited');
  const version = await currentPolicyVersion();
  const response = await call('POST', '/api/v1/me/consent', { policyVersion: version });
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.json().ambassadorStatus, 'active');
  assert.equal(response.json().consent.policyVersion, version);
  assert.equal(response.json().consent.givenAt, t.clock.now().toISOString());
  const me = await call('GET', '/api/v1/me');
  assert.equal(me.json().consent.policyVersion, version, 'the consent is kept');
});

test('consent to a policy version that is no longer current is 409 policy_outdated', async () => {
  const { call } = await signedIn('invited');
  const old = await currentPolicyVersion();
  await putSetting(t.ctx.database.db, 'policy.socialMediaVersion', '2027-2', t.clock.now());
  try {
    assert.equal(await currentPolicyVersion(), '2027-2');
    const stale = await call('POST', '/api/v1/me/consent', { policyVersion: old });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'policy_outdated');
    assert.match(stale.json().error.message, /2027-2/, 'the message names the current version');
    const me = await call('GET', '/api/v1/me');
    assert.equal(me.json().ambassadorStatus, 'invited');
    assert.equal(me.json().consent, null);
    const current = await call('POST', '/api/v1/me/consent', { policyVersion: '2027-2' });
    assert.equal(current.json().consent.policyVersion, '2027-2');
  } finally {
    await putSetting(t.ctx.database.db, 'policy.socialMediaVersion', old, t.clock.now());
  }
});

test('pause, resume and opt-out follow the ambassador lifecycle', async () => {
  const { call } = await signedIn('invited');
  const step = async (path: string, expected: Status | 409) => {
    const response = await call('POST', `/api/v1/me/${path}`);
    if (expected === 409) {
      assert.equal(response.statusCode, 409, `${path}: ${response.body}`);
      assert.equal(response.json().error.code, 'invalid_status_change');
    } else {
      assert.equal(response.statusCode, 200, `${path}: ${response.body}`);
      assert.equal(response.json().ambassadorStatus, expected, path);
    }
    return response;
  };
  await step('pause', 409);
  await step('resume', 409);
  await call('POST', '/api/v1/me/consent', { policyVersion: await currentPolicyVersion() });
  await step('resume', 409);
  const paused = await step('pause', 'paused');
  assert.ok(paused.json().consent, 'pausing keeps consent');
  await step('pause', 409);
  await step('resume', 'active');
  const out = await step('opt-out', 'opted_out');
  assert.equal(out.json().consent, null, 'opting out withdraws consent');
  await step('opt-out', 409);
  await step('pause', 409);
  await step('resume', 409);
  const back = await call('POST', '/api/v1/me/consent', { policyVersion: await currentPolicyVersion() });
  assert.equal(back.json().ambassadorStatus, 'active', 'a person who left may rejoin');
});

test('an alumnus can neither pause nor consent from alumni status', async () => {
  // Alumni sign in only with an alumni session (src/auth/alumni-access.ts), which reaches no consent or pause.
  const { call } = await signedIn('alumni');
  assert.equal((await call('POST', '/api/v1/me/pause')).statusCode, 401, 'an employee session is not an alumnus’s');
  const alumnus = await buildPerson(t, { ambassadorStatus: 'alumni', alumniJoinedAt: t.clock.now() });
  const token = await createSession(t.ctx.database.db, alumnus.id, ALUMNI_SESSION_METHOD, t.clock.now());
  const headers = { cookie: `podium_session=${token}`, 'x-csrf-token': csrfTokenFor(t.config.secretKey, hashToken(token)) };
  const pause = await t.app.inject({ method: 'POST', url: '/api/v1/me/pause', headers });
  assert.equal(pause.statusCode, 403);
  const consent = await t.app.inject({ method: 'POST', url: '/api/v1/me/consent', headers, payload: { policyVersion: await currentPolicyVersion() } });
  assert.equal(consent.statusCode, 403);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers })).json().ambassadorStatus, 'alumni');
});

test('opting out withdraws consent in the data export as well', async () => {
  const { call } = await signedIn('invited');
  await call('POST', '/api/v1/me/consent', { policyVersion: await currentPolicyVersion() });
  t.clock.advance(60_000);
  await call('POST', '/api/v1/me/opt-out');
  const exported = (await call('GET', '/api/v1/me/export')).json();
  const consents: { withdrawnAt: string | null }[] = exported['people.consent'].consents;
  assert.equal(consents.length, 1);
  assert.equal(consents[0]?.withdrawnAt, t.clock.now().toISOString());
  const statuses = exported['people.consent'].statusChanges.map((c: { toStatus: string }) => c.toStatus);
  assert.deepEqual(statuses, ['active', 'opted_out']);
});

test('my export has a section for every privacy register entry, and only my data', async () => {
  const other = await buildPerson(t, { name: 'Someone Else Entirely' });
  const { person, call } = await signedIn('active');
  const response = await call('GET', '/api/v1/me/export');
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-disposition']), /attachment; filename="podium-my-data\.json"/);
  const exported = response.json();
  const register = await t.app.inject({ method: 'GET', url: '/api/v1/privacy/register', headers: await tokenHeaders(t, 'admin') });
  const keys: string[] = register.json().items.map((item: { key: string }) => item.key);
  assert.ok(keys.length >= 5);
  for (const key of keys) assert.ok(key in exported, `export has section ${key}`);
  assert.equal(exported.personId, person.id);
  assert.equal(exported['people.profile'].email, person.email);
  assert.equal('passwordHash' in exported['people.profile'], false, 'no password hash in the export');
  assert.equal(response.body.includes(other.email), false, 'nobody else’s data');
});

test('an organisation token has no profile of its own', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: await tokenHeaders(t, 'admin') });
  assert.equal(response.statusCode, 403);
});

test('a person may enter their LinkedIn network size, clear it again, and not make it negative', async () => {
  const { call } = await signedIn('active');
  const set = await call('PATCH', '/api/v1/me', { networkSize: 1250 });
  assert.equal(set.statusCode, 200, set.body);
  assert.equal(set.json().networkSize, 1250);
  const negative = await call('PATCH', '/api/v1/me', { networkSize: -3 });
  assert.equal(negative.statusCode, 400);
  assert.equal(negative.json().error.code, 'validation_failed');
  assert.equal((await call('GET', '/api/v1/me')).json().networkSize, 1250);
  const cleared = await call('PATCH', '/api/v1/me', { networkSize: null });
  assert.equal(cleared.json().networkSize, null);
});
