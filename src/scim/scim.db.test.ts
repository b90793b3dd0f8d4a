import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { createApiToken } from '../auth/api-tokens.ts';
import { auditLog, groupMemberships, groups, identities, links, people, shares } from '../db/schema/index.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { buildShare } from '../../test/support/tracking.ts';

/**
 * SCIM 2.0 provisioning with requests shaped the way Microsoft Entra ID and Okta send them (their
 * published provisioning guides: attribute names, capitalised ops, "False" as a string, filters).
 */

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const iPhone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

let t: TestApp;
let scim: Record<string, string>;
let scimTokenId: string;
let adminToken: Record<string, string>;

before(async () => {
  t = await createTestApp();
  const { token, row } = await createApiToken(t.ctx.database.db, { name: 'Entra ID', role: 'ambassador', scopes: ['scim'], personId: null, createdBy: null, now: t.clock.now() });
  scim = { authorization: `Bearer ${token}` };
  scimTokenId = row.id;
  adminToken = await tokenHeaders(t, 'admin');
});
after(() => t?.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
function call(method: Method, url: string, body?: unknown, headers: Record<string, string> = scim) {
  return t.app.inject({
    method,
    url: `/scim/v2${url}`,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}
const q = (filter: string) => `filter=${encodeURIComponent(filter)}`;

function assertScimError(response: { statusCode: number; json(): unknown; headers: Record<string, unknown> }, status: number, scimType?: string) {
  const body = response.json() as { schemas: string[]; status: string; scimType?: string; detail: string };
  assert.equal(response.statusCode, status, JSON.stringify(body));
  assert.match(String(response.headers['content-type']), /^application\/scim\+json/);
  assert.deepEqual(body.schemas, [ERROR]);
  assert.equal(body.status, String(status));
  assert.equal(body.scimType, scimType);
  assert.ok(body.detail.length > 5, 'a detail a person can act on');
}

async function personRow(id: string) {
  const [row] = await t.ctx.database.db.select().from(people).where(eq(people.id, id));
  assert.ok(row);
  return row;
}

async function groupNamesOf(personId: string) {
  const rows = await t.ctx.database.db
    .select({ kind: groups.kind, name: groups.name })
    .from(groupMemberships)
    .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
    .where(eq(groupMemberships.personId, personId));
  return rows.map((r) => `${r.kind}:${r.name}`).sort();
}

describe('authentication and discovery', () => {
  test('no token, a wrong token, or a token without the scim scope get SCIM errors', async () => {
    assertScimError(await call('GET', '/Users', undefined, {}), 401);
    const wrong = await call('GET', '/Users', undefined, { authorization: 'Bearer pod_not-a-real-token' });
    assertScimError(wrong, 401);
    assert.match(String(wrong.headers['www-authenticate']), /^Bearer/);
    assertScimError(await call('GET', '/Users', undefined, adminToken), 403);
    const admin = await buildPerson(t, { roles: ['admin', 'ambassador'] });
    assertScimError(await call('POST', '/Users', { userName: 'x@example.org' }, await sessionHeaders(t, admin)), 403);
    const { token } = await createApiToken(t.ctx.database.db, { name: 'BI', role: 'ambassador', scopes: ['analytics'], personId: null, createdBy: null, now: t.clock.now() });
    assertScimError(await call('GET', '/Groups', undefined, { authorization: `Bearer ${token}` }), 403);
  });

  test('a SCIM token does nothing outside /scim/v2, not even what an ambassador organisation token may read', async () => {
    const { token: plain } = await createApiToken(t.ctx.database.db, { name: 'Reader', role: 'ambassador', personId: null, createdBy: null, now: t.clock.now() });
    const readable = await t.app.inject({ method: 'GET', url: '/api/v1/settings/programme', headers: { authorization: `Bearer ${plain}` } });
    assert.equal(readable.statusCode, 200, 'an ambassador organisation token reads the programme settings');
    const programme = await t.app.inject({ method: 'GET', url: '/api/v1/settings/programme', headers: scim });
    assert.equal(programme.statusCode, 403, 'the SCIM token does not');
    const people = await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: scim });
    assert.equal(people.statusCode, 403);
    const tokens = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: scim, payload: { name: 'escalate', role: 'admin' } });
    assert.equal(tokens.statusCode, 403);
  });

  test('ServiceProviderConfig, ResourceTypes and Schemas describe what is supported, in application/scim+json', async () => {
    const config = await call('GET', '/ServiceProviderConfig');
    assert.equal(config.statusCode, 200);
    assert.match(String(config.headers['content-type']), /^application\/scim\+json/);
    assert.equal(config.json().patch.supported, true);
    assert.equal(config.json().bulk.supported, false);
    assert.equal(config.json().authenticationSchemes[0].type, 'oauthbearertoken');
    const types = (await call('GET', '/ResourceTypes')).json();
    assert.deepEqual(types.Resources.map((r: { id: string }) => r.id), ['User', 'Group']);
    assert.equal(types.Resources[0].schemaExtensions[0].schema, ENTERPRISE);
    assert.equal((await call('GET', '/ResourceTypes/User')).json().endpoint, '/Users');
    const schemas = (await call('GET', '/Schemas')).json();
    assert.deepEqual(schemas.Resources.map((s: { id: string }) => s.id), [USER, ENTERPRISE, GROUP]);
    assert.equal((await call('GET', `/Schemas/${ENTERPRISE}`)).json().attributes[0].name, 'department');
    assertScimError(await call('GET', '/Schemas/urn:nope'), 404);
    const openapi = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(openapi.statusCode, 200);
    assert.ok(openapi.json().paths['/scim/v2/Users'], 'the SCIM routes are documented');
    assertScimError(await call('GET', '/Nope'), 404);
  });
});

describe('Microsoft Entra ID', () => {
  const externalId = '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef';
  const userName = 'ada.lovelace@contoso.example';
  let id = '';

  test('looks the user up by userName, creates them with the enterprise extension, and finds them again', async () => {
    const lookup = await call('GET', `/Users?${q(`userName eq "${userName}"`)}`);
    assert.equal(lookup.statusCode, 200);
    assert.deepEqual(lookup.json(), { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

    const created = await call('POST', '/Users', {
      schemas: [USER, ENTERPRISE],
      externalId,
      userName,
      active: true,
      emails: [{ primary: true, type: 'work', value: userName }],
      meta: { resourceType: 'User' },
      name: { formatted: 'Ada Lovelace', familyName: 'Lovelace', givenName: 'Ada' },
      displayName: 'Ada Lovelace',
      title: 'Analyst',
      preferredLanguage: 'nl-NL',
      addresses: [{ type: 'work', locality: 'Utrecht', country: 'NL' }],
      roles: [],
      [ENTERPRISE]: { department: 'Engineering', manager: { value: 'someone' } },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.match(String(created.headers['content-type']), /^application\/scim\+json/);
    const user = created.json();
    id = user.id;
    assert.equal(created.headers.location, `http://podium.test/scim/v2/Users/${id}`);
    assert.equal(user.userName, userName);
    assert.equal(user.externalId, externalId);
    assert.equal(user.active, true);
    assert.deepEqual(user.name, { formatted: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace' });
    assert.equal(user[ENTERPRISE].department, 'Engineering');
    assert.equal(user.title, 'Analyst');
    assert.equal(user.preferredLanguage, 'nl');
    assert.equal(user.addresses[0].locality, 'Utrecht');

    const row = await personRow(id);
    assert.deepEqual([row.email, row.name, row.language, row.ambassadorStatus, row.roles], [userName, 'Ada Lovelace', 'nl', 'invited', ['ambassador']]);
    assert.deepEqual(await groupNamesOf(id), ['department:Engineering', 'location:Utrecht']);
    const [identity] = await t.ctx.database.db.select().from(identities).where(eq(identities.personId, id));
    assert.deepEqual([identity?.provider, identity?.issuer, identity?.subject], ['scim', 'scim', externalId]);

    for (const filter of [`userName eq "${userName.toUpperCase()}"`, `externalId eq "${externalId}"`, `emails[type eq "work"].value eq "${userName}"`]) {
      const found = (await call('GET', `/Users?${q(filter)}`)).json();
      assert.equal(found.totalResults, 1, filter);
      assert.equal(found.Resources[0].id, id, filter);
    }
    assert.equal((await call('GET', `/Users/${id}`)).json().id, id);
  });

  test('the audit log names the SCIM token as the actor', async () => {
    const entries = await t.ctx.database.db.select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.actorTokenId, scimTokenId)));
    const actions = entries.map((e) => e.action);
    assert.ok(actions.includes('person.created'), actions.join());
    assert.ok(actions.includes('scim.user.provisioned'), actions.join());
    assert.ok(entries.every((e) => e.actorPersonId === null));
  });

  test('a second user with the same userName is 409 uniqueness', async () => {
    const again = await call('POST', '/Users', { schemas: [USER], userName, emails: [{ primary: true, type: 'work', value: userName }], name: { givenName: 'Other', familyName: 'Person' } });
    assertScimError(again, 409, 'uniqueness');
    const sameExternal = await call('POST', '/Users', { schemas: [USER], externalId, userName: 'other@contoso.example', displayName: 'Other' });
    assertScimError(sameExternal, 409, 'uniqueness');
  });

  test('PATCH Replace of attributes, as Entra ID sends them', async () => {
    const response = await call('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ada.king@contoso.example' },
        { op: 'Replace', path: 'userName', value: 'ada.king@contoso.example' },
        { op: 'Replace', path: 'name.familyName', value: 'King' },
        { op: 'Replace', path: 'displayName', value: 'Ada King' },
        { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Research' },
        { op: 'Add', path: 'title', value: 'Countess' },
        { op: 'Replace', path: 'phoneNumbers[type eq "work"].value', value: '+31 30 000 0000' },
      ],
    });
    assert.equal(response.statusCode, 200, response.body);
    const user = response.json();
    assert.deepEqual([user.userName, user.displayName, user.name.familyName, user[ENTERPRISE].department, user.title], ['ada.king@contoso.example', 'Ada King', 'King', 'Research', 'Countess']);
    const row = await personRow(id);
    assert.deepEqual([row.email, row.name], ['ada.king@contoso.example', 'Ada King']);
    assert.deepEqual(await groupNamesOf(id), ['department:Research', 'location:Utrecht']);
  });

  test('deactivation ("False" as a string) makes the person alumni; their links and shares stay', async () => {
    const story = await insertStory(t, { title: 'Provisioned and shared' });
    const share = await buildShare(t, story.id, { personId: id });
    // Entra ID sends the boolean as a string and the op capitalised.
    const response = await call('PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().active, false);
    const row = await personRow(id);
    assert.equal(row.ambassadorStatus, 'alumni');
    assert.ok(row.leftAt);
    assert.equal(row.erasedAt, null);
    assert.deepEqual(await groupNamesOf(id), [], 'a leaver is in no department or team');
    assert.equal((await t.ctx.database.db.select().from(shares).where(eq(shares.personId, id))).length, 1, 'the share stays theirs');
    const [link] = await t.ctx.database.db.select().from(links).where(eq(links.code, share.code));
    assert.equal(link?.shareId, share.shareId);
    const redirect = await t.app.inject({ method: 'GET', url: `/l/${share.code}`, headers: { 'user-agent': iPhone } });
    assert.equal(redirect.statusCode, 302, 'the link keeps redirecting');
    const left = await t.ctx.database.db.select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'person.left')));
    assert.equal(left[0]?.actorTokenId, scimTokenId);
    // The same request again changes nothing and is no error.
    assert.equal((await call('PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] })).statusCode, 200);
    assert.equal((await call('GET', `/Users?${q('active eq false')}`)).json().Resources.some((u: { id: string }) => u.id === id), true);
  });

  test('re-activation takes the leaver back as an employee through the re-hire path', async () => {
    const response = await call('PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().active, true);
    const row = await personRow(id);
    assert.notEqual(row.ambassadorStatus, 'alumni');
    assert.equal(row.leftAt, null);
    assert.deepEqual(await groupNamesOf(id), ['department:Research', 'location:Utrecht'], 'department and location come back');
    const rehired = await t.ctx.database.db.select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'person.rehired')));
    assert.equal(rehired.length, 1);
  });

  test('groups: create with members, find by displayName, PATCH Add and Remove members, DELETE', async () => {
    const other = (
      await call('POST', '/Users', { schemas: [USER], userName: 'grace@contoso.example', externalId: 'e-grace', emails: [{ primary: true, type: 'work', value: 'grace@contoso.example' }], displayName: 'Grace Hopper' })
    ).json();
    const created = await call('POST', '/Groups', { schemas: [GROUP], externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159', displayName: 'Advocacy Team', members: [{ value: id }], meta: { resourceType: 'Group' } });
    assert.equal(created.statusCode, 201, created.body);
    const group = created.json();
    assert.equal(group.externalId, '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159');
    assert.deepEqual(group.members.map((m: { value: string }) => m.value), [id]);
    const [row] = await t.ctx.database.db.select().from(groups).where(eq(groups.id, group.id));
    assert.deepEqual([row?.kind, row?.externalId], ['team', '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159']);

    const found = await call('GET', `/Groups?excludedAttributes=members&${q('displayName eq "Advocacy Team"')}`);
    assert.equal(found.json().totalResults, 1);
    assert.equal(found.json().Resources[0].members, undefined, 'members left out as asked');

    const add = await call('PATCH', `/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: other.id }] }] });
    assert.equal(add.statusCode, 204, add.body);
    assert.deepEqual((await groupNamesOf(other.id)).includes('team:Advocacy Team'), true);
    const membership = await call('GET', `/Groups?excludedAttributes=members&${q(`id eq "${group.id}" and members[value eq "${other.id}"]`)}`);
    assert.equal(membership.json().totalResults, 1);
    assert.deepEqual((await call('GET', `/Users/${other.id}`)).json().groups.map((g: { display: string }) => g.display), ['Advocacy Team']);

    const remove = await call('PATCH', `/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: id }] }] });
    assert.equal(remove.statusCode, 204);
    assert.deepEqual((await call('GET', `/Groups/${group.id}`)).json().members.map((m: { value: string }) => m.value), [other.id]);

    const rename = await call('PATCH', `/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'displayName', value: 'Advocates' }] });
    assert.equal(rename.statusCode, 204);
    assert.equal((await call('GET', `/Groups/${group.id}`)).json().displayName, 'Advocates');

    assertScimError(await call('POST', '/Groups', { schemas: [GROUP], displayName: 'advocates' }), 409, 'uniqueness');
    assertScimError(await call('PATCH', `/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'Add', path: 'members', value: [{ value: '019300aa-0000-7000-8000-000000000000' }] }] }), 400, 'invalidValue');

    assert.equal((await call('DELETE', `/Groups/${group.id}`)).statusCode, 204);
    assertScimError(await call('GET', `/Groups/${group.id}`), 404);
    assert.equal((await personRow(other.id)).erasedAt, null, 'members stay');
  });

  test('DELETE of a user makes them alumni; they are not deleted', async () => {
    const response = await call('DELETE', `/Users/${id}`);
    assert.equal(response.statusCode, 204);
    const row = await personRow(id);
    assert.equal(row.ambassadorStatus, 'alumni');
    assert.equal((await call('GET', `/Users/${id}`)).json().active, false);
  });

  test('provisioned again after a DELETE, the leaver gets their own row back', async () => {
    const again = await call('POST', '/Users', { schemas: [USER, ENTERPRISE], externalId, userName: 'ada.king@contoso.example', active: true, emails: [{ primary: true, type: 'work', value: 'ada.king@contoso.example' }], displayName: 'Ada King', [ENTERPRISE]: { department: 'Research' } });
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(again.json().id, id);
    assert.equal(again.json().active, true);
    assert.notEqual((await personRow(id)).ambassadorStatus, 'alumni');
  });
});

describe('Okta', () => {
  let id = '';
  const userName = 'test.user@okta.example';

  test('create, find with paging, deactivate with a path-less replace, re-activate with PUT', async () => {
    const lookup = await call('GET', `/Users?${q(`userName eq "${userName}"`)}&startIndex=1&count=100`);
    assert.equal(lookup.json().totalResults, 0);
    const created = await call('POST', '/Users', {
      schemas: [USER],
      userName,
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
    });
    assert.equal(created.statusCode, 201, created.body);
    id = created.json().id;
    assert.equal((await personRow(id)).language, 'en');

    const page = (await call('GET', '/Users?startIndex=1&count=1')).json();
    assert.equal(page.itemsPerPage, 1);
    assert.ok(page.totalResults >= 2);
    const second = (await call('GET', '/Users?startIndex=2&count=1')).json();
    assert.notEqual(second.Resources[0].id, page.Resources[0].id);

    const deactivate = await call('PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'replace', value: { active: false } }] });
    assert.equal(deactivate.statusCode, 200, deactivate.body);
    assert.equal((await personRow(id)).ambassadorStatus, 'alumni');

    const put = await call('PUT', `/Users/${id}`, {
      schemas: [USER],
      id,
      userName,
      name: { givenName: 'Test', familyName: 'Userson' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      active: true,
      externalId: '00ujl29u0le5T6Aj10h7',
    });
    assert.equal(put.statusCode, 200, put.body);
    const row = await personRow(id);
    assert.notEqual(row.ambassadorStatus, 'alumni');
    assert.equal(row.name, 'Test Userson', 'without displayName the name is given and family name');

    const putInactive = await call('PUT', `/Users/${id}`, { schemas: [USER], userName, emails: [{ primary: true, value: userName, type: 'work' }], name: { givenName: 'Test', familyName: 'Userson' }, active: false });
    assert.equal(putInactive.statusCode, 200);
    assert.equal((await personRow(id)).ambassadorStatus, 'alumni');
  });

  test('groups: create, replace without a path, add members, remove by a member filter path', async () => {
    const member = (await call('POST', '/Users', { schemas: [USER], userName: 'member@okta.example', name: { givenName: 'Mem', familyName: 'Ber' }, emails: [{ primary: true, value: 'member@okta.example', type: 'work' }], active: true })).json();
    const created = await call('POST', '/Groups', { schemas: [GROUP], displayName: 'Test SCIMv2', members: [] });
    assert.equal(created.statusCode, 201);
    const groupId = created.json().id;
    const replace = await call('PATCH', `/Groups/${groupId}`, { schemas: [PATCH], Operations: [{ op: 'replace', value: { id: groupId, displayName: 'Test SCIMv2 renamed' } }] });
    assert.equal(replace.statusCode, 204, replace.body);
    const add = await call('PATCH', `/Groups/${groupId}`, { schemas: [PATCH], Operations: [{ op: 'add', path: 'members', value: [{ value: member.id, display: 'member@okta.example' }] }] });
    assert.equal(add.statusCode, 204);
    assert.deepEqual((await call('GET', `/Groups/${groupId}`)).json().members.map((m: { value: string }) => m.value), [member.id]);
    const remove = await call('PATCH', `/Groups/${groupId}`, { schemas: [PATCH], Operations: [{ op: 'remove', path: `members[value eq "${member.id}"]` }] });
    assert.equal(remove.statusCode, 204);
    const group = (await call('GET', `/Groups/${groupId}`)).json();
    assert.deepEqual([group.displayName, group.members], ['Test SCIMv2 renamed', []]);
    const put = await call('PUT', `/Groups/${groupId}`, { schemas: [GROUP], displayName: 'Test SCIMv2 renamed', members: [{ value: member.id }] });
    assert.equal(put.statusCode, 200);
    assert.equal(put.json().members.length, 1);
    assert.equal((await call('DELETE', `/Groups/${groupId}`)).statusCode, 204);
  });
});

describe('privacy', () => {
  test('erasing a provisioned person removes their provider account and SCIM details; the provider can provision anew', async () => {
    const created = await call('POST', '/Users', { schemas: [USER], externalId: 'e-erase', userName: 'erase.me@contoso.example', name: { givenName: 'Erase', familyName: 'Me' }, title: 'Secret title' });
    assert.equal(created.statusCode, 201);
    const id = created.json().id;
    const erased = await t.app.inject({ method: 'POST', url: `/api/v1/people/${id}/erase`, headers: adminToken });
    assert.equal(erased.statusCode, 200, erased.body);
    assert.deepEqual(await t.ctx.database.db.select().from(identities).where(eq(identities.personId, id)), []);
    assert.deepEqual((await personRow(id)).preferences, {}, 'name parts and title are gone with the rest');
    assertScimError(await call('GET', `/Users/${id}`), 404);
    assert.equal((await call('GET', `/Users?${q('externalId eq "e-erase"')}`)).json().totalResults, 0);
    const anew = await call('POST', '/Users', { schemas: [USER], externalId: 'e-erase', userName: 'erase.me@contoso.example', displayName: 'Erase Me' });
    assert.equal(anew.statusCode, 201, anew.body);
    assert.notEqual(anew.json().id, id);
  });
});

describe('bad requests are 4xx SCIM errors, never 500', () => {
  test('filters that cannot be answered are 400 invalidFilter', async () => {
    for (const filter of ['userName co "ada"', 'userName eq', 'nickName eq "x"', 'userName eq "a" or userName eq "b"', 'emails[type eq "home"].value eq "x"', '"quoted" eq "x"', 'userName eq "unterminated']) {
      assertScimError(await call('GET', `/Users?${q(filter)}`), 400, 'invalidFilter');
    }
    assertScimError(await call('GET', `/Groups?${q('members.display eq "x"')}`), 400, 'invalidFilter');
  });

  test('application/scim+json with a charset and plain application/json are both understood', async () => {
    for (const type of ['application/scim+json; charset=utf-8', 'application/json']) {
      const userName = `type.${type.length}@example.org`;
      const response = await t.app.inject({ method: 'POST', url: '/scim/v2/Users', headers: { ...scim, 'content-type': type }, payload: JSON.stringify({ schemas: [USER], userName, displayName: 'Typed' }) });
      assert.equal(response.statusCode, 201, `${type}: ${response.body}`);
    }
    const xml = await t.app.inject({ method: 'POST', url: '/scim/v2/Users', headers: { ...scim, 'content-type': 'application/xml' }, payload: '<user/>' });
    assertScimError(xml, 415);
  });

  test('bodies that are not valid JSON, lack an e-mail or hold wrong types', async () => {
    const broken = await t.app.inject({ method: 'POST', url: '/scim/v2/Users', headers: { ...scim, 'content-type': 'application/scim+json' }, payload: '{"userName": ' });
    assertScimError(broken, 400, 'invalidSyntax');
    assertScimError(await call('POST', '/Users', { schemas: [USER], userName: 'no-email' }), 400, 'invalidValue');
    assertScimError(await call('POST', '/Users', { schemas: [USER], userName: 'x@example.org', active: 'maybe' }), 400, 'invalidValue');
    assertScimError(await call('POST', '/Users', { schemas: [USER], userName: 'x@example.org', emails: 'x@example.org' }), 400, 'invalidValue');
    assertScimError(await call('PATCH', '/Users/019300aa-0000-7000-8000-000000000000', { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] }), 404);
    assertScimError(await call('GET', '/Users/not-a-uuid'), 404);
    const existing = await buildPerson(t);
    assertScimError(await call('PATCH', `/Users/${existing.id}`, { schemas: [PATCH], Operations: [{ op: 'Move', path: 'active' }] }), 400, 'invalidSyntax');
    assertScimError(await call('PATCH', `/Users/${existing.id}`, { schemas: [PATCH] }), 400, 'invalidSyntax');
    assertScimError(await call('PATCH', `/Users/${existing.id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'not an address' }] }), 400, 'invalidValue');
  });

  test('a person Podium already knew is matched by userName and linked to the provider’s externalId', async () => {
    const known = await buildPerson(t, { email: 'known@contoso.example', name: 'Known Person' });
    const found = (await call('GET', `/Users?${q('userName eq "known@contoso.example"')}`)).json();
    assert.equal(found.Resources[0].id, known.id);
    const patch = await call('PATCH', `/Users/${known.id}`, { schemas: [PATCH], Operations: [{ op: 'Add', path: 'externalId', value: 'e-known' }] });
    assert.equal(patch.statusCode, 200);
    assert.equal((await personRow(known.id)).name, 'Known Person', 'the name Podium had stays');
    assert.equal((await call('GET', `/Users?${q('externalId eq "e-known"')}`)).json().Resources[0].id, known.id);
  });

  test('provisioning cannot move an administrator’s sign-in address, nor bring back someone an administrator deactivated', async () => {
    const boss = await buildPerson(t, { email: 'boss@contoso.example', name: 'Boss', roles: ['admin', 'ambassador'] });
    const moved = await call('PATCH', `/Users/${boss.id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'emails[type eq "work"].value', value: 'attacker@elsewhere.example' }] });
    assertScimError(moved, 400, 'mutability');
    assert.equal((await personRow(boss.id)).email, 'boss@contoso.example');
    const put = await call('PUT', `/Users/${boss.id}`, { schemas: [USER], userName: 'attacker@elsewhere.example', active: true });
    assertScimError(put, 400, 'mutability');
    assert.equal((await personRow(boss.id)).email, 'boss@contoso.example');
    // Other attributes of an administrator still follow the provider.
    const titled = await call('PATCH', `/Users/${boss.id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'title', value: 'Director' }] });
    assert.equal(titled.statusCode, 200, titled.body);
    assert.equal(titled.json().title, 'Director');

    const editor = await buildPerson(t, { email: 'editor.off@contoso.example', roles: ['editor', 'ambassador'], active: false });
    assertScimError(await call('PATCH', `/Users/${editor.id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] }), 400, 'mutability');
    assert.equal((await personRow(editor.id)).active, false);
    // An ambassador an administrator deactivated is the provider's to re-activate.
    const plain = await buildPerson(t, { email: 'plain.off@contoso.example', roles: ['ambassador'], active: false });
    const back = await call('PATCH', `/Users/${plain.id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal((await personRow(plain.id)).active, true);
  });
});

test('the last active administrator cannot be deactivated through SCIM (409 mutability); nothing changes', async () => {
  const fresh = await createTestApp();
  try {
    const { token } = await createApiToken(fresh.ctx.database.db, { name: 'Okta', role: 'ambassador', scopes: ['scim'], personId: null, createdBy: null, now: fresh.clock.now() });
    const only = await buildPerson(fresh, { email: 'only.admin@contoso.example', roles: ['admin', 'ambassador'] });
    for (const body of [
      { schemas: [PATCH], Operations: [{ op: 'replace', value: { active: false } }] },
      { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
    ]) {
      const response = await fresh.app.inject({ method: 'PATCH', url: `/scim/v2/Users/${only.id}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' }, payload: JSON.stringify(body) });
      assertScimError(response, 409, 'mutability');
    }
    const put = await fresh.app.inject({
      method: 'PUT',
      url: `/scim/v2/Users/${only.id}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      payload: JSON.stringify({ schemas: [USER], userName: 'only.admin@contoso.example', displayName: 'Renamed Admin', active: false }),
    });
    assertScimError(put, 409, 'mutability');
    const deleted = await fresh.app.inject({ method: 'DELETE', url: `/scim/v2/Users/${only.id}`, headers: { authorization: `Bearer ${token}` } });
    assertScimError(deleted, 409, 'mutability');
    const [row] = await fresh.ctx.database.db.select().from(people).where(eq(people.id, only.id));
    assert.deepEqual([row?.active, row?.ambassadorStatus === 'alumni', row?.roles, row?.name], [true, false, ['admin', 'ambassador'], only.name], 'nothing changed, not even the name');
  } finally {
    await fresh.close();
  }
});

test('a SCIM token can only be made with the ambassador role and for no person', async () => {
  const admin = await buildPerson(t, { roles: ['admin'] });
  const headers = await sessionHeaders(t, admin);
  const make = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers, payload: { name: 'Provisioning', scopes: ['scim'], ...body } });
  const asAdmin = await make({ role: 'admin' });
  assert.equal(asAdmin.statusCode, 400, asAdmin.body);
  assert.equal(asAdmin.json().error.code, 'token_scim');
  const forPerson = await make({ role: 'ambassador', personId: admin.id });
  assert.equal(forPerson.statusCode, 400, forPerson.body);
  const allowed = await make({ role: 'ambassador' });
  assert.equal(allowed.statusCode, 201, allowed.body);
  assert.deepEqual(allowed.json().scopes, ['scim']);
});
