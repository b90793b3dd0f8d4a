import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { ALUMNI_SESSION_METHOD } from '../auth/alumni-access.ts';
import { createSession, csrfTokenFor } from '../auth/sessions.ts';
import { hashToken } from '../auth/tokens.ts';
import { apiTokens, clickRollupsDaily, clicks, conversionTouchpoints, groupMemberships, groups, links, people, personStatusChanges, sessions, shares } from '../db/schema/index.ts';
import { insertConversion } from '../stats/conversion-fixtures.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, lastMailTo, linkIn, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { buildClicks, buildShare } from '../../test/support/tracking.ts';
import { alumniInvitationToken } from './alumni.ts';

let t: TestApp;
let adminToken: Record<string, string>;
before(async () => {
  t = await createTestApp();
  adminToken = await tokenHeaders(t, 'admin');
});
after(() => t?.close());

const iPhone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
let address = 0;
/** Sign-in routes are rate limited per client address: each call here comes from its own. */
const from = () => `10.9.${Math.floor(++address / 250)}.${address % 250}`;
let mailbox = 0;
const privateAddress = (name: string) => `${name}.${++mailbox}@private.example`;

async function leave(personId: string, body: Record<string, unknown> = {}) {
  return t.app.inject({ method: 'POST', url: `/api/v1/people/${personId}/leave`, headers: adminToken, payload: body });
}

async function askMagicLink(email: string) {
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', remoteAddress: from(), payload: { email } });
  assert.equal(response.statusCode, 202);
}

async function verify(token: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', remoteAddress: from(), payload: { token } });
}

/** Headers of the session a successful verify started. */
function headersOf(response: Awaited<ReturnType<typeof verify>>): Record<string, string> {
  const cookie = response.cookies.find((c) => c.name === 'podium_session');
  assert.ok(cookie, 'a session cookie is set');
  return { cookie: `podium_session=${cookie.value}`, 'x-csrf-token': response.json().csrfToken };
}

/** Status and error code of an answer, for one assertion. */
async function outcome(response: Promise<{ statusCode: number; json: () => { error?: { code?: string } } }>): Promise<[number, string | undefined]> {
  const answered = await response;
  return [answered.statusCode, answered.json().error?.code];
}

/** An alumnus in the programme with an alumni session, the way a magic link to their personal e-mail makes one. */
async function alumnusInProgramme(overrides: Parameters<typeof buildPerson>[1] = {}) {
  const now = t.clock.now();
  const person = await buildPerson(t, { ambassadorStatus: 'alumni', leftAt: now, alumniJoinedAt: now, personalEmail: privateAddress('member'), ...overrides });
  const token = await createSession(t.ctx.database.db, person.id, ALUMNI_SESSION_METHOD, now);
  return { person, headers: { cookie: `podium_session=${token}`, 'x-csrf-token': csrfTokenFor(t.config.secretKey, hashToken(token)) } };
}

test('leaving: status alumni through the status history, sessions and person tokens ended, groups and staff roles dropped', async () => {
  const [department] = await t.ctx.database.db.insert(groups).values({ kind: 'department', name: 'Leavers department' }).returning();
  assert.ok(department);
  const person = await buildPerson(t, { roles: ['editor', 'ambassador'] });
  await t.ctx.database.db.insert(groupMemberships).values({ groupId: department.id, personId: person.id });
  const browser = await sessionHeaders(t, person);
  const token = await tokenHeaders(t, 'editor', person.id);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: browser })).statusCode, 200);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: token })).statusCode, 200);

  const left = await leave(person.id, { personalEmail: 'Leaver.Private@Example.org', leftOn: '2026-11-20' });
  assert.equal(left.statusCode, 200, left.body);
  assert.equal(left.json().ambassadorStatus, 'alumni');
  assert.equal(left.json().leftAt, '2026-11-20T00:00:00.000Z');
  assert.equal(left.json().personalEmail, 'leaver.private@example.org');
  assert.equal(left.json().inProgramme, false);

  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: browser })).statusCode, 401, 'the browser session is gone');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: token })).statusCode, 401, 'the person’s API token is revoked');
  const [tokenRow] = await t.ctx.database.db.select().from(apiTokens).where(eq(apiTokens.personId, person.id));
  assert.ok(tokenRow?.revokedAt);
  assert.equal((await t.ctx.database.db.select().from(sessions).where(eq(sessions.personId, person.id))).length, 0);

  const history = await t.ctx.database.db.select().from(personStatusChanges).where(eq(personStatusChanges.personId, person.id));
  assert.ok(history.some((row) => row.fromStatus === 'active' && row.toStatus === 'alumni'), 'the status change is recorded');
  const [row] = await t.ctx.database.db.select().from(people).where(eq(people.id, person.id));
  assert.deepEqual(row?.roles, ['ambassador'], 'no staff role after leaving');
  assert.equal((await t.ctx.database.db.select().from(groupMemberships).where(eq(groupMemberships.personId, person.id))).length, 0);

  const read = await t.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}/alumni`, headers: adminToken });
  assert.equal(read.json().leftAt, '2026-11-20T00:00:00.000Z');
  const again = await leave(person.id);
  assert.deepEqual([again.statusCode, again.json().error.code], [409, 'already_alumni']);
});

test('leaving: bad input is a 4xx a person can act on', async () => {
  const person = await buildPerson(t);
  const colleague = await buildPerson(t);
  const future = await leave(person.id, { leftOn: '2026-12-24' });
  assert.deepEqual([future.statusCode, future.json().error.code], [400, 'left_on_in_future']);
  const work = await leave(person.id, { personalEmail: colleague.email });
  assert.deepEqual([work.statusCode, work.json().error.code], [409, 'personal_email_is_work_email']);
  assert.equal((await leave(person.id, { personalEmail: 'not an address' })).statusCode, 400);
  assert.equal((await leave('01900000-0000-7000-8000-000000000000')).statusCode, 404);
  const dutch = await t.app.inject({ method: 'POST', url: `/api/v1/people/${person.id}/leave`, headers: { ...adminToken, 'accept-language': 'nl' }, payload: { leftOn: '2027-01-01' } });
  assert.match(dutch.json().error.message, /vertrekdatum/);
  const [row] = await t.ctx.database.db.select().from(people).where(eq(people.id, person.id));
  assert.equal(row?.ambassadorStatus, 'active', 'nothing changed');
});

test('leaving: the last active admin cannot be marked as leaver', async () => {
  const fresh = await createTestApp();
  try {
    const only = await buildPerson(fresh, { roles: ['admin'] });
    const token = await tokenHeaders(fresh, 'admin');
    const response = await fresh.app.inject({ method: 'POST', url: `/api/v1/people/${only.id}/leave`, headers: token, payload: {} });
    assert.deepEqual([response.statusCode, response.json().error.code], [409, 'last_admin']);
  } finally {
    await fresh.close();
  }
});

test('leaving keeps links redirecting and every share, click and conversion credited to the leaver', async () => {
  const story = await insertStory(t, { title: 'Blijft werken' });
  const person = await buildPerson(t);
  const share = await buildShare(t, story.id, { personId: person.id });
  const [clickId] = await buildClicks(t, share, [{ visitor: 'anna' }, { visitor: 'bob' }]);
  await insertConversion(t, { type: 'application', at: t.clock.now(), touches: [{ shareId: share.shareId, clickId: clickId as string, at: t.clock.now() }] });
  const statsBefore = (await t.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}/stats`, headers: adminToken })).json();
  const countRows = async () => ({
    shares: (await t.ctx.database.db.select().from(shares).where(eq(shares.personId, person.id))).length,
    clicks: (await t.ctx.database.db.select().from(clicks).where(eq(clicks.linkCode, share.code))).length,
    rollups: (await t.ctx.database.db.select().from(clickRollupsDaily).where(eq(clickRollupsDaily.personId, person.id))).length,
    touchpoints: (await t.ctx.database.db.select().from(conversionTouchpoints).where(eq(conversionTouchpoints.personId, person.id))).length,
  });
  const before = await countRows();

  assert.equal((await leave(person.id)).statusCode, 200);

  const redirect = await t.app.inject({ method: 'GET', url: `/l/${share.code}`, headers: { 'user-agent': iPhone } });
  assert.equal(redirect.statusCode, 302, 'the leaver’s link still redirects');
  assert.match(String(redirect.headers.location), /pcid=/);
  const afterLeaving = await countRows();
  assert.deepEqual({ ...afterLeaving, clicks: afterLeaving.clicks - 1 }, before, 'nothing was taken away; the new visit is counted');
  const [link] = await t.ctx.database.db.select().from(links).where(eq(links.code, share.code));
  assert.equal(link?.shareId, share.shareId);
  const statsAfter = await t.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}/stats`, headers: adminToken });
  assert.equal(statsAfter.statusCode, 200, 'staff still see the alumnus’s results (attribution stays)');
  assert.equal(statsAfter.json().conversions.application, statsBefore.conversions.application);
  assert.equal(statsAfter.json().conversions.application, 1);
  const attribution = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/attribution?by=ambassador&type=application', headers: adminToken });
  assert.ok(attribution.json().items.some((item: { key: string }) => item.key === person.id), 'credited by name in attribution');
});

test('an alumnus signs in only by a magic link to the personal e-mail, and only in the programme', async () => {
  const personal = privateAddress('sanne');
  const person = await buildPerson(t, { name: 'Sanne Leaver' });
  await t.app.inject({ method: 'PUT', url: '/api/v1/me/password', headers: await sessionHeaders(t, person), payload: { password: 'a long enough password' } });
  // A sign-in link mailed to the work address just before leaving.
  await askMagicLink(person.email);
  const workLink = linkIn((await lastMailTo(t, person.email))?.text ?? '').searchParams.get('token') ?? '';
  assert.equal((await leave(person.id, { personalEmail: personal })).statusCode, 200);

  assert.equal((await verify(workLink)).statusCode, 400, 'a work-e-mail link from before leaving no longer signs in');
  const password = await t.app.inject({ method: 'POST', url: '/api/auth/password', remoteAddress: from(), payload: { email: person.email, password: 'a long enough password' } });
  assert.equal(password.statusCode, 401, 'no password sign-in for alumni');
  const mailsToWork = (await t.ctx.database.query('select count(*)::int as n from mail_outbox where lower(to_address) = lower($1)', [person.email]))[0];
  await askMagicLink(person.email);
  assert.deepEqual((await t.ctx.database.query('select count(*)::int as n from mail_outbox where lower(to_address) = lower($1)', [person.email]))[0], mailsToWork, 'nothing is mailed to the work e-mail');

  // Not in the programme: the personal e-mail gets the programme page, not a sign-in link.
  await askMagicLink(personal.toUpperCase());
  const invitation = await lastMailTo(t, personal);
  assert.ok(invitation, 'a mail goes to the personal e-mail');
  const page = linkIn(invitation.text);
  assert.equal(page.pathname, '/alumni/join');
  const invitationToken = page.searchParams.get('token') ?? '';
  const status = await t.app.inject({ method: 'GET', url: `/api/v1/alumni/invitation?token=${encodeURIComponent(invitationToken)}`, remoteAddress: from() });
  assert.equal(status.statusCode, 200, status.body);
  assert.deepEqual(status.json(), { name: 'Sanne Leaver', language: 'en', inProgramme: false, personalEmailHint: `s•••@private.example` });

  // Joining sends a sign-in link to the personal e-mail; it does not sign in by itself.
  const join = await t.app.inject({ method: 'POST', url: '/api/v1/alumni/invitation/join', remoteAddress: from(), payload: { token: invitationToken } });
  assert.equal(join.statusCode, 200, join.body);
  assert.equal(join.headers['set-cookie'], undefined);
  const signIn = await lastMailTo(t, personal);
  assert.match(signIn?.subject ?? '', /alumni sign-in link/);
  const session = await verify(linkIn(signIn?.text ?? '').searchParams.get('token') ?? '');
  assert.equal(session.statusCode, 200, session.body);
  const headers = headersOf(session);
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/me/alumni', headers });
  assert.equal(me.json().inProgramme, true);
  const [row] = await t.ctx.database.db.select().from(sessions).where(eq(sessions.personId, person.id));
  assert.equal(row?.method, ALUMNI_SESSION_METHOD);

  // Leaving the programme signs out everywhere; the personal e-mail then gets the programme page again.
  const out = await t.app.inject({ method: 'POST', url: '/api/v1/me/alumni/leave', headers });
  assert.equal(out.statusCode, 200);
  assert.equal(out.json().inProgramme, false);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode, 401);
  await askMagicLink(personal);
  assert.equal(linkIn((await lastMailTo(t, personal))?.text ?? '').pathname, '/alumni/join');
});

test('alumni not in the programme cannot sign in, even with a link to their personal e-mail', async () => {
  const { person } = await alumnusInProgramme();
  const personal = person.personalEmail as string;
  await askMagicLink(personal);
  const token = linkIn((await lastMailTo(t, personal))?.text ?? '').searchParams.get('token') ?? '';
  const leaveByLink = await t.app.inject({
    method: 'POST',
    url: '/api/v1/alumni/invitation/leave',
    remoteAddress: from(),
    payload: { token: alumniInvitationToken(t.config.secretKey, { id: person.id, leftAt: person.leftAt as Date }, t.clock.now()) },
  });
  assert.equal(leaveByLink.statusCode, 200, leaveByLink.body);
  const refused = await verify(token);
  assert.deepEqual([refused.statusCode, refused.json().error.code], [400, 'link_invalid'], 'a link sent while in the programme no longer signs in');
  const session = await createSession(t.ctx.database.db, person.id, ALUMNI_SESSION_METHOD, t.clock.now());
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `podium_session=${session}` } })).statusCode, 401, 'no alumni session holds outside the programme');
});

test('an alumni session needs the personal-e-mail sign-in; an employee session of an alumnus is worthless', async () => {
  const { person } = await alumnusInProgramme();
  const employeeStyle = await sessionHeaders(t, person);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: employeeStyle })).statusCode, 401);
  const token = await tokenHeaders(t, 'ambassador', person.id);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: token })).statusCode, 401, 'no API token for alumni');
});

test('invitation links cannot be forged, expire, and die with a re-hire', async () => {
  const { person } = await alumnusInProgramme();
  const good = alumniInvitationToken(t.config.secretKey, { id: person.id, leftAt: person.leftAt as Date }, t.clock.now());
  const status = (token: string) => t.app.inject({ method: 'GET', url: `/api/v1/alumni/invitation?token=${encodeURIComponent(token)}`, remoteAddress: from() });
  assert.equal((await status(good)).statusCode, 200);
  const forged = alumniInvitationToken('another-secret-key-that-is-long-enough-012345', { id: person.id, leftAt: person.leftAt as Date }, t.clock.now());
  assert.deepEqual(await outcome(status(forged)), [400, 'alumni_invitation_invalid']);
  const [id, expires, signature] = good.split('.');
  const stretched = `${id}.${(Number.parseInt(expires ?? '0', 36) + 86_400_000).toString(36)}.${signature}`;
  assert.equal((await status(stretched)).statusCode, 400, 'the expiry is signed');
  assert.equal((await status('not-a-token-at-all-but-long')).statusCode, 400);
  const old = alumniInvitationToken(t.config.secretKey, { id: person.id, leftAt: person.leftAt as Date }, new Date(t.clock.now().getTime() - 31 * 86_400_000));
  assert.deepEqual(await outcome(status(old)), [400, 'alumni_invitation_expired']);

  const rehire = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: adminToken, payload: { email: person.email, name: person.name } });
  assert.equal(rehire.statusCode, 200);
  assert.equal((await status(good)).statusCode, 400, 'a re-hired colleague’s invitation link is worthless');
});

test('an invitation token whose id is not a uuid is a 400 on every invitation route, never a 500', async () => {
  for (const id of ['-'.repeat(36), 'a'.repeat(36), 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz']) {
    const token = `${id}.${Date.now().toString(36)}.signaturesignature`;
    const answers = [
      await t.app.inject({ method: 'GET', url: `/api/v1/alumni/invitation?token=${encodeURIComponent(token)}`, remoteAddress: from(), headers: { 'accept-language': 'nl' } }),
      await t.app.inject({ method: 'POST', url: '/api/v1/alumni/invitation/join', remoteAddress: from(), payload: { token } }),
      await t.app.inject({ method: 'POST', url: '/api/v1/alumni/invitation/leave', remoteAddress: from(), payload: { token } }),
    ];
    for (const answer of answers) assert.deepEqual([answer.statusCode, answer.json().error.code], [400, 'alumni_invitation_invalid'], `${id}: ${answer.body}`);
    assert.match(answers[0]?.json().error.message ?? '', /\S/, 'with a message');
  }
});

test('joining by invitation: the personal e-mail may be given once, never someone else’s', async () => {
  const person = await buildPerson(t);
  const colleague = await buildPerson(t);
  await leave(person.id);
  const [row] = await t.ctx.database.db.select().from(people).where(eq(people.id, person.id));
  const token = alumniInvitationToken(t.config.secretKey, { id: person.id, leftAt: row?.leftAt as Date }, t.clock.now());
  const join = (personalEmail?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/alumni/invitation/join', remoteAddress: from(), payload: { token, ...(personalEmail ? { personalEmail } : {}) } });
  assert.deepEqual(await outcome(join()), [400, 'personal_email_required']);
  assert.equal((await join(colleague.email)).json().error.code, 'personal_email_is_work_email');
  const mine = privateAddress('joiner');
  const joined = await join(mine);
  assert.equal(joined.statusCode, 200, joined.body);
  assert.ok(await lastMailTo(t, mine), 'the sign-in link went to the new personal e-mail');
  assert.deepEqual(await outcome(join(privateAddress('hijack'))), [409, 'personal_email_already_set']);
  const other = await buildPerson(t);
  await leave(other.id);
  const taken = await leave((await buildPerson(t)).id, { personalEmail: mine });
  assert.deepEqual([taken.statusCode, taken.json().error.code], [409, 'personal_email_taken']);
});

test('alumni in the programme see only published stories for everyone, and share only those', async () => {
  const [team] = await t.ctx.database.db.insert(groups).values({ kind: 'team', name: 'Alumni feed team' }).returning();
  assert.ok(team);
  const { person, headers } = await alumnusInProgramme();
  // Someone re-added them to a group: still nothing targeted reaches them.
  await t.ctx.database.db.insert(groupMemberships).values({ groupId: team.id, personId: person.id });
  const everyone = await insertStory(t, { title: 'Openbaar voor iedereen' });
  const internal = await insertStory(t, { title: 'Alleen voor het team', targetGroupIds: [team.id] });
  const draft = await insertStory(t, { title: 'Nog een concept', status: 'draft', publishedAt: null });
  t.clock.advance(10_000);

  const feed = await t.app.inject({ method: 'GET', url: '/api/v1/feed?limit=100', headers });
  assert.equal(feed.statusCode, 200, feed.body);
  const ids = feed.json().items.map((item: { story: { id: string } }) => item.story.id);
  assert.ok(ids.includes(everyone.id));
  assert.ok(!ids.includes(internal.id), 'a story for a group is internal');
  assert.ok(!ids.includes(draft.id));

  const share = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/shares', headers, payload: { network: 'linkedin', audience: 'candidates', text: 'Mijn oude werkgever vertelt hier iets moois.', ...body } });
  const shared = await share({ storyId: everyone.id });
  assert.equal(shared.statusCode, 201, shared.body);
  const [row] = await t.ctx.database.db.select().from(shares).where(eq(shares.id, shared.json().id));
  assert.equal(row?.personId, person.id);
  assert.equal(row?.departmentId, null, 'an alumnus’s share is no department’s');
  assert.equal((await share({ storyId: internal.id })).statusCode, 404);
  assert.equal((await share({ storyId: draft.id })).statusCode, 404);
  const vacancy = await share({ vacancyId: '01900000-0000-7000-8000-000000000001' });
  assert.deepEqual([vacancy.statusCode, vacancy.json().error.code], [403, 'alumni_stories_only']);
  const check = await t.app.inject({ method: 'POST', url: '/api/v1/shares/check', headers, payload: { network: 'linkedin', audience: 'candidates', text: 'x', storyId: internal.id } });
  assert.equal(check.statusCode, 404);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me/shares', headers })).statusCode, 200);
});

test('alumni reach no staff pages, people lists, drafts or vacancies, whatever roles they had', async () => {
  const { person, headers } = await alumnusInProgramme({ roles: ['admin', 'editor', 'recruiter', 'ambassador'] });
  for (const url of ['/api/v1/people', `/api/v1/people/${person.id}`, '/api/v1/stories', '/api/v1/vacancies', '/api/v1/vacancies/open', '/api/v1/groups', '/api/v1/calendar', '/api/v1/content-gaps', '/api/v1/audit-log']) {
    const response = await t.app.inject({ method: 'GET', url, headers });
    assert.deepEqual([response.statusCode, response.json().error?.code], [403, 'forbidden'], url);
  }
  const session = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers });
  assert.equal(session.statusCode, 200);
  const pause = await t.app.inject({ method: 'POST', url: '/api/v1/me/pause', headers });
  assert.equal(pause.statusCode, 403, 'alumni leave the alumni programme instead');
  const rename = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: { language: 'nl' } });
  assert.equal(rename.statusCode, 200);
  const email = privateAddress('changed');
  const change = await t.app.inject({ method: 'PATCH', url: '/api/v1/me/alumni', headers, payload: { personalEmail: email } });
  assert.equal(change.json().personalEmail, email);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me/alumni', headers: await sessionHeaders(t, await buildPerson(t)) })).statusCode, 403, 'employees have no alumni page');
});

test('re-hire by API: the work e-mail takes the alumnus’s own row back, history kept', async () => {
  const byWork = await buildPerson(t, { name: 'Returning Work' });
  await leave(byWork.id, { personalEmail: privateAddress('rw') });
  const again = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: adminToken, payload: { email: byWork.email.toUpperCase(), name: 'Returning Work Again', roles: ['editor', 'ambassador'] } });
  assert.equal(again.statusCode, 200, again.body);
  assert.equal(again.json().id, byWork.id);
  assert.equal(again.json().rehired, true);
  assert.equal(again.json().ambassadorStatus, 'invited');
  assert.deepEqual(again.json().roles, ['editor', 'ambassador']);
  const [row] = await t.ctx.database.db.select().from(people).where(eq(people.id, byWork.id));
  assert.equal(row?.leftAt, null);
  assert.equal(row?.alumniJoinedAt, null);
  const history = await t.ctx.database.db.select().from(personStatusChanges).where(eq(personStatusChanges.personId, byWork.id)).orderBy(personStatusChanges.changedAt);
  assert.deepEqual(history.map((h) => h.toStatus).slice(-2), ['alumni', 'invited'], 'the leaving and the return are both in the history');

});

test('re-hire by API: the personal e-mail left behind is recognised', async () => {
  const personal = privateAddress('rehire');
  const former = await buildPerson(t, { name: 'Former Colleague' });
  const story = await insertStory(t);
  const share = await buildShare(t, story.id, { personId: former.id });
  await leave(former.id, { personalEmail: personal });
  const back = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: adminToken, payload: { email: personal, name: 'Former Colleague', invite: true } });
  assert.equal(back.statusCode, 200, back.body);
  assert.deepEqual([back.json().id, back.json().rehired, back.json().email], [former.id, true, personal]);
  const [owned] = await t.ctx.database.db.select().from(shares).where(eq(shares.id, share.shareId));
  assert.equal(owned?.personId, former.id, 'their earlier shares are still theirs');
  assert.ok(await lastMailTo(t, personal), 'the invitation went to the e-mail they were created with');
  const fresh = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: adminToken, payload: { email: privateAddress('new'), name: 'Brand New' } });
  assert.deepEqual([fresh.statusCode, fresh.json().rehired], [201, false]);
  const taken = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: adminToken, payload: { email: former.email === personal ? 'x@example.com' : personal, name: 'Duplicate' } });
  assert.deepEqual([taken.statusCode, taken.json().error.code], [409, 'email_taken'], 'an employee’s address is still taken');
});

test('re-hire by CSV: work and personal e-mail, reported in the dry run and the result', async () => {
  const byWork = await buildPerson(t, { name: 'Csv Work' });
  const byPersonal = await buildPerson(t, { name: 'Csv Personal' });
  const personal = privateAddress('csv');
  await leave(byWork.id);
  await leave(byPersonal.id, { personalEmail: personal });
  // Consent to the current policy still stands for this one: they come back active.
  await t.ctx.database.query("insert into consents (id, person_id, policy_version, given_at) values (gen_random_uuid(), $1, '2026-1', now())", [byWork.id]);
  const csv = `email,name,department\n${byWork.email},Csv Work,Csv Returners\n${personal},Csv Personal,Csv Returners\nnew.${mailbox}@example.com,Csv New,Csv Returners\n`;
  const dry = await t.app.inject({ method: 'POST', url: '/api/v1/people/imports?dryRun=true', headers: { ...adminToken, 'content-type': 'text/csv' }, payload: csv });
  assert.equal(dry.statusCode, 200, dry.body);
  assert.deepEqual(dry.json().rehires.map((r: { line: number }) => r.line), [2, 3]);

  const started = await t.app.inject({ method: 'POST', url: '/api/v1/people/imports', headers: { ...adminToken, 'content-type': 'text/csv' }, payload: csv });
  assert.equal(started.statusCode, 202, started.body);
  let result: { status: string; created: number; updated: number; invited: number; rehired: { personId: string; line: number; email: string }[] } | undefined;
  for (let i = 0; i < 2000; i++) {
    result = (await t.app.inject({ method: 'GET', url: `/api/v1/people/imports/${started.json().id}`, headers: adminToken })).json();
    if (result?.status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.equal(result?.status, 'completed', JSON.stringify(result));
  assert.equal(result?.created, 1);
  assert.equal(result?.updated, 2);
  assert.deepEqual(result?.rehired.map((r) => r.personId).sort(), [byWork.id, byPersonal.id].sort());
  const rows = await t.ctx.database.db.select().from(people).where(and(eq(people.name, 'Csv Personal')));
  assert.equal(rows.length, 1, 'no duplicate');
  assert.deepEqual([rows[0]?.id, rows[0]?.email, rows[0]?.ambassadorStatus, rows[0]?.leftAt], [byPersonal.id, personal, 'invited', null]);
  const [work] = await t.ctx.database.db.select().from(people).where(eq(people.id, byWork.id));
  assert.equal(work?.ambassadorStatus, 'active', 'their consent to the current policy still stands');
  const memberships = await t.ctx.database.db.select().from(groupMemberships).where(eq(groupMemberships.personId, byPersonal.id));
  assert.equal(memberships.length, 1, 'the department from the file');
  assert.equal(result?.invited, 3, 'returning colleagues are invited like new ones');
});

test('erasing a re-hired colleague leaves no address of theirs in the import’s re-hire record', async () => {
  const former = await buildPerson(t, { name: 'Csv Erased' });
  const personal = privateAddress('csverase');
  await leave(former.id, { personalEmail: personal });
  const csv = `email,name\n${personal},Csv Erased\n`;
  const started = await t.app.inject({ method: 'POST', url: '/api/v1/people/imports', headers: { ...adminToken, 'content-type': 'text/csv' }, payload: csv });
  assert.equal(started.statusCode, 202, started.body);
  const result = async () => (await t.app.inject({ method: 'GET', url: `/api/v1/people/imports/${started.json().id}`, headers: adminToken })).json();
  let done: { status: string; rehired: { personId: string; email: string }[] } | undefined;
  for (let i = 0; i < 2000; i++) {
    done = await result();
    if (done?.status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.deepEqual(done?.rehired.map((r) => [r.personId, r.email]), [[former.id, personal]]);

  const erased = await t.app.inject({ method: 'POST', url: `/api/v1/people/${former.id}/erase`, headers: adminToken });
  assert.equal(erased.statusCode, 200, erased.body);
  const leftovers = await t.ctx.database.query<{ n: number }>('select count(*)::int as n from audit_log where strpos(lower(coalesce(after::text, \'\') || coalesce(before::text, \'\')), $1) > 0', [personal]);
  assert.equal(leftovers[0]?.n, 0, 'no audit entry keeps the address');
  const after = await result();
  assert.doesNotMatch(JSON.stringify(after), new RegExp(personal.replace(/[.]/g, '\\.')), 'the import result shows it no more');
  assert.deepEqual(after.rehired.map((r: { personId: string }) => r.personId), [former.id]);
});

test('an admin gives a leaver who left no personal e-mail one; changing it retires links sent to the old one', async () => {
  const person = await buildPerson(t);
  await leave(person.id);
  const first = privateAddress('late');
  await askMagicLink(first);
  assert.equal(await lastMailTo(t, first), undefined, 'unknown address: nothing sent');
  const set = (email: string) => t.app.inject({ method: 'PATCH', url: `/api/v1/people/${person.id}/alumni`, headers: adminToken, payload: { personalEmail: email } });
  const response = await set(first);
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.json().personalEmail, first);
  await askMagicLink(first);
  const invitation = linkIn((await lastMailTo(t, first))?.text ?? '');
  const join = await t.app.inject({ method: 'POST', url: '/api/v1/alumni/invitation/join', remoteAddress: from(), payload: { token: invitation.searchParams.get('token') } });
  assert.equal(join.statusCode, 200, join.body);
  const oldLink = linkIn((await lastMailTo(t, first))?.text ?? '').searchParams.get('token') ?? '';

  const second = privateAddress('later');
  assert.equal((await set(second)).statusCode, 200);
  const stale = await verify(oldLink);
  assert.deepEqual([stale.statusCode, stale.json().error.code], [400, 'link_invalid'], 'a link to the old address no longer signs in');
  await askMagicLink(second);
  assert.equal((await verify(linkIn((await lastMailTo(t, second))?.text ?? '').searchParams.get('token') ?? '')).statusCode, 200);
  const employee = await buildPerson(t);
  assert.deepEqual([(await t.app.inject({ method: 'PATCH', url: `/api/v1/people/${employee.id}/alumni`, headers: adminToken, payload: { personalEmail: privateAddress('x') } })).json().error.code], ['not_alumnus']);
});

test('re-hire by a personal e-mail only once it is confirmed: an address an alumnus typed in counts after a sign-in link to it was used', async () => {
  const { person, headers } = await alumnusInProgramme({ name: 'Typed Address' });
  // The alumnus enters someone else's private address (a typo, or worse): not confirmed.
  const typed = privateAddress('somebody.else');
  const change = await t.app.inject({ method: 'PATCH', url: '/api/v1/me/alumni', headers, payload: { personalEmail: typed } });
  assert.equal(change.statusCode, 200, change.body);
  const stranger = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: adminToken, payload: { email: typed, name: 'Somebody Else' } });
  assert.deepEqual([stranger.statusCode, stranger.json().rehired], [201, false], 'a new colleague with that address gets their own account');
  assert.notEqual(stranger.json().id, person.id);

  // The same, but the alumnus proves the address by signing in with a link mailed to it: now a re-hire is theirs.
  const { person: other, headers: otherHeaders } = await alumnusInProgramme({ name: 'Proved Address' });
  const own = privateAddress('proved');
  assert.equal((await t.app.inject({ method: 'PATCH', url: '/api/v1/me/alumni', headers: otherHeaders, payload: { personalEmail: own } })).statusCode, 200);
  await askMagicLink(own);
  const signIn = await lastMailTo(t, own);
  assert.equal((await verify(linkIn(signIn?.text ?? '').searchParams.get('token') ?? '')).statusCode, 200);
  const back = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: adminToken, payload: { email: own, name: 'Proved Address' } });
  assert.deepEqual([back.statusCode, back.json().rehired, back.json().id], [200, true, other.id]);
});
