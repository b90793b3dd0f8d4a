import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, lastMailTo, linkIn, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';

let t: TestApp;
let admin: { id: string; name: string };
let headers: Record<string, string>;

before(async () => {
  t = await createTestApp();
  admin = await buildPerson(t, { roles: ['admin', 'ambassador'], name: 'Ada Admin' });
  headers = await sessionHeaders(t, admin);
});
after(() => t?.close());

const get = (url: string, h = headers) => t.app.inject({ method: 'GET', url, headers: h });
const post = (url: string, payload?: object, h = headers) => t.app.inject({ method: 'POST', url, headers: h, ...(payload ? { payload } : {}) });
const patch = (url: string, payload: object, h = headers) => t.app.inject({ method: 'PATCH', url, headers: h, payload });

async function group(kind: 'department' | 'location' | 'team', name: string): Promise<string> {
  const response = await post('/api/v1/groups', { kind, name });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().id;
}

/** The newest audit entries of one action about one subject. */
async function auditOf(action: string, subjectId: string) {
  const response = await get(`/api/v1/audit-log?action=${action}&limit=200`);
  assert.equal(response.statusCode, 200);
  return response.json().items.filter((e: { subjectId: string }) => e.subjectId === subjectId);
}

test('an admin creates a person; the same address in another case is 409 email_taken', async () => {
  const created = await post('/api/v1/people', { email: 'Maria.Jansen@Example.com', name: '  Maria Jansen ', language: 'nl', roles: ['editor', 'ambassador'] });
  assert.equal(created.statusCode, 201, created.body);
  const person = created.json();
  assert.equal(person.email, 'maria.jansen@example.com');
  assert.equal(person.name, 'Maria Jansen');
  assert.equal(person.ambassadorStatus, 'invited');
  assert.deepEqual(person.roles, ['editor', 'ambassador']);
  assert.equal(person.active, true);

  const duplicate = await post('/api/v1/people', { email: 'MARIA.JANSEN@example.COM', name: 'Someone Else' });
  assert.equal(duplicate.statusCode, 409);
  assert.equal(duplicate.json().error.code, 'email_taken');
  const listed = await get('/api/v1/people?email=maria.jansen@example.com');
  assert.equal(listed.json().items.length, 1, 'no second person was created');
});

test('the list filters by e-mail, text, group, role, status and active', async () => {
  const department = await group('department', 'Filter Sales');
  const team = await group('team', 'Filter Tigers');
  const ids: Record<string, string> = {};
  for (const [key, body] of Object.entries({
    editor: { email: 'flt.editor@example.com', name: 'Filtertest Eddie', roles: ['editor'], departmentId: department },
    ambassador: { email: 'flt.amb@example.com', name: 'Filtertest Amber', teamIds: [team] },
    quiet: { email: 'flt.quiet@example.com', name: 'Filtertest Quinn' },
  })) {
    const response = await post('/api/v1/people', body);
    assert.equal(response.statusCode, 201, response.body);
    ids[key] = response.json().id;
  }
  await patch(`/api/v1/people/${ids.quiet}`, { active: false });
  await post('/api/v1/me/consent', { policyVersion: '2026-1' }, await sessionHeaders(t, { id: ids.ambassador ?? '' }));

  const names = async (query: string) => {
    const response = await get(`/api/v1/people?q=filtertest&${query}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json().items.map((p: { name: string }) => p.name);
  };
  assert.deepEqual(await names(''), ['Filtertest Amber', 'Filtertest Eddie', 'Filtertest Quinn']);
  assert.deepEqual(await names('email=FLT.EDITOR@EXAMPLE.COM'), ['Filtertest Eddie'], 'e-mail matches exactly, any case');
  assert.deepEqual(await names('email=flt.editor'), [], 'e-mail is not a substring search');
  assert.deepEqual(await names(`groupId=${department}`), ['Filtertest Eddie']);
  assert.deepEqual(await names(`groupId=${team}`), ['Filtertest Amber']);
  assert.deepEqual(await names('role=editor'), ['Filtertest Eddie']);
  assert.deepEqual(await names('status=active'), ['Filtertest Amber']);
  assert.deepEqual(await names('active=false'), ['Filtertest Quinn']);
  assert.deepEqual(await names('active=true&role=ambassador'), ['Filtertest Amber']);
  const byEmailText = await get('/api/v1/people?q=flt.qui');
  assert.deepEqual(
    byEmailText.json().items.map((p: { name: string }) => p.name),
    ['Filtertest Quinn'],
    'q also searches e-mail addresses',
  );
  const wildcard = await get('/api/v1/people?q=%25');
  assert.equal(wildcard.json().items.length, 0, 'a % in q is a literal character, not a wildcard');
});

test('cursor pagination visits every person once, in name order, over several pages', async () => {
  const names = ['Pagination Delta', 'pagination bravo', 'Pagination Alpha', 'Pagination Charlie', 'Pagination Charlie', 'Pagination Echo'];
  for (const [i, name] of names.entries()) await buildPerson(t, { name, email: `page${i}@example.com` });
  const seen: { id: string; name: string }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const response = await get(`/api/v1/people?q=pagination&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(response.statusCode, 200, response.body);
    const body: { items: { id: string; name: string }[]; nextCursor: string | null } = response.json();
    assert.ok(body.items.length <= 2);
    seen.push(...body.items);
    cursor = body.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  assert.equal(pages, 3);
  assert.equal(new Set(seen.map((p) => p.id)).size, names.length, 'nobody is seen twice or skipped');
  assert.deepEqual(
    seen.map((p) => p.name),
    ['Pagination Alpha', 'pagination bravo', 'Pagination Charlie', 'Pagination Charlie', 'Pagination Delta', 'Pagination Echo'],
  );
});

test('a tampered cursor is 400 invalid_cursor, never a 500', async () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  for (const cursor of ['garbage', encode(['a']), encode(['a', 'not-a-uuid']), encode([1, 2])]) {
    const response = await get(`/api/v1/people?cursor=${cursor}`);
    assert.equal(response.statusCode, 400, cursor);
    assert.equal(response.json().error.code, 'invalid_cursor');
  }
});

test('get a person; an unknown id is 404 person_not_found', async () => {
  const person = await buildPerson(t, { name: 'Gerda Get' });
  const found = await get(`/api/v1/people/${person.id}`, await tokenHeaders(t, 'editor'));
  assert.equal(found.statusCode, 200);
  assert.equal(found.json().name, 'Gerda Get');
  assert.equal('passwordHash' in found.json(), false, 'no raw row leaks');
  const missing = await get('/api/v1/people/01a21d31-0406-74b8-81a3-07faa3ca4c74');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, 'person_not_found');
});

test('patch sets department, location and teams by group id; a team as department is 400', async () => {
  const person = await buildPerson(t, { name: 'Piet Patch' });
  const department = await group('department', 'Patch Marketing');
  const location = await group('location', 'Patch Utrecht');
  const teamA = await group('team', 'Patch Alpha');
  const teamB = await group('team', 'Patch Beta');

  const first = await patch(`/api/v1/people/${person.id}`, { departmentId: department, locationId: location, teamIds: [teamB, teamA], startDate: '2026-03-01' });
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual(first.json().department, { id: department, name: 'Patch Marketing' });
  assert.deepEqual(first.json().location, { id: location, name: 'Patch Utrecht' });
  assert.deepEqual(first.json().teams.map((g: { name: string }) => g.name), ['Patch Alpha', 'Patch Beta']);
  assert.equal(first.json().startDate, '2026-03-01');

  const mismatch = await patch(`/api/v1/people/${person.id}`, { departmentId: teamA });
  assert.equal(mismatch.statusCode, 400);
  assert.equal(mismatch.json().error.code, 'group_kind_mismatch');

  const second = await patch(`/api/v1/people/${person.id}`, { teamIds: [teamA], locationId: null });
  assert.equal(second.statusCode, 200);
  assert.deepEqual(second.json().department, { id: department, name: 'Patch Marketing' }, 'a kind not sent is kept');
  assert.equal(second.json().location, null);
  assert.deepEqual(second.json().teams, [{ id: teamA, name: 'Patch Alpha' }]);
  const read = await get(`/api/v1/people/${person.id}`);
  assert.deepEqual(read.json().teams, [{ id: teamA, name: 'Patch Alpha' }], 'the failed patch changed nothing');
});

test('the last active admin cannot lose the admin role or be deactivated', async () => {
  const demote = await patch(`/api/v1/people/${admin.id}`, { roles: ['ambassador'] });
  assert.equal(demote.statusCode, 409);
  assert.equal(demote.json().error.code, 'last_admin');
  const deactivate = await patch(`/api/v1/people/${admin.id}`, { active: false });
  assert.equal(deactivate.statusCode, 409);
  assert.equal(deactivate.json().error.code, 'last_admin');

  const second = await buildPerson(t, { roles: ['ambassador'], name: 'Second Admin' });
  const promote = await patch(`/api/v1/people/${second.id}`, { roles: ['admin', 'ambassador'] });
  assert.deepEqual(promote.json().roles, ['admin', 'ambassador']);
  const inactive = await patch(`/api/v1/people/${second.id}`, { active: false });
  assert.equal(inactive.statusCode, 200, 'another active admin remains');
  const stillLast = await patch(`/api/v1/people/${admin.id}`, { roles: ['ambassador'] });
  assert.equal(stillLast.statusCode, 409, 'an inactive admin does not count');

  await patch(`/api/v1/people/${second.id}`, { active: true });
  const demoteSecond = await patch(`/api/v1/people/${second.id}`, { roles: ['ambassador'] });
  assert.equal(demoteSecond.statusCode, 200);
  const me = await get('/api/v1/me');
  assert.ok(me.json().roles.includes('admin'), 'the remaining admin kept the role');
});

test('deactivation ends the person’s sessions and stops sign-in; reactivation allows it again', async () => {
  const person = await buildPerson(t, { name: 'Dirk Deactivated' });
  const session = await sessionHeaders(t, person);
  assert.equal((await get('/api/v1/me', session)).statusCode, 200);
  const off = await patch(`/api/v1/people/${person.id}`, { active: false });
  assert.equal(off.statusCode, 200);
  assert.equal(off.json().active, false);
  assert.equal((await get('/api/v1/me', session)).statusCode, 401, 'the open session ended');

  await post('/api/auth/magic-link', { email: person.email }, {});
  assert.equal(await lastMailTo(t, person.email), undefined, 'no sign-in link for a deactivated person');
  const invite = await post(`/api/v1/people/${person.id}/invite`);
  assert.equal(await lastMailTo(t, person.email), undefined, 'no invitation either');
  assert.equal(invite.json().sent, false, 'the admin is told nothing was sent');

  await patch(`/api/v1/people/${person.id}`, { active: true });
  await post('/api/auth/magic-link', { email: person.email }, {});
  assert.ok(await lastMailTo(t, person.email), 'a reactivated person can sign in');
});

test('an invitation mail carries a link that signs the person in', async () => {
  const created = await post('/api/v1/people', { email: 'ivo.invited@example.com', name: 'Ivo Invited' });
  const id = created.json().id;
  const invite = await post(`/api/v1/people/${id}/invite`);
  assert.equal(invite.statusCode, 202);
  assert.deepEqual(invite.json(), { sent: true });
  await t.jobs.drain();
  const mail = await lastMailTo(t, 'ivo.invited@example.com');
  assert.ok(mail, 'the invitation is in the outbox');
  const link = linkIn(mail.text);
  assert.equal(link.origin, 'http://podium.test');
  t.clock.advance(3 * 86_400_000);
  const verify = await post('/api/auth/magic-link/verify', { token: link.searchParams.get('token') ?? '' }, {});
  assert.equal(verify.statusCode, 200, verify.body);
  assert.equal(verify.json().person.id, id);
  assert.match(String(verify.headers['set-cookie']), /podium_session=/);

  const unknown = await post('/api/v1/people/01a21d31-0406-74b8-81a3-07faa3ca4c74/invite');
  assert.equal(unknown.statusCode, 404);
});

test('every admin change to a person is in the audit log: who, what, before and after', async () => {
  const created = await post('/api/v1/people', { email: 'audit.anne@example.com', name: 'Audit Anne' });
  const id = created.json().id;
  await patch(`/api/v1/people/${id}`, { name: 'Audit Annie', roles: ['recruiter'] });
  await post(`/api/v1/people/${id}/invite`);
  const token = await tokenHeaders(t, 'admin');
  t.clock.advance(1000);
  await patch(`/api/v1/people/${id}`, { active: false }, token);

  const [createdEntry] = await auditOf('person.created', id);
  assert.ok(createdEntry, 'creation is audited');
  assert.deepEqual(createdEntry.actor, { id: admin.id, name: admin.name });
  assert.equal(createdEntry.after.email, 'audit.anne@example.com');

  const updates = await auditOf('person.updated', id);
  assert.equal(updates.length, 2);
  const [byToken, bySession] = updates;
  assert.equal(bySession.before.name, 'Audit Anne');
  assert.equal(bySession.after.name, 'Audit Annie');
  assert.deepEqual(bySession.before.roles, ['ambassador']);
  assert.deepEqual(bySession.after.roles, ['recruiter']);
  assert.equal(byToken.actor, null, 'an organisation token acts for nobody');
  assert.equal(byToken.token.name, 'test admin');
  assert.equal(byToken.before.active, true);
  assert.equal(byToken.after.active, false);

  const [invited] = await auditOf('person.invited', id);
  assert.ok(invited, 'sending an invitation is audited');
  assert.deepEqual(invited.actor, { id: admin.id, name: admin.name });
});

test('errors speak Dutch to a person whose language is nl', async () => {
  const beheerder = await buildPerson(t, { roles: ['admin'], language: 'nl', name: 'Bea Beheerder' });
  const nl = await sessionHeaders(t, beheerder);
  const taken = await post('/api/v1/people', { email: 'maria.jansen@example.com', name: 'Dubbel' }, nl);
  assert.equal(taken.statusCode, 409);
  assert.equal(taken.json().error.message, 'Er bestaat al iemand met het e-mailadres maria.jansen@example.com.');
  const invalid = await post('/api/v1/people', { email: 'geen-adres', name: 'X' }, nl);
  assert.equal(invalid.statusCode, 400);
  assert.match(invalid.json().error.message, /^Sommige velden zijn niet geldig/);
  const missing = await get('/api/v1/people/01a21d31-0406-74b8-81a3-07faa3ca4c74', nl);
  assert.match(missing.json().error.message, /^Niet gevonden/);
  const english = await post('/api/v1/people', { email: 'maria.jansen@example.com', name: 'Dubbel' });
  assert.match(english.json().error.message, /already/i, 'an English admin still reads English');
});

const long = 'x'.repeat(5000);
const badInput: { name: string; method: 'GET' | 'POST' | 'PATCH'; url: string; body?: unknown; code?: string }[] = [
  { name: 'name is a number', method: 'POST', url: '/api/v1/people', body: { email: 'a@example.com', name: 123 } },
  { name: 'e-mail missing', method: 'POST', url: '/api/v1/people', body: { name: 'No Mail' } },
  { name: 'a huge name', method: 'POST', url: '/api/v1/people', body: { email: 'b@example.com', name: long } },
  { name: 'a huge e-mail', method: 'POST', url: '/api/v1/people', body: { email: `${long}@example.com`, name: 'B' } },
  { name: 'a NUL character in the name', method: 'POST', url: '/api/v1/people', body: { email: 'c@example.com', name: 'Nul\u0000Person' } },
  { name: 'an unknown role', method: 'POST', url: '/api/v1/people', body: { email: 'd@example.com', name: 'D', roles: ['owner'] } },
  { name: 'an unknown time zone', method: 'POST', url: '/api/v1/people', body: { email: 'e@example.com', name: 'E', timeZone: 'Mars/Olympus' } },
  { name: 'an impossible start date', method: 'POST', url: '/api/v1/people', body: { email: 'f@example.com', name: 'F', startDate: '2026-02-30' } },
  { name: 'year zero', method: 'POST', url: '/api/v1/people', body: { email: 'g@example.com', name: 'G', startDate: '0000-01-01' } },
  { name: 'a department id that is no uuid', method: 'POST', url: '/api/v1/people', body: { email: 'h@example.com', name: 'H', departmentId: 'sales' } },
  { name: 'an array body', method: 'POST', url: '/api/v1/people', body: [1, 2] },
  { name: 'a person id that is no uuid', method: 'GET', url: '/api/v1/people/12345' },
  { name: 'patch with name null', method: 'PATCH', url: '/api/v1/people/01a21d31-0406-74b8-81a3-07faa3ca4c74', body: { name: null } },
  { name: 'active as a string', method: 'PATCH', url: '/api/v1/people/01a21d31-0406-74b8-81a3-07faa3ca4c74', body: { active: 'no' } },
  { name: 'limit 0', method: 'GET', url: '/api/v1/people?limit=0' },
  { name: 'limit not a number', method: 'GET', url: '/api/v1/people?limit=many' },
  { name: 'an unknown status filter', method: 'GET', url: '/api/v1/people?status=sleeping' },
  { name: 'a groupId filter that is no uuid', method: 'GET', url: '/api/v1/people?groupId=sales' },
  { name: 'a NUL character in the search', method: 'GET', url: '/api/v1/people?q=a%00b' },
  { name: 'a NUL character in the e-mail filter', method: 'GET', url: '/api/v1/people?email=a%00b' },
  { name: 'a huge search', method: 'GET', url: `/api/v1/people?q=${long}` },
];

test('bad input is 400 validation_failed with the field named, never a 500', async () => {
  for (const c of badInput) {
    const response = await t.app.inject({ method: c.method, url: c.url, headers, ...(c.body === undefined ? {} : { payload: c.body as object }) });
    assert.equal(response.statusCode, 400, `${c.name}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    const error = response.json().error;
    assert.equal(error.code, 'validation_failed', c.name);
    assert.ok(error.details.length > 0, `${c.name}: details name the field`);
  }
  const listed = await get('/api/v1/people?limit=200');
  assert.equal(listed.json().items.some((p: { email: string }) => /^[a-h]@example\.com$/.test(p.email)), false, 'nobody was created');
});

test('the OpenAPI document still builds with the people schemas', async () => {
  const response = await get('/api/openapi.json');
  assert.equal(response.statusCode, 200);
  assert.ok(response.json().paths['/api/v1/people'].post, 'create person is documented');
});

test('duplicate roles are stored once', async () => {
  const response = await post('/api/v1/people', { email: 'double.role@example.com', name: 'Double Role', roles: ['editor', 'editor', 'ambassador'] });
  assert.equal(response.statusCode, 201);
  assert.deepEqual(response.json().roles, ['editor', 'ambassador']);
});
