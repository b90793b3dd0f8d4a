import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { ALUMNI_ROUTES, ALUMNI_SESSION_METHOD, signInAllowed } from '../auth/alumni-access.ts';
import { createSession, csrfTokenFor } from '../auth/sessions.ts';
import { hashToken } from '../auth/tokens.ts';
import { registeredRoutes } from '../http/auth-hooks.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson } from '../../test/support/factories.ts';

/**
 * The alumnus column of the route × role matrix: deny by default. Every registered API route that
 * is not public and not in ALUMNI_ROUTES answers 403 to a signed-in alumnus — also routes added
 * after this test was written — and every listed route lets them past authorization.
 */

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t?.close());

/** A fresh alumni session per request: leaving the programme or signing out ends it. */
async function alumnusSession(): Promise<{ personId: string; headers: Record<string, string> }> {
  const now = t.clock.now();
  // Former admin: their old roles must not matter.
  const person = await buildPerson(t, { roles: ['admin', 'editor', 'recruiter', 'ambassador'], ambassadorStatus: 'alumni', leftAt: now, alumniJoinedAt: now, personalEmail: `a.${uuidv7()}@private.example` });
  const token = await createSession(t.ctx.database.db, person.id, ALUMNI_SESSION_METHOD, now);
  return { personId: person.id, headers: { cookie: `podium_session=${token}`, 'x-csrf-token': csrfTokenFor(t.config.secretKey, hashToken(token)), 'content-type': 'application/json' } };
}

test('a signed-in alumnus reaches only the alumni routes; every other non-public route is 403', async () => {
  const routes = registeredRoutes(t.app).filter((route) => route.method !== 'HEAD' && route.policy !== 'public');
  assert.ok(routes.length > 40, 'routes were collected');
  const listed = new Set(routes.map((route) => `${route.method} ${route.url}`));
  for (const route of ALUMNI_ROUTES) assert.ok(listed.has(route), `${route} is a registered route`);
  const wrong: string[] = [];
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    const { personId, headers } = await alumnusSession();
    // A person's own id where a route names a person (their own results), any id elsewhere.
    const url = route.url.replace(/:(\w+)/g, () => (route.url.startsWith('/api/v1/people/:id') ? personId : uuidv7()));
    const response = await t.app.inject({ method: route.method as 'GET', url, headers, payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}' });
    const allowed = ALUMNI_ROUTES.has(key);
    const ok = allowed ? response.statusCode !== 401 && response.statusCode !== 403 && response.statusCode < 500 : response.statusCode === 403 && response.json().error.code === 'forbidden';
    if (!ok) wrong.push(`${key} (${allowed ? 'allowed' : 'denied'}): ${response.statusCode} ${response.body.slice(0, 160)}`);
  }
  assert.deepEqual(wrong, []);
});

test('the sign-in rule: alumni only by the personal-e-mail link and in the programme — also where SSO would be required', () => {
  const base = { active: true, erasedAt: null, alumniJoinedAt: null };
  const employee = { ...base, ambassadorStatus: 'active' as const };
  const member = { ...base, ambassadorStatus: 'alumni' as const, alumniJoinedAt: new Date() };
  const outside = { ...base, ambassadorStatus: 'alumni' as const };
  for (const method of ['work_email_link', 'password', 'single_sign_on', 'api_token'] as const) {
    assert.equal(signInAllowed(employee, method), true, method);
    assert.equal(signInAllowed(member, method), false, `alumni: no ${method}`);
  }
  assert.equal(signInAllowed(employee, 'personal_email_link'), false);
  assert.equal(signInAllowed(member, 'personal_email_link'), true);
  assert.equal(signInAllowed(outside, 'personal_email_link'), false, 'not in the programme: no sign-in at all');
  assert.equal(signInAllowed({ ...member, active: false }, 'personal_email_link'), false);
  assert.equal(signInAllowed({ ...member, erasedAt: new Date() }, 'personal_email_link'), false);
});

test('the alumni routes are documented in the OpenAPI document', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(response.statusCode, 200);
  const paths = Object.keys(response.json().paths);
  for (const path of ['/api/v1/people/{id}/leave', '/api/v1/people/{id}/alumni', '/api/v1/alumni/invitation', '/api/v1/alumni/invitation/join', '/api/v1/alumni/invitation/leave', '/api/v1/me/alumni', '/api/v1/me/alumni/leave']) {
    assert.ok(paths.includes(path), path);
  }
  assert.ok(response.json().components.schemas.CreatedPerson, 'POST /people answers whether the person was re-hired');
});
