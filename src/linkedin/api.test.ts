import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { LinkedinConfig } from '../config.ts';
import { type LinkedinStandIn, startLinkedinApi } from '../../test/support/linkedin-api.ts';
import { createPost, exchangeCode, LinkedinApiError, retryAfterMs, uploadImage, userInfo } from './api.ts';

const redirectUri = 'http://podium.test/api/v1/me/linkedin/callback';
let fake: LinkedinStandIn;
let config: LinkedinConfig;
const now = new Date('2026-11-27T09:00:00Z');

before(async () => {
  // The stand-in's clock is fixed, so which LinkedIn-Version is active does not depend on the day the test runs.
  fake = await startLinkedinApi({ redirectUris: [redirectUri], now: () => now.getTime() });
  config = { clientId: fake.clientId, clientSecret: fake.clientSecret, authUrl: fake.authUrl, apiUrl: fake.apiUrl, apiVersion: '202607' };
});
after(() => fake.close());

/** The code LinkedIn's consent page would hand back. */
async function consent(uri = redirectUri): Promise<Response> {
  const query = new URLSearchParams({ response_type: 'code', client_id: fake.clientId, redirect_uri: uri, scope: 'openid profile w_member_social', state: 's1' });
  return fetch(`${fake.authUrl}/authorization?${query}`, { redirect: 'manual' });
}
const codeOf = async () => new URL(String((await consent()).headers.get('location'))).searchParams.get('code') ?? '';

async function rejection(promise: Promise<unknown>): Promise<LinkedinApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LinkedinApiError, String(error));
    return error;
  }
  assert.fail('expected a LinkedinApiError');
}

test('Retry-After is read as seconds or as an HTTP date', () => {
  assert.equal(retryAfterMs('120', now), 120_000);
  assert.equal(retryAfterMs('Fri, 27 Nov 2026 09:00:30 GMT', new Date('2026-11-27T09:00:00Z')), 30_000);
  assert.equal(retryAfterMs('Fri, 27 Nov 2026 08:00:00 GMT', new Date('2026-11-27T09:00:00Z')), 0, 'a date in the past means now');
  assert.equal(retryAfterMs(null, now), null);
  assert.equal(retryAfterMs('soon', now), null);
});

test('the fake LinkedIn keeps to the OAuth contract: registered redirect URL, client secret, single-use code', async () => {
  const unregistered = await consent('http://evil.test/callback');
  assert.equal(unregistered.status, 400, 'an unregistered redirect_uri is not redirected to');
  const back = new URL(String((await consent()).headers.get('location')));
  assert.equal(back.searchParams.get('state'), 's1');

  const wrongSecret = await rejection(exchangeCode({ ...config, clientSecret: 'wrong' }, await codeOf(), redirectUri, now));
  assert.equal(wrongSecret.status, 401);
  const wrongRedirect = await rejection(exchangeCode(config, await codeOf(), 'http://podium.test/other', now));
  assert.equal(wrongRedirect.kind, 'rejected');
  assert.match(wrongRedirect.message, /redirect uri/);

  const code = await codeOf();
  const grant = await exchangeCode(config, code, redirectUri, now);
  assert.equal(grant.expiresIn, 60 * 24 * 3600);
  const reused = await rejection(exchangeCode(config, code, redirectUri, now));
  assert.equal(reused.status, 400);
  const member = await userInfo(config, grant.accessToken, now);
  assert.ok(member.sub);
});

test('REST calls need the version headers; 401, 429 and 5xx are told apart', async () => {
  const grant = await exchangeCode(config, await codeOf(), redirectUri, now);
  const { sub } = await userInfo(config, grant.accessToken, now);
  const unversioned = await fetch(`${fake.apiUrl}/rest/posts`, { method: 'POST', headers: { authorization: `Bearer ${grant.accessToken}`, 'content-type': 'application/json' }, body: '{}' });
  assert.equal(unversioned.status, 400);
  assert.equal(((await unversioned.json()) as { code: string }).code, 'VERSION_MISSING');

  const image = await uploadImage(config, grant.accessToken, sub, { bytes: Buffer.from('jpeg bytes'), mediaType: 'image/jpeg' }, now);
  const post = { memberId: sub, commentary: 'Hallo', source: 'http://podium.test/l/abc', title: 'T', description: 'D', thumbnail: image };
  assert.match(await createPost(config, grant.accessToken, post, now), /^urn:li:share:/);
  const someoneElse = await rejection(createPost(config, grant.accessToken, { ...post, memberId: 'not-me' }, now));
  assert.deepEqual([someoneElse.kind, someoneElse.status], ['rejected', 403]);

  fake.failNext('/rest/posts', 429, 7);
  const limited = await rejection(createPost(config, grant.accessToken, post, now));
  assert.deepEqual([limited.kind, limited.retryAfterMs], ['rate_limited', 7000]);
  fake.failNext('/rest/posts', 502);
  assert.equal((await rejection(createPost(config, grant.accessToken, post, now))).kind, 'unavailable');
  fake.expireToken(grant.accessToken);
  assert.equal((await rejection(createPost(config, grant.accessToken, post, now))).kind, 'unauthorized');
});

test('a retired or unreleased LinkedIn-Version is refused with 426, as LinkedIn does', async () => {
  const grant = await exchangeCode(config, await codeOf(), redirectUri, now);
  const { sub } = await userInfo(config, grant.accessToken, now);
  const post = { memberId: sub, commentary: 'Hallo', source: 'http://podium.test/l/abc', title: 'T', description: 'D', thumbnail: null };
  for (const version of ['202510', '202701']) {
    const refused = await rejection(createPost({ ...config, apiVersion: version }, grant.accessToken, post, now));
    assert.deepEqual([refused.kind, refused.status], ['rejected', 426], version);
    assert.match(refused.message, new RegExp(`${version} is not active`));
  }
  assert.match(await createPost({ ...config, apiVersion: '202607.01' }, grant.accessToken, post, now), /^urn:li:share:/, 'a YYYYMM.RR version is accepted');
});

test('no answer: a dropped connection may have reached LinkedIn, a refused one did not', async () => {
  const grant = await exchangeCode(config, await codeOf(), redirectUri, now);
  const { sub } = await userInfo(config, grant.accessToken, now);
  const post = { memberId: sub, commentary: 'Hallo', source: 'http://podium.test/l/abc', title: 'T', description: 'D', thumbnail: null };
  fake.dropNext('/rest/posts');
  const dropped = await rejection(createPost(config, grant.accessToken, post, now));
  assert.deepEqual([dropped.kind, dropped.status, dropped.mayHaveArrived], ['unavailable', null, true]);
  assert.ok(!dropped.message.includes(grant.accessToken));
  // A port nobody listens on any more: the connection is refused before anything is sent.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const refused = await rejection(createPost({ ...config, apiUrl: `http://127.0.0.1:${port}` }, grant.accessToken, post, now));
  assert.deepEqual([refused.kind, refused.mayHaveArrived], ['unavailable', false]);
});
