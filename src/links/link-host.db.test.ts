import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders } from '../../test/support/factories.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ PODIUM_LINK_BASE_URL: 'http://go.test' });
});
after(() => t.close());

test('with a dedicated link host, short links are bare /<code> there, and still work at /l/<code>', async () => {
  const story = await insertStory(t, { slug: 'op-de-linkhost' });
  const person = await buildPerson(t);
  const shared = await t.app.inject({
    method: 'POST',
    url: '/api/v1/shares',
    headers: await sessionHeaders(t, person),
    payload: { storyId: story.id, network: 'x', audience: 'candidates', text: 'Kijk dit' },
  });
  assert.equal(shared.statusCode, 201, shared.body);
  const { shortUrl, shareUrl } = shared.json();
  assert.match(shortUrl, /^http:\/\/go\.test\/[0-9A-Za-z]{10}$/);
  assert.ok(shareUrl.endsWith(`&url=${encodeURIComponent(shortUrl)}`));
  const code = shortUrl.split('/').at(-1);

  const bare = await t.app.inject({ method: 'GET', url: `/${code}`, headers: { host: 'go.test', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0' } });
  assert.equal(bare.statusCode, 302);
  assert.ok(String(bare.headers.location).startsWith('http://podium.test/stories/op-de-linkhost?utm_source=x&'));
  assert.equal(bare.headers['cache-control'], 'no-store');

  const preview = await t.app.inject({ method: 'GET', url: `/${code}`, headers: { host: 'go.test', 'user-agent': 'Twitterbot/1.0' } });
  assert.equal(preview.statusCode, 200);
  assert.ok(preview.body.includes(`<meta property="og:url" content="${shortUrl}">`));

  const appHost = await t.app.inject({ method: 'GET', url: `/l/${code}`, headers: { host: 'podium.test', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0' } });
  assert.equal(appHost.statusCode, 302, 'the /l/ form keeps working');

  const onAppHost = await t.app.inject({ method: 'GET', url: `/${code}`, headers: { host: 'podium.test' } });
  assert.equal(onAppHost.statusCode, 200, 'on the app host a bare path is still the web app');
  assert.equal(onAppHost.headers.location, undefined);
});

test('on the link host anything that is not a known code is a 404 page, never a redirect', async () => {
  for (const url of ['/', '/AAAAAAAAAA', '//evil.com', '/%2F%2Fevil.com', '/a/b', '/people', '/abcdefghij%2F..']) {
    const response = await t.app.inject({ method: 'GET', url, headers: { host: 'go.test' } });
    assert.equal(response.statusCode, 404, url);
    assert.equal(response.headers.location, undefined, url);
    assert.ok(response.body.includes('This link does not exist'), url);
  }
});
