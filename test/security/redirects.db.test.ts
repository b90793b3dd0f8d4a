import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { registeredRoutes } from '../../src/http/auth-hooks.ts';
import { safeInAppPath } from '../../src/nudges/tracking.ts';
import { safeReturnTo } from '../../src/sso/state.ts';
import { httpUrlSchema } from '../../src/stories/schema.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../support/factories.ts';

/**
 * Open redirects: no route may send a browser to a place the request chose. Every redirect Podium
 * answers (short links, nudge clicks, unsubscribe, single sign-on, LinkedIn connect, the web app's
 * `next`) stays on Podium's own origin unless its target was stored by an editor and checked then.
 */

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t?.close());

/** Places an attacker would like a redirect to go. */
const hostileTargets = [
  'https://evil.example/',
  '//evil.example/',
  '/\\evil.example/',
  '\\\\evil.example',
  '/%2f%2fevil.example',
  '/\t/evil.example',
  'https:evil.example',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '@evil.example',
  '/@evil.example',
  ' //evil.example',
  '%0d%0aLocation:%20https://evil.example',
];

/** A redirect's target must be on Podium's own origin. */
function assertSameOrigin(location: string | undefined, where: string): void {
  if (location === undefined) return;
  const target = new URL(location, t.config.baseUrl);
  assert.equal(target.origin, new URL(t.config.baseUrl).origin, `${where} redirects to ${location}`);
}

test('the path and return-to guards refuse every way out of Podium', () => {
  for (const target of hostileTargets) {
    const decoded = decodeURIComponent(target.replace(/%(?![0-9a-f]{2})/gi, '%25'));
    for (const value of [target, decoded]) {
      const path = safeInAppPath(value);
      assert.equal(new URL(`${t.config.baseUrl}${path}`).origin, new URL(t.config.baseUrl).origin, `safeInAppPath(${JSON.stringify(value)})`);
      const back = safeReturnTo(value);
      assert.equal(new URL(`${t.config.baseUrl}${back}`).origin, new URL(t.config.baseUrl).origin, `safeReturnTo(${JSON.stringify(value)})`);
    }
  }
  assert.equal(safeReturnTo('/stories/abc?x=1'), '/stories/abc?x=1', 'a real path inside Podium is kept');
  for (const target of ['javascript:alert(1)', 'data:text/html,x', '//evil.example/', 'ftp://evil.example/', 'http://x\u0000.example/']) {
    assert.equal(httpUrlSchema.safeParse(target).success, false, `stored destinations refuse ${target}`);
  }
});

test('single sign-on keeps return-to inside Podium, started or called back with hostile values', async () => {
  for (const target of hostileTargets) {
    const start = await t.app.inject({ method: 'GET', url: `/api/v1/auth/sso/start?returnTo=${encodeURIComponent(target)}` });
    assert.ok([302, 303, 429].includes(start.statusCode), `sso start answered ${start.statusCode}`);
    if (start.statusCode === 429) break;
    assertSameOrigin(start.headers.location as string | undefined, `sso start returnTo=${target}`);
    const next = new URL(String(start.headers.location), t.config.baseUrl).searchParams.get('next');
    if (next !== null) assert.equal(new URL(`${t.config.baseUrl}${next}`).origin, new URL(t.config.baseUrl).origin, `next=${next}`);
  }
  const callback = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso/callback?state=x&code=y&returnTo=https://evil.example/', headers: { cookie: 'podium_sso=forged' } });
  assertSameOrigin(callback.headers.location as string | undefined, 'sso callback');
});

test('nudge clicks, unsubscribe links, short links and LinkedIn callbacks never redirect off Podium', async () => {
  const person = await buildPerson(t, { name: 'Redirect Ambassador' });
  const session = await sessionHeaders(t, person);
  const urls = [
    ...hostileTargets.map((target) => `/n/${encodeURIComponent(target)}`),
    ...hostileTargets.map((target) => `/unsubscribe/${encodeURIComponent(target)}`),
    ...hostileTargets.map((target) => `/l/${encodeURIComponent(target)}`),
    '/l/abcdef?url=https://evil.example/',
    '/n/0000000000?path=//evil.example',
  ];
  for (const url of urls) {
    const response = await t.app.inject({ method: 'GET', url });
    assert.ok(response.statusCode < 500, `${url} answered ${response.statusCode}`);
    assertSameOrigin(response.headers.location as string | undefined, url);
  }
  for (const query of ['state=forged&code=x', 'error=access_denied&state=x&redirect_uri=https://evil.example/', 'state=&code=']) {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/me/linkedin/callback?${query}`, headers: session });
    assert.ok(response.statusCode < 500, `linkedin callback answered ${response.statusCode}`);
    assertSameOrigin(response.headers.location as string | undefined, `linkedin callback ${query}`);
  }
});

test('no GET route redirects off Podium when handed next, returnTo, redirect or url parameters', async () => {
  const person = await buildPerson(t, { name: 'Redirect Sweep', roles: ['admin', 'ambassador'] });
  const callers = [{}, await sessionHeaders(t, person), await tokenHeaders(t, 'admin')];
  const query = ['next', 'returnTo', 'return_to', 'redirect', 'redirect_uri', 'url', 'to', 'continue', 'destination'].map((name) => `${name}=${encodeURIComponent('https://evil.example/')}`).join('&');
  const paths = [...new Set(registeredRoutes(t.app).filter((route) => route.method === 'GET').map((route) => route.url)), '/', '/sign-in', '/magic-link', '/stories', '/embed/stories'];
  let redirects = 0;
  for (const path of paths) {
    const url = `${path.replace(/:(\w+)/g, '00000000-0000-7000-8000-000000000000')}?${query}`;
    for (const headers of callers) {
      const response = await t.app.inject({ method: 'GET', url, headers });
      assert.ok(response.statusCode < 500, `${url} answered ${response.statusCode}`);
      if (response.headers.location) redirects++;
      assertSameOrigin(response.headers.location as string | undefined, url);
    }
  }
  assert.ok(paths.length > 50, `the sweep covers the API (${paths.length} paths)`);
  assert.ok(redirects > 0, 'the sweep met the redirecting routes');
});
