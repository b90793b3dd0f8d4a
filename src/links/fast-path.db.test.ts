import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { clicks } from '../db/schema/index.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildShare } from '../../test/support/tracking.ts';
import { linkFastPath, requestOrigin } from './fast-path.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const person = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1';

/** A node:http server that offers each request to the fast path and answers 418 for what it passes on. */
async function behindFastPath(): Promise<{ base: string; close: () => Promise<void> }> {
  const fastPath = linkFastPath(t.ctx, () => false);
  const server = createServer((request, response) => {
    if (fastPath(request, response)) return;
    response.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const withoutClickId = (location: string | null | undefined) => String(location).replace(/([?&])pcid=[^&#]*/, '$1pcid=');
const comparable = (headers: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name))
      .map(([name, value]) => [name, name === 'location' ? withoutClickId(String(value)) : String(value)]),
  );

test('the fast path answers a short link exactly as the Fastify route does, and records the click before answering', async () => {
  const story = await insertStory(t, { slug: 'snel-pad' });
  const share = await buildShare(t, story.id);
  const server = await behindFastPath();
  try {
    for (const userAgent of [person, 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)']) {
      const fast = await fetch(`${server.base}/l/${share.code}`, { redirect: 'manual', headers: { 'user-agent': userAgent, referer: 'https://www.linkedin.com/' } });
      const body = await fast.text();
      const routed = await t.app.inject({ method: 'GET', url: `/l/${share.code}`, headers: { 'user-agent': userAgent, referer: 'https://www.linkedin.com/' } });
      assert.equal(fast.status, routed.statusCode, userAgent);
      assert.deepEqual(comparable(Object.fromEntries(fast.headers)), comparable(routed.headers as Record<string, unknown>), userAgent);
      assert.equal(body, routed.body, userAgent);
      if (fast.status === 302) {
        const clickId = new URL(String(fast.headers.get('location'))).searchParams.get('pcid');
        assert.ok(clickId);
        const [row] = await t.ctx.database.db.select({ kind: clicks.kind, device: clicks.device, referrerHost: clicks.referrerHost }).from(clicks).where(eq(clicks.id, clickId));
        assert.deepEqual(row, { kind: 'visit', device: 'mobile', referrerHost: 'www.linkedin.com' }, 'the click was committed before the redirect was sent');
      }
    }
    const head = await fetch(`${server.base}/l/${share.code}`, { method: 'HEAD', redirect: 'manual', headers: { 'user-agent': person } });
    assert.equal(head.status, 302);
    const unknown = await fetch(`${server.base}/l/AAAAAAAAAA`, { redirect: 'manual', headers: { 'accept-language': 'nl' } });
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /<html lang="nl">/);
  } finally {
    await server.close();
  }
});

test('anything that is not a GET or HEAD of a well-formed code goes on to Fastify', async () => {
  const server = await behindFastPath();
  try {
    for (const [method, path] of [
      ['GET', '/l/not a code'],
      ['GET', '/l/abc/def'],
      ['GET', '/l/'],
      ['GET', '/l'],
      ['GET', '/api/v1/me'],
      ['POST', '/l/AAAAAAAAAA'],
      ['GET', '/%2Fl/AAAAAAAAAA'],
    ] as const) {
      const response = await fetch(`${server.base}${path}`, { method, redirect: 'manual' });
      assert.equal(response.status, 418, `${method} ${path}`);
    }
  } finally {
    await server.close();
  }
});

test('the client address and host are read as Fastify reads them, for every PODIUM_TRUST_PROXY form', async () => {
  const forwarded = { 'x-forwarded-for': '203.0.113.7, 198.51.100.2', 'x-forwarded-host': 'go.example.org', host: 'internal:3000' };
  for (const trustProxy of [false, true, 1, '127.0.0.1', '10.0.0.0/8', '127.0.0.1,10.0.0.1']) {
    const app = Fastify({ trustProxy: trustProxy as boolean | string });
    const ours = requestOrigin(trustProxy);
    app.get('/', async (request) => ({ fastify: { ip: request.ip, host: request.host }, ours: ours(request.raw) }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = app.server.address() as AddressInfo;
      for (const headers of [forwarded, { host: 'plain.example' }]) {
        const { fastify, ours: read } = (await (await fetch(`http://127.0.0.1:${port}/`, { headers })).json()) as Record<string, unknown>;
        assert.deepEqual(read, fastify, `trustProxy ${JSON.stringify(trustProxy)} with ${JSON.stringify(headers)}`);
      }
    } finally {
      await app.close();
    }
  }
});
