import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { createApiToken } from '../../src/auth/api-tokens.ts';
import type { Role } from '../../src/db/schema/index.ts';
import { registeredRoutes } from '../../src/http/auth-hooks.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../support/factories.ts';

/**
 * The route × role matrix: who may call every API route. A new route fails the first test until
 * it is added here, so nobody ships a route without deciding who may call it.
 */

import { conversionRoutes } from './matrix/conversions.ts';
import { foundationRoutes } from './matrix/foundation.ts';
import { imageRoutes } from './matrix/images.ts';
import { sharingRoutes } from './matrix/sharing.ts';
import { recruitmentRoutes } from './matrix/recruitment.ts';
import { contentGapRoutes } from './matrix/content-gaps.ts';
import { vacancyFunnelRoutes } from './matrix/vacancy-funnel.ts';
import { vacancySharingRoutes } from './matrix/vacancy-sharing.ts';
import { openVacancyRoutes } from './matrix/open-vacancies.ts';
import { statsRoutes } from './matrix/stats.ts';
import { notificationRoutes } from './matrix/notifications.ts';
import { storyRoutes } from './matrix/stories.ts';
import { nudgeRoutes } from './matrix/nudges.ts';
import { impactRoutes } from './matrix/impact.ts';
import { personaRoutes } from './matrix/personas.ts';
import { alumniRoutes } from './matrix/alumni.ts';
import { analyticsRoutes } from './matrix/analytics.ts';
import { leaderboardRoutes } from './matrix/leaderboards.ts';
import { ssoRoutes } from './matrix/sso.ts';
import { analyticsHealthRoutes } from './matrix/analytics-recruitment.ts';
import { webhookRoutes } from './matrix/webhooks.ts';
import { linkedinRoutes } from './matrix/linkedin.ts';
import { opsRoutes } from './matrix/ops.ts';
import { type Caller, callers, type Fixtures, type Scenario, sessionCallers, password } from './matrix/types.ts';

/** Every domain's routes; a domain adds its file in ./matrix and spreads it in here. */
const matrix: Record<string, Scenario> = { ...foundationRoutes, ...imageRoutes, ...storyRoutes, ...sharingRoutes, ...conversionRoutes, ...statsRoutes, ...recruitmentRoutes, ...contentGapRoutes, ...vacancyFunnelRoutes, ...vacancySharingRoutes, ...openVacancyRoutes, ...impactRoutes, ...nudgeRoutes, ...personaRoutes, ...notificationRoutes, ...alumniRoutes, ...analyticsRoutes, ...leaderboardRoutes, ...ssoRoutes, ...analyticsHealthRoutes, ...webhookRoutes, ...linkedinRoutes, ...opsRoutes };

let t: TestApp;
let fixtures: Fixtures;
const people = new Map<Caller, { id: string }>();
let adminToken: Record<string, string>;

before(async () => {
  t = await createTestApp();
  for (const role of sessionCallers) {
    const roles: Role[] = role === 'ambassador' ? ['ambassador'] : [role, 'ambassador'];
    people.set(role, await buildPerson(t, { roles, name: `Matrix ${role}` }));
  }
  adminToken = await tokenHeaders(t, 'admin');
  const subject = await buildPerson(t, { name: 'Matrix Subject' });
  const signer = await buildPerson(t, { name: 'Matrix Password' });
  await t.app.inject({ method: 'PUT', url: '/api/v1/me/password', headers: await sessionHeaders(t, signer), payload: { password } });
  const group = await t.app.inject({ method: 'POST', url: '/api/v1/groups', headers: adminToken, payload: { kind: 'department', name: 'Matrix department' } });
  assert.equal(group.statusCode, 201);
  const { row: token } = await createApiToken(t.ctx.database.db, { name: 'to revoke', role: 'editor', personId: null, createdBy: null, now: t.clock.now() });
  fixtures = { personId: subject.id, groupId: group.json().id, tokenId: token.id, passwordEmail: signer.email };
});
after(() => t?.close());

/** Fresh credentials per request: sign-out routes end sessions, so none is reused. */
async function headersOf(caller: Caller): Promise<Record<string, string>> {
  if (caller === 'anonymous') return {};
  if (caller === 'adminToken') return adminToken;
  const person = people.get(caller);
  assert.ok(person);
  return sessionHeaders(t, person);
}

function urlOf(route: string, scenario: Scenario): { method: string; url: string } {
  const [method = '', path = ''] = route.split(' ');
  const id = path.includes('/imports/') ? uuidv7() : path.includes('/groups/') ? fixtures.groupId : path.includes('/tokens/') ? fixtures.tokenId : fixtures.personId;
  const params = scenario.params?.(fixtures) ?? (path.startsWith('/api/v1/people') || path.startsWith('/api/v1/groups') || path.startsWith('/api/v1/tokens') ? { id } : {});
  const filled = path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? uuidv7());
  return { method, url: filled + (scenario.query ?? '') };
}

async function send(route: string, scenario: Scenario, headers: Record<string, string>) {
  const { method, url } = urlOf(route, scenario);
  const body = scenario.body?.(fixtures);
  const contentType = scenario.contentType ? { 'content-type': scenario.contentType } : {};
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...headers, ...contentType },
    ...(body === undefined ? {} : { payload: body as string }),
  });
}

test('every registered API route is in the matrix, and the matrix names no route that is gone', () => {
  const registered = new Set(registeredRoutes(t.app).filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`));
  assert.ok(registered.size > 30, 'routes were collected');
  const missing = [...registered].filter((route) => !(route in matrix));
  assert.deepEqual(missing, [], 'add these routes to the matrix, deciding who may call them');
  const stale = Object.keys(matrix).filter((route) => !registered.has(route));
  assert.deepEqual(stale, [], 'these routes are no longer registered');
});

test('exactly the routes open to anonymous callers declare the public policy', () => {
  for (const route of registeredRoutes(t.app)) {
    if (route.method === 'HEAD') continue;
    const scenario = matrix[`${route.method} ${route.url}`];
    assert.ok(scenario);
    assert.equal(route.policy === 'public', scenario.allowed.includes('anonymous'), `${route.method} ${route.url}`);
  }
});

for (const [route, scenario] of Object.entries(matrix)) {
  test(`${route}: allowed ${scenario.allowed.join(', ')}`, async () => {
    for (const caller of callers) {
      const response = await send(route, scenario, await headersOf(caller));
      const label = `${route} as ${caller}: ${response.statusCode} ${response.body.slice(0, 200)}`;
      if (scenario.allowed.includes(caller)) {
        assert.ok(response.statusCode !== 401 && response.statusCode !== 403, label);
        assert.ok(response.statusCode < 500, label);
      } else if (caller === 'anonymous') {
        assert.equal(response.statusCode, 401, label);
        assert.equal(response.json().error.code, 'not_signed_in', label);
      } else {
        assert.equal(response.statusCode, 403, label);
        assert.equal(response.json().error.code, 'forbidden', label);
      }
    }
  });
}

test('a cookie session without the CSRF header cannot call any mutating route', async () => {
  const checked: string[] = [];
  for (const [route, scenario] of Object.entries(matrix)) {
    if (route.startsWith('GET ') || scenario.allowed.includes('anonymous')) continue;
    const caller = sessionCallers.find((c) => scenario.allowed.includes(c));
    if (!caller) continue;
    const { cookie = '' } = await headersOf(caller);
    const response = await send(route, scenario, { cookie });
    assert.equal(response.statusCode, 403, `${route} as ${caller}`);
    assert.equal(response.json().error.code, 'csrf_failed', `${route} as ${caller}`);
    checked.push(route);
  }
  assert.ok(checked.length >= 15, `checked ${checked.length} routes`);
});

test('a CSRF-less cookie request changes nothing', async () => {
  const { cookie = '' } = await headersOf('admin');
  const response = await t.app.inject({ method: 'PATCH', url: `/api/v1/people/${fixtures.personId}`, headers: { cookie }, payload: { name: 'Forged Name' } });
  assert.equal(response.statusCode, 403);
  const read = await t.app.inject({ method: 'GET', url: `/api/v1/people/${fixtures.personId}`, headers: adminToken });
  assert.notEqual(read.json().name, 'Forged Name');
});

test('an unknown or revoked Bearer token is 401 even where a session would be allowed', async () => {
  const garbage = await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: { authorization: 'Bearer not-a-token' } });
  assert.equal(garbage.statusCode, 401);
  const headers = await tokenHeaders(t, 'admin');
  const list = await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: adminToken });
  const id = list.json().items.find((item: { prefix: string }) => (headers.authorization ?? '').includes(item.prefix))?.id;
  assert.ok(id, 'the new token is listed');
  const revoke = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: adminToken });
  assert.equal(revoke.statusCode, 204);
  const afterRevoke = await t.app.inject({ method: 'GET', url: '/api/v1/people', headers });
  assert.equal(afterRevoke.statusCode, 401);
});
