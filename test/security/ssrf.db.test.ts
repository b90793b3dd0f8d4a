import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { fetchOutbound, isPrivateAddress } from '../../src/http/outbound.ts';
import { checkPostUrl } from '../../src/integrations/post.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../support/factories.ts';

/**
 * SSRF: every address Podium fetches or posts to that a person typed (newsroom feeds, vacancy
 * sources, outgoing webhooks, Slack and Teams channel webhooks, push endpoints) is refused when it
 * points inside the network, in any spelling: loopback and private literals, decimal, octal and hex
 * IPv4, IPv6 and IPv4-mapped IPv6, and names that resolve to 127.0.0.1. A stand-in "internal"
 * service on 127.0.0.1 counts the requests that reach it: none may. (Redirects to private addresses
 * are covered in src/http/outbound.db.test.ts; the OpenID issuer comes from the operator's
 * environment, not from a request.)
 */

let internal: Server;
let port: number;
let hits = 0;
let t: TestApp;
before(async () => {
  internal = createServer((_request, response) => {
    hits++;
    response.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>internal</title></channel></rss>');
  });
  await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
  port = (internal.address() as AddressInfo).port;
  t = await createTestApp();
});
after(async () => {
  internal.closeAllConnections();
  await new Promise((resolve) => internal.close(resolve));
  await t?.close();
});

/** The internal service in every spelling a URL parser accepts. */
const internalUrls = () => [
  `http://127.0.0.1:${port}/feed`,
  `http://localhost:${port}/feed`,
  `http://2130706433:${port}/feed`,
  `http://0177.0.0.1:${port}/feed`,
  `http://0x7f.0x0.0x0.0x1:${port}/feed`,
  `http://127.1:${port}/feed`,
  `http://[::1]:${port}/feed`,
  `http://[::ffff:127.0.0.1]:${port}/feed`,
  `http://[::ffff:7f00:1]:${port}/feed`,
  `http://[::127.0.0.1]:${port}/feed`,
  `http://[0:0:0:0:0:ffff:7f00:1]:${port}/feed`,
  `https://127.0.0.1:${port}/feed`,
  `https://localhost:${port}/feed`,
  'http://169.254.169.254/latest/meta-data/',
  'http://[fd00::1]/',
  'http://10.0.0.1/',
  'http://0.0.0.0/',
];

test('every spelling of an internal address is private, and the fetch and post guards refuse it', async () => {
  for (const url of internalUrls()) {
    const host = new URL(url).hostname;
    if (host !== 'localhost') assert.equal(isPrivateAddress(host), true, `${url} (${host}) is private`);
    await assert.rejects(fetchOutbound(url, { allowHosts: [], timeoutMs: 2_000, maxBytes: 10_000, accept: '*/*' }), /private address/, `fetch ${url}`);
    if (host !== 'localhost') assert.throws(() => checkPostUrl(url, []), /private address|only https/, `post ${url}`);
  }
  for (const host of ['fec0::1', '::7f00:1', '::a00:1']) assert.equal(isPrivateAddress(host), true, host);
  assert.equal(hits, 0, 'nothing reached the internal service');
});

test('newsroom feeds, vacancy sources, webhooks, channel webhooks and push endpoints never reach an internal address', async () => {
  const admin = await tokenHeaders(t, 'admin');
  const person = await buildPerson(t, { name: 'SSRF Ambassador' });
  const session = await sessionHeaders(t, person);
  let refusedAtEntry = 0;
  let stored = 0;
  let attempts = 0;
  const call = async (method: 'POST' | 'PUT', url: string, payload: object, headers = admin) => {
    const response = await t.app.inject({ method, url, headers, payload });
    assert.ok(response.statusCode < 500, `${method} ${url} ${JSON.stringify(payload)} answered ${response.statusCode}: ${response.body}`);
    return response;
  };
  for (const target of internalUrls().flatMap((url) => (url.startsWith('http://') ? [url, url.replace('http://', 'https://')] : [url]))) {
    attempts++;
    const feed = await call('POST', '/api/v1/newsroom-feeds', { url: target, name: `SSRF ${attempts}`, language: 'en' });
    if (feed.statusCode === 201) {
      stored++;
      const sync = await call('POST', `/api/v1/newsroom-feeds/${feed.json().id}/sync`, {});
      if (sync.statusCode === 200) assert.notEqual((sync.json() as { error: string | null }).error, null, `syncing ${target} reports the refusal`);
    } else refusedAtEntry++;
    const source = await call('POST', '/api/v1/vacancy-sources', { type: 'jsonld', name: `SSRF ${attempts}`, url: target });
    if (source.statusCode === 201) stored++;
    if (source.statusCode === 201) await call('POST', `/api/v1/vacancy-sources/${source.json().id}/sync`, {});
    else refusedAtEntry++;
    const webhook = await call('POST', '/api/v1/webhooks', { url: target, description: 'internal', events: ['story.published'] });
    if (webhook.statusCode === 201) stored++;
    if (webhook.statusCode === 201) await call('POST', `/api/v1/webhooks/${webhook.json().id}/test`, {});
    else refusedAtEntry++;
    const channels = await call('PUT', '/api/v1/integrations/webhooks', { slack: target, teams: target });
    if (channels.statusCode === 200) await call('POST', '/api/v1/integrations/webhooks/test', {});
    else refusedAtEntry++;
    const push = await call('POST', '/api/v1/me/push-subscriptions', { endpoint: target, keys: { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' } }, session);
    if (push.statusCode >= 400) refusedAtEntry++;
  }
  // Whatever was stored is also refused when the jobs run.
  try {
    await t.jobs.drain();
  } catch {
    // A job that gives up throws here; what matters is where it connected.
  }
  assert.ok(refusedAtEntry > 0, 'some addresses are refused as soon as they are entered');
  assert.ok(stored > 0, 'some addresses (names, https) are only refused where the connection is made');
  assert.equal(hits, 0, `none of ${attempts * 5} attempts reached the internal service`);
});
