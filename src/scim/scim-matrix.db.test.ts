import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { createApiToken } from '../auth/api-tokens.ts';
import type { Role } from '../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { scimRoutes, type ScimScenario } from '../../test/http/matrix/scim.ts';
import { type Caller, callers, sessionCallers } from '../../test/http/matrix/types.ts';
import { scimRegisteredRoutes } from './routes.ts';

/** The SCIM route matrix: every /scim/v2 route is listed, and only a token with the scim scope gets in. */

let t: TestApp;
let scim: Record<string, string>;
let adminToken: Record<string, string>;
const people = new Map<Caller, { id: string }>();
let fixtures: Parameters<NonNullable<ScimScenario['params']>>[0];

before(async () => {
  t = await createTestApp();
  for (const role of sessionCallers) {
    const roles: Role[] = role === 'ambassador' ? ['ambassador'] : [role, 'ambassador'];
    people.set(role, await buildPerson(t, { roles }));
  }
  adminToken = await tokenHeaders(t, 'admin');
  const { token } = await createApiToken(t.ctx.database.db, { name: 'SCIM', role: 'ambassador', scopes: ['scim'], personId: null, createdBy: null, now: t.clock.now() });
  scim = { authorization: `Bearer ${token}` };
  const user = await buildPerson(t, { email: 'matrix.user@example.org' });
  const group = await t.app.inject({ method: 'POST', url: '/scim/v2/Groups', headers: { ...scim, 'content-type': 'application/scim+json' }, payload: JSON.stringify({ displayName: 'Matrix Team' }) });
  assert.equal(group.statusCode, 201);
  fixtures = { personId: user.id, groupId: group.json().id, tokenId: uuidv7(), passwordEmail: '', userId: user.id, scimGroupId: group.json().id };
});
after(() => t?.close());

async function headersOf(caller: Caller): Promise<Record<string, string>> {
  if (caller === 'anonymous') return {};
  if (caller === 'adminToken') return adminToken;
  const person = people.get(caller);
  assert.ok(person);
  return sessionHeaders(t, person);
}

function send(route: string, scenario: ScimScenario, headers: Record<string, string>) {
  const [method = '', path = ''] = route.split(' ');
  const params = scenario.params?.(fixtures) ?? {};
  const url = path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? uuidv7()) + (scenario.query ?? '');
  const body = scenario.body?.(fixtures);
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

test('every SCIM route is in the matrix, and the matrix names no route that is gone', () => {
  const registered = new Set(scimRegisteredRoutes(t.app));
  assert.ok(registered.size >= 15, 'routes were collected');
  assert.deepEqual([...registered].filter((r) => !(r in scimRoutes)), [], 'add these routes to test/http/matrix/scim.ts');
  assert.deepEqual(Object.keys(scimRoutes).filter((r) => !registered.has(r)), [], 'these routes are no longer registered');
});

for (const [route, scenario] of Object.entries(scimRoutes)) {
  test(`${route}: only a token with the scim scope`, async () => {
    for (const caller of callers) {
      const response = await send(route, scenario, await headersOf(caller));
      const label = `${route} as ${caller}: ${response.statusCode} ${response.body.slice(0, 200)}`;
      assert.equal(response.statusCode, caller === 'anonymous' ? 401 : 403, label);
      assert.deepEqual(response.json().schemas, ['urn:ietf:params:scim:api:messages:2.0:Error'], label);
    }
    const response = await send(route, scenario, scim);
    const label = `${route} with a scim token: ${response.statusCode} ${response.body.slice(0, 200)}`;
    assert.ok(response.statusCode !== 401 && response.statusCode !== 403, label);
    assert.ok(response.statusCode < 500, label);
  });
}
