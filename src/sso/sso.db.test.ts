import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { createLink } from '../auth/links.ts';
import { setPassword } from '../people/lifecycle.ts';
import { auditLog, groupMemberships, groups, identities, people } from '../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, lastMailTo, tokenHeaders } from '../../test/support/factories.ts';
import { startTestIssuer, type TestIssuer } from '../../test/support/oidc-issuer.ts';
import { SsoFailure } from './client.ts';
import { signInWithClaims } from './service.ts';

const BASE = 'http://podium.test';
let issuer: TestIssuer;
let t: TestApp;

before(async () => {
  issuer = await startTestIssuer({ redirectUri: `${BASE}/api/v1/auth/sso/callback` });
  t = await createTestApp({
    PODIUM_OIDC_ISSUER: issuer.issuer,
    PODIUM_OIDC_CLIENT_ID: issuer.clientId,
    PODIUM_OIDC_CLIENT_SECRET: issuer.clientSecret,
    PODIUM_OIDC_LABEL: 'Contoso',
    PODIUM_OIDC_ALLOWED_DOMAINS: 'example.com, @contoso.example',
    PODIUM_OIDC_GROUPS_CLAIM: 'groups',
  });
});
after(async () => {
  await t?.close();
  await issuer?.close();
});

let address = 0;
/** Each sign-in from its own client address: the sign-in routes are rate limited per address. */
const from = () => `192.0.2.${(address++ % 250) + 1}`;

function cookieFrom(response: { headers: Record<string, unknown> }, name: string): string {
  const raw = response.headers['set-cookie'];
  const lines = Array.isArray(raw) ? raw : [String(raw ?? '')];
  const line = lines.find((l: string) => l.startsWith(`${name}=`));
  return line ? (line.split(';')[0] ?? '') : '';
}

/** Starts SSO in Podium, signs in at the provider as the account, and hands the answer to the callback. */
async function signInAs(app: TestApp, account: string, options: { returnTo?: string; cookie?: string } = {}) {
  const query = options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : '';
  const start = await app.app.inject({ method: 'GET', url: `/api/v1/auth/sso/start${query}`, remoteAddress: from() });
  assert.equal(start.statusCode, 302, start.body);
  const location = String(start.headers.location);
  assert.ok(location.startsWith(`${issuer.issuer}/`), `redirects to the provider: ${location}`);
  const authorize = new URL(location);
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  assert.ok(authorize.searchParams.get('state') && authorize.searchParams.get('nonce'), 'state and nonce are sent');
  const pending = cookieFrom(start, 'podium_sso');
  assert.ok(pending, 'the pending sign-in is kept in a cookie');
  assert.match(String(start.headers['set-cookie']), /podium_sso=.+; Max-Age=600; Path=\/api\/v1\/auth\/sso; HttpOnly; SameSite=Lax/);
  const back = await issuer.login(location, account);
  assert.equal(back.origin + back.pathname, `${BASE}/api/v1/auth/sso/callback`);
  const callback = await app.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, remoteAddress: from(), headers: { cookie: options.cookie ?? pending } });
  assert.equal(callback.statusCode, 302, callback.body);
  const session = cookieFrom(callback, 'podium_session');
  return { location: String(callback.headers.location), session, back, pending };
}

async function signedInPerson(app: TestApp, session: string) {
  const response = await app.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: session } });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().person as { id: string; email: string; name: string; roles: string[] };
}

async function identitiesOf(personId: string) {
  return t.ctx.database.db.select().from(identities).where(eq(identities.personId, personId));
}

async function groupNamesOf(personId: string) {
  const rows = await t.ctx.database.db
    .select({ name: groups.name, kind: groups.kind, externalId: groups.externalId })
    .from(groupMemberships)
    .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
    .where(eq(groupMemberships.personId, personId));
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

test('the sign-in page learns that SSO is on, its label, and that it is not required', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso' });
  assert.equal(response.statusCode, 200);
  assert.deepEqual(response.json(), { enabled: true, label: 'Contoso', required: false, startUrl: '/api/v1/auth/sso/start' });
});

test('a first sign-in creates the person as an ambassador with groups from the claim, and is audited', async () => {
  const admin = await tokenHeaders(t, 'admin');
  const department = await t.app.inject({ method: 'POST', url: '/api/v1/groups', headers: admin, payload: { kind: 'department', name: 'Marketing' } });
  assert.equal(department.statusCode, 201);
  issuer.accounts.set('alice', { sub: 'alice-0001', email: 'Alice@Example.com', email_verified: true, name: 'Alice Jansen', groups: ['marketing', 'Sales NL'] });

  const { location, session } = await signInAs(t, 'alice', { returnTo: '/stories?tab=new' });
  assert.equal(location, `${BASE}/stories?tab=new`, 'back where the person wanted to go');
  assert.ok(session, 'a session cookie is set');
  const person = await signedInPerson(t, session);
  assert.equal(person.email, 'alice@example.com');
  assert.equal(person.name, 'Alice Jansen');
  assert.deepEqual(person.roles, ['ambassador']);

  const [identity] = await identitiesOf(person.id);
  assert.equal(identity?.provider, 'oidc');
  assert.equal(identity?.issuer, issuer.issuer);
  assert.equal(identity?.subject, 'alice-0001');
  const [row] = await t.ctx.database.db.select().from(people).where(eq(people.id, person.id));
  assert.equal(row?.ambassadorStatus, 'invited', 'joining the programme stays the person’s own choice');

  assert.deepEqual(await groupNamesOf(person.id), [
    { name: 'Marketing', kind: 'department', externalId: null },
    { name: 'Sales NL', kind: 'team', externalId: 'Sales NL' },
  ]);
  const audit = await t.ctx.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'sso.person_created'), eq(auditLog.subjectId, person.id)));
  assert.equal(audit.length, 1);
  assert.deepEqual(audit[0]?.after, { issuer: issuer.issuer, subject: 'alice-0001', email: 'alice@example.com' });
  const sessionRow = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: session } });
  assert.equal(sessionRow.statusCode, 200);
});

test('a second sign-in is the same identity even after the e-mail address changed; name, address and groups follow', async () => {
  issuer.accounts.set('dave', { sub: 'dave-0002', email: 'dave@example.com', email_verified: true, name: 'Dave', groups: ['Platform', 'Design'] });
  const first = await signedInPerson(t, (await signInAs(t, 'dave')).session);
  assert.deepEqual(
    (await groupNamesOf(first.id)).map((g) => g.name),
    ['Design', 'Platform'],
  );
  issuer.accounts.set('dave', { sub: 'dave-0002', email: 'dave.de.vries@contoso.example', email_verified: true, name: 'Dave de Vries', groups: ['Platform'] });
  const second = await signedInPerson(t, (await signInAs(t, 'dave')).session);
  assert.equal(second.id, first.id, 'the subject, not the address, names the person');
  assert.equal(second.email, 'dave.de.vries@contoso.example');
  assert.equal(second.name, 'Dave de Vries');
  const rows = await identitiesOf(first.id);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.email, 'dave.de.vries@contoso.example');
  assert.deepEqual(
    (await groupNamesOf(first.id)).map((g) => g.name),
    ['Platform'],
    'left the provider group that is no longer in the claim',
  );
});

test('the first sign-in links an existing person by verified e-mail address', async () => {
  const bob = await buildPerson(t, { email: 'bob@example.com', name: 'Bob', roles: ['editor', 'ambassador'] });
  issuer.accounts.set('bob', { sub: 'bob-0003', email: 'BOB@example.com', email_verified: true, name: 'Bob Bakker' });
  const { session } = await signInAs(t, 'bob');
  const person = await signedInPerson(t, session);
  assert.equal(person.id, bob.id);
  assert.deepEqual(person.roles, ['editor', 'ambassador'], 'roles stay as Podium has them');
  assert.equal((await identitiesOf(bob.id)).length, 1);
  const audit = await t.ctx.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'sso.identity_linked'), eq(auditLog.subjectId, bob.id)));
  assert.equal(audit.length, 1);

  // Another account at the provider that now has Bob's address does not get into Bob's account.
  issuer.accounts.set('newbob', { sub: 'bob-9999', email: 'bob@example.com', email_verified: true, name: 'Another Bob' });
  const other = await signInAs(t, 'newbob');
  assert.equal(other.location, `${BASE}/sign-in?sso_error=failed`);
  assert.equal(other.session, '');
  assert.equal((await identitiesOf(bob.id)).length, 1);
});

test('an unverified e-mail address never takes over an existing person', async () => {
  const erin = await buildPerson(t, { email: 'erin@example.com' });
  issuer.accounts.set('erin', { sub: 'erin-0004', email: 'erin@example.com', email_verified: false, name: 'Not Erin' });
  const { location, session } = await signInAs(t, 'erin');
  assert.equal(location, `${BASE}/sign-in?sso_error=email_unverified`);
  assert.equal(session, '');
  assert.equal((await identitiesOf(erin.id)).length, 0);
});

test('an unverified e-mail address does not create a person either (nobody claims a colleague’s address before they arrive)', async () => {
  issuer.accounts.set('squatter', { sub: 'squat-0020', email: 'newcomer@example.com', email_verified: false, name: 'Not The Newcomer' });
  const { location, session } = await signInAs(t, 'squatter');
  assert.equal(location, `${BASE}/sign-in?sso_error=email_unverified`);
  assert.equal(session, '');
  assert.equal((await t.ctx.database.db.select().from(people).where(eq(people.email, 'newcomer@example.com'))).length, 0, 'nobody was created');
});

test('"false" as a string is an unverified address too', async () => {
  const fay = await buildPerson(t, { email: 'fay@example.com' });
  issuer.accounts.set('fay', { sub: 'fay-0021', email: 'fay@example.com', email_verified: true, name: 'Fay' });
  issuer.rewriteNextIdToken((claims) => ({ ...claims, email_verified: 'false' }));
  const { location, session } = await signInAs(t, 'fay');
  assert.equal(location, `${BASE}/sign-in?sso_error=email_unverified`);
  assert.equal(session, '');
  assert.equal((await identitiesOf(fay.id)).length, 0);
});

test('an ID token signed with a key the provider never published is refused (signature)', async () => {
  issuer.accounts.set('forged', { sub: 'forged-0022', email: 'forged@example.com', email_verified: true, name: 'Forged' });
  issuer.rewriteNextIdToken((claims) => claims, { foreignKey: true });
  const { location, session } = await signInAs(t, 'forged');
  assert.equal(location, `${BASE}/sign-in?sso_error=failed`);
  assert.equal(session, '');
  assert.equal((await t.ctx.database.db.select().from(people).where(eq(people.email, 'forged@example.com'))).length, 0, 'nobody was created');
});

test('without allowed domains, an administrator’s account is linked only to an address the provider says it verified', async () => {
  const settings = { ...(t.ctx.config.oidc as NonNullable<typeof t.ctx.config.oidc>), allowedDomains: [] };
  const root = await buildPerson(t, { email: 'root.admin@example.com', roles: ['admin', 'ambassador'] });
  await assert.rejects(
    signInWithClaims(t.ctx, settings, { sub: 'root-0023', email: 'root.admin@example.com', name: 'Root' }),
    (error: unknown) => error instanceof SsoFailure && error.code === 'email_unverified',
  );
  assert.equal((await identitiesOf(root.id)).length, 0);
  // An ambassador's account links as before when the provider says nothing (Entra ID sends no email_verified).
  const amber = await buildPerson(t, { email: 'amber@example.com', roles: ['ambassador'] });
  assert.deepEqual(await signInWithClaims(t.ctx, settings, { sub: 'amber-0024', email: 'amber@example.com', name: 'Amber' }), { personId: amber.id, outcome: 'linked' });
  // With the provider's word, the administrator links too.
  assert.deepEqual(await signInWithClaims(t.ctx, settings, { sub: 'root-0023', email: 'root.admin@example.com', email_verified: true, name: 'Root' }), { personId: root.id, outcome: 'linked' });
});

test('with Google, an allowed address counts only from the organisation’s Workspace (hd claim), not from a private Google account', async () => {
  const google = { ...(t.ctx.config.oidc as NonNullable<typeof t.ctx.config.oidc>), issuer: 'https://accounts.google.com' };
  await assert.rejects(
    signInWithClaims(t.ctx, google, { sub: 'g-0030', email: 'gert@example.com', email_verified: true, name: 'Gert' }),
    (error: unknown) => error instanceof SsoFailure && error.code === 'domain_not_allowed',
  );
  await assert.rejects(
    signInWithClaims(t.ctx, google, { sub: 'g-0030', email: 'gert@example.com', email_verified: true, hd: 'elsewhere.example', name: 'Gert' }),
    (error: unknown) => error instanceof SsoFailure && error.code === 'domain_not_allowed',
  );
  assert.equal((await t.ctx.database.db.select().from(people).where(eq(people.email, 'gert@example.com'))).length, 0, 'nobody was created');
  const created = await signInWithClaims(t.ctx, google, { sub: 'g-0030', email: 'gert@example.com', email_verified: true, hd: 'example.com', name: 'Gert' });
  assert.equal(created.outcome, 'created');
});

test('an ID token for another application is refused (wrong audience)', async () => {
  issuer.accounts.set('frank', { sub: 'frank-0005', email: 'frank@example.com', email_verified: true, name: 'Frank' });
  issuer.rewriteNextIdToken((claims) => ({ ...claims, aud: issuer.otherClientId, azp: issuer.otherClientId }));
  const { location, session } = await signInAs(t, 'frank');
  assert.equal(location, `${BASE}/sign-in?sso_error=wrong_audience`);
  assert.equal(session, '');
  assert.equal((await t.ctx.database.db.select().from(people).where(eq(people.email, 'frank@example.com'))).length, 0, 'nobody was created');
});

test('an expired ID token is refused', async () => {
  issuer.accounts.set('gina', { sub: 'gina-0006', email: 'gina@example.com', email_verified: true, name: 'Gina' });
  const now = Math.floor(Date.now() / 1000);
  issuer.rewriteNextIdToken((claims) => ({ ...claims, iat: now - 7200, exp: now - 3600 }));
  const { location, session } = await signInAs(t, 'gina', { returnTo: '/feed' });
  assert.equal(location, `${BASE}/sign-in?sso_error=token_expired&next=%2Ffeed`);
  assert.equal(session, '');
});

test('an address outside the allowed domains is refused, and nobody is created', async () => {
  issuer.accounts.set('mallory', { sub: 'mallory-0007', email: 'mallory@elsewhere.example', email_verified: true, name: 'Mallory' });
  const { location, session } = await signInAs(t, 'mallory');
  assert.equal(location, `${BASE}/sign-in?sso_error=domain_not_allowed`);
  assert.equal(session, '');
  assert.equal((await t.ctx.database.db.select().from(people).where(eq(people.email, 'mallory@elsewhere.example'))).length, 0);
});

test('an answer that belongs to another sign-in, or comes without the cookie, is refused (state mismatch)', async () => {
  issuer.accounts.set('henk', { sub: 'henk-0008', email: 'henk@example.com', email_verified: true, name: 'Henk' });
  const other = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso/start', remoteAddress: from() });
  const otherCookie = cookieFrom(other, 'podium_sso');
  const swapped = await signInAs(t, 'henk', { cookie: otherCookie });
  assert.equal(swapped.location, `${BASE}/sign-in?sso_error=state_mismatch`);
  assert.equal(swapped.session, '');

  const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso/start', remoteAddress: from() });
  const back = await issuer.login(String(start.headers.location), 'henk');
  const noCookie = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, remoteAddress: from() });
  assert.equal(noCookie.headers.location, `${BASE}/sign-in?sso_error=state_mismatch`);
  const tampered = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, remoteAddress: from(), headers: { cookie: `${cookieFrom(start, 'podium_sso')}x` } });
  assert.equal(tampered.headers.location, `${BASE}/sign-in?sso_error=state_mismatch`, 'an altered cookie is no cookie');
});

test('a pending sign-in older than ten minutes is refused', async () => {
  issuer.accounts.set('ilse', { sub: 'ilse-0009', email: 'ilse@example.com', email_verified: true, name: 'Ilse' });
  const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso/start', remoteAddress: from() });
  const back = await issuer.login(String(start.headers.location), 'ilse');
  t.clock.advance(11 * 60_000);
  const late = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, remoteAddress: from(), headers: { cookie: cookieFrom(start, 'podium_sso') } });
  assert.equal(late.headers.location, `${BASE}/sign-in?sso_error=state_mismatch`);
});

test('alumni and deactivated people are refused through SSO', async () => {
  const alumnus = await buildPerson(t, {
    email: 'jan@example.com',
    ambassadorStatus: 'alumni',
    leftAt: t.clock.now(),
    alumniJoinedAt: t.clock.now(),
    personalEmail: 'jan@private.example',
  });
  issuer.accounts.set('jan', { sub: 'jan-0010', email: 'jan@example.com', email_verified: true, name: 'Jan' });
  assert.equal((await signInAs(t, 'jan')).location, `${BASE}/sign-in?sso_error=alumni`);
  assert.equal((await identitiesOf(alumnus.id)).length, 0);

  // Someone who already signed in by SSO and left since.
  const alice = await t.ctx.database.db.select().from(people).where(eq(people.email, 'alice@example.com'));
  await t.ctx.database.db.update(people).set({ ambassadorStatus: 'alumni', leftAt: t.clock.now() }).where(eq(people.email, 'alice@example.com'));
  const refused = await signInAs(t, 'alice');
  assert.equal(refused.location, `${BASE}/sign-in?sso_error=alumni`);
  assert.equal(refused.session, '');
  assert.ok(alice[0]);

  await buildPerson(t, { email: 'kim@example.com', active: false, deactivatedAt: t.clock.now() });
  issuer.accounts.set('kim', { sub: 'kim-0011', email: 'kim@example.com', email_verified: true, name: 'Kim' });
  assert.equal((await signInAs(t, 'kim')).location, `${BASE}/sign-in?sso_error=account_deactivated`);
});

test('the return path is a path inside Podium only (no open redirect)', async () => {
  issuer.accounts.set('lotte', { sub: 'lotte-0012', email: 'lotte@example.com', email_verified: true, name: 'Lotte' });
  for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/sign-in']) {
    const { location } = await signInAs(t, 'lotte', { returnTo });
    assert.equal(location, `${BASE}/`, returnTo);
  }
});

test('a cancelled sign-in at the provider comes back as denied', async () => {
  const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso/start', remoteAddress: from() });
  const state = new URL(String(start.headers.location)).searchParams.get('state') ?? '';
  const url = `/api/v1/auth/sso/callback?error=access_denied&state=${encodeURIComponent(state)}&iss=${encodeURIComponent(issuer.issuer)}`;
  const response = await t.app.inject({ method: 'GET', url, remoteAddress: from(), headers: { cookie: cookieFrom(start, 'podium_sso') } });
  assert.equal(response.headers.location, `${BASE}/sign-in?sso_error=denied`);
});

test('erasing a person deletes their identities', async () => {
  issuer.accounts.set('mies', { sub: 'mies-0013', email: 'mies@example.com', email_verified: true, name: 'Mies' });
  const person = await signedInPerson(t, (await signInAs(t, 'mies')).session);
  assert.equal((await identitiesOf(person.id)).length, 1);
  const admin = await tokenHeaders(t, 'admin');
  const erase = await t.app.inject({ method: 'POST', url: `/api/v1/people/${person.id}/erase`, headers: admin });
  assert.ok(erase.statusCode < 300, erase.body);
  assert.equal((await identitiesOf(person.id)).length, 0);
});

test('SSO that is required: employees are sent to the SSO button, break-glass admins and alumni are not', async () => {
  // A provider that cannot be reached: magic links and passwords are what this test is about.
  const required = await createTestApp({
    PODIUM_OIDC_ISSUER: 'http://127.0.0.1:9',
    PODIUM_OIDC_CLIENT_ID: 'podium',
    PODIUM_OIDC_CLIENT_SECRET: 'secret',
    PODIUM_OIDC_LABEL: 'Microsoft',
    PODIUM_OIDC_ALLOWED_DOMAINS: 'example.com',
    PODIUM_SSO_REQUIRED: 'true',
    PODIUM_SSO_BREAK_GLASS: 'Root@Example.com',
  });
  try {
    const status = await required.app.inject({ method: 'GET', url: '/api/v1/auth/sso' });
    assert.equal(status.json().required, true);

    const employee = await buildPerson(required, { email: 'emma@example.com' });
    const refused = await required.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: employee.email }, headers: { 'accept-language': 'nl' } });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'sso_required');
    assert.match(refused.json().error.message, /Inloggen met Microsoft/);
    assert.equal(await lastMailTo(required, employee.email), undefined);
    const unknown = await required.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'nobody@example.com' } });
    assert.equal(unknown.statusCode, 403, 'the same answer for an unknown address in the organisation’s domain');

    // A sign-in link sent before SSO became required no longer works for an employee.
    const createdToken = await createLink(required.ctx.database.db, 'sign_in', employee.id, required.clock.now());
    const verify = await required.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', payload: { token: createdToken } });
    assert.equal(verify.statusCode, 403);
    assert.equal(verify.json().error.code, 'sso_required');

    const root = await buildPerson(required, { email: 'root@example.com', roles: ['admin', 'ambassador'] });
    const allowed = await required.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'ROOT@example.com' } });
    assert.equal(allowed.statusCode, 202);
    assert.ok(await lastMailTo(required, root.email), 'the break-glass admin gets a sign-in link');

    const alumnus = await buildPerson(required, {
      email: 'olaf@example.com',
      ambassadorStatus: 'alumni',
      leftAt: required.clock.now(),
      alumniJoinedAt: required.clock.now(),
      personalEmail: 'olaf@private.example',
      preferences: { personalEmailConfirmed: true },
    });
    const personal = await required.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: alumnus.personalEmail } });
    assert.equal(personal.statusCode, 202, 'alumni keep their link to a personal address');

    const start = await required.app.inject({ method: 'GET', url: '/api/v1/auth/sso/start', remoteAddress: from() });
    assert.equal(start.statusCode, 302);
    assert.equal(start.headers.location, `${BASE}/sign-in?sso_error=provider_unreachable`, 'an unreachable provider is said so');
  } finally {
    await required.close();
  }
});

test('SSO that is required refuses an employee’s password but not the break-glass admin’s', async () => {
  const required = await createTestApp({
    PODIUM_OIDC_ISSUER: 'http://127.0.0.1:9',
    PODIUM_OIDC_CLIENT_ID: 'podium',
    PODIUM_OIDC_CLIENT_SECRET: 'secret',
    PODIUM_SSO_REQUIRED: 'true',
    PODIUM_SSO_BREAK_GLASS: 'root@example.com',
  });
  try {
    const password = 'correct horse battery staple';
    for (const email of ['emma@example.com', 'root@example.com']) {
      const person = await buildPerson(required, { email, roles: ['admin', 'ambassador'] });
      await setPassword(required.ctx, person.id, password);
    }
    // Without allowed domains, the e-mail link request answers a known employee as it answers an unknown
    // address (202, no mail): it never tells who is known.
    const known = await required.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'emma@example.com' } });
    const unknown = await required.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'nobody@example.com' } });
    assert.deepEqual([known.statusCode, known.json()], [unknown.statusCode, unknown.json()]);
    assert.equal(known.statusCode, 202);
    assert.equal(await lastMailTo(required, 'emma@example.com'), undefined, 'no link for an employee who must use SSO');
    const employee = await required.app.inject({ method: 'POST', url: '/api/auth/password', payload: { email: 'emma@example.com', password } });
    assert.equal(employee.statusCode, 403);
    assert.equal(employee.json().error.code, 'sso_required');
    assert.match(employee.json().error.message, /Sign in with SSO/);
    const root = await required.app.inject({ method: 'POST', url: '/api/auth/password', payload: { email: 'root@example.com', password } });
    assert.equal(root.statusCode, 200);
  } finally {
    await required.close();
  }
});

test('the SSO routes are in the OpenAPI document', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  assert.match(doc.paths['/api/v1/auth/sso']?.get?.summary, /single sign-on/);
  assert.ok(doc.paths['/api/v1/auth/sso/start']?.get?.responses?.['302']);
  assert.ok(doc.paths['/api/v1/auth/sso/callback']?.get);
  assert.ok(doc.components.schemas.SsoStatus);
});
