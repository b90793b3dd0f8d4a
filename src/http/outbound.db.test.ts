import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { tokenHeaders } from '../../test/support/factories.ts';
import { allowedFetchHosts, fetchOutbound, isPrivateAddress, type OutboundOptions } from './outbound.ts';

let server: Server;
let base: string;
let port: number;
let t: TestApp;
before(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/ok') return response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"jobs":[]}');
    if (path === '/html') return response.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
    if (path === '/to-localhost') return response.writeHead(302, { location: `http://localhost:${port}/ok` }).end();
    if (path === '/to-ok') return response.writeHead(301, { location: '/ok' }).end();
    if (path === '/to-file') return response.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (path === '/loop') return response.writeHead(302, { location: '/loop' }).end();
    if (path === '/big') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end('x'.repeat(20_000));
    }
    if (path === '/slow') return setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 1_000);
    return response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  t = await createTestApp({ PODIUM_FETCH_ALLOW_HOSTS: ' Intranet.example ,10.0.0.5' });
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

const options = (overrides: Partial<OutboundOptions> = {}): OutboundOptions => ({
  allowHosts: ['127.0.0.1'],
  timeoutMs: 2_000,
  maxBytes: 10_000,
  accept: 'application/json',
  contentTypes: ['application/json'],
  ...overrides,
});

test('private, loopback, link-local and reserved addresses are recognised, in every notation', () => {
  for (const address of ['127.0.0.1', '127.1.2.3', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '[::1]', 'not-an-address']) {
    assert.equal(isPrivateAddress(address), true, address);
  }
  for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8']) {
    assert.equal(isPrivateAddress(address), false, address);
  }
});

test('a private host is refused unless allowed; a name that resolves to one is refused too, also after a redirect', async () => {
  await assert.rejects(fetchOutbound(`${base}/ok`, options({ allowHosts: [] })), /127\.0\.0\.1 is a private address; an admin can allow it/);
  await assert.rejects(fetchOutbound(`http://localhost:${port}/ok`, options({ allowHosts: [] })), /localhost resolves to a private address/);
  await assert.rejects(fetchOutbound(`http://[::1]:${port}/ok`, options({ allowHosts: [] })), /::1 is a private address/);
  // Allowed 127.0.0.1 may not send Podium on to another private host.
  await assert.rejects(fetchOutbound(`${base}/to-localhost`, options()), /localhost resolves to a private address/);
  const fetched = await fetchOutbound(`${base}/to-ok`, options());
  assert.equal(fetched.body.toString(), '{"jobs":[]}');
  assert.equal(fetched.url, `${base}/ok`);
  assert.equal(fetched.contentType, 'application/json');
});

test('schemes, credentials, redirects, content types, size and time are all bounded', async () => {
  await assert.rejects(fetchOutbound('file:///etc/passwd', options()), /only http and https/);
  await assert.rejects(fetchOutbound(`http://user:secret@127.0.0.1:${port}/ok`, options()), /user name or password/);
  await assert.rejects(fetchOutbound(`${base}/to-file`, options()), /only http and https/);
  await assert.rejects(fetchOutbound(`${base}/loop`, options()), /redirects more than 3 times/);
  await assert.rejects(fetchOutbound(`${base}/html`, options()), /answered text\/html, not application\/json/);
  await assert.rejects(fetchOutbound(`${base}/missing`, options()), /answered HTTP 404/);
  await assert.rejects(fetchOutbound(`${base}/big`, options()), /sent more than 10 KB/);
  await assert.rejects(fetchOutbound(`${base}/slow`, options({ timeoutMs: 200 })), /did not answer within 0.2 s/);
});

test('allowed hosts come from PODIUM_FETCH_ALLOW_HOSTS and the admin setting together', async () => {
  assert.deepEqual((await allowedFetchHosts(t.ctx)).sort(), ['10.0.0.5', 'intranet.example']);
  const admin = await tokenHeaders(t, 'admin');
  const put = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/fetch-allowance', headers: admin, payload: { hosts: [' ATS.Intranet.example', '[fd00::7]'] } });
  assert.equal(put.statusCode, 200, put.body);
  assert.deepEqual(put.json(), { hosts: ['ats.intranet.example', 'fd00::7'], fromEnvironment: ['intranet.example', '10.0.0.5'] });
  assert.deepEqual((await allowedFetchHosts(t.ctx)).sort(), ['10.0.0.5', 'ats.intranet.example', 'fd00::7', 'intranet.example']);
  const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/fetch-allowance', headers: admin, payload: { hosts: [''] } });
  assert.equal(bad.statusCode, 400);
});
