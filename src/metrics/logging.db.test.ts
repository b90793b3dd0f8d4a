import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { App } from '../context.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { RecordingJobQueue, TestClock } from '../../test/support/app.ts';
import { buildPerson } from '../../test/support/factories.ts';
import { loggerOptions, requestIdGenerator } from './logging.ts';

const secretKey = 'test-secret-key-that-is-long-enough-0123456789';
const lines: string[] = [];
const stream = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

let db: TestDatabase;
let app: App;
let email: string;
before(async () => {
  db = await createTestDatabase();
  // Behind a proxy on 127.0.0.1 (inject's address), as in production behind Caddy or nginx.
  const config = loadConfig(
    { PODIUM_BASE_URL: 'http://podium.test', PODIUM_TRUST_PROXY: '127.0.0.1', PODIUM_LOG_LEVEL: 'info', PODIUM_OUTBOX_ECHO: 'false' },
    { secretKey },
  );
  const clock = new TestClock();
  const built = await buildApp({ config, database: db.database, jobs: new RecordingJobQueue(), clock, logger: loggerOptions(config, stream) });
  app = built.app;
  await app.ready();
  email = (await buildPerson({ app, ctx: built.ctx, clock } as never, { name: 'Logged Person' })).email;
});
after(async () => {
  await app.close();
  await db.drop();
});

const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

test('every request logs JSON lines with its request id; a trusted proxy’s x-request-id is kept', async () => {
  lines.length = 0;
  await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'edge-7f3a:42' } });
  await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'not a valid id\n{"forged":true}' } });
  const logged = entries();
  const ids = [...new Set(logged.map((entry) => entry.reqId))];
  assert.equal(ids.length, 2, 'one id per request');
  assert.ok(ids.includes('edge-7f3a:42'), 'the proxy’s id is the log’s id');
  const own = ids.find((id) => id !== 'edge-7f3a:42');
  assert.match(String(own), /^[0-9a-f-]{36}$/, 'an id that could forge a log line is replaced by a fresh one');
  assert.ok(!lines.some((line) => line.includes('forged')));
  for (const id of ids) {
    const mine = logged.filter((entry) => entry.reqId === id);
    assert.ok(mine.some((entry) => entry.msg === 'incoming request'), `incoming request logged for ${id}`);
    assert.ok(mine.some((entry) => entry.msg === 'request completed' && typeof entry.responseTime === 'number'), `completion logged for ${id}`);
  }
  assert.ok(logged.every((entry) => typeof entry.level === 'number' && typeof entry.time === 'number'));
});

test('no e-mail address, client address, query token or credential reaches the logs', async () => {
  lines.length = 0;
  const client = '203.0.113.77';
  const headers = { 'x-forwarded-for': client, cookie: 'podium_session=cookie-secret-value', 'user-agent': 'Mozilla/5.0 log-test' };
  const signIn = await app.inject({ method: 'POST', url: '/api/auth/magic-link', headers, payload: { email } });
  assert.equal(signIn.statusCode, 202);
  await app.inject({ method: 'POST', url: '/api/auth/magic-link/verify?token=query-secret-value', headers, payload: { token: 'body-secret-value' } });
  await app.inject({ method: 'GET', url: `/api/v1/people?search=${encodeURIComponent(email)}`, headers: { ...headers, authorization: 'Bearer bearer-secret-value' } });
  const text = lines.join('\n');
  assert.ok(lines.length >= 6, 'the requests were logged');
  assert.ok(text.includes('/api/auth/magic-link'), 'the path is logged');
  for (const secret of [email, email.split('@')[0] as string, client, 'query-secret-value', 'body-secret-value', 'cookie-secret-value', 'bearer-secret-value', 'log-test']) {
    assert.ok(!text.includes(secret), `${secret} is not in the logs`);
  }
});

test('the logger censors fields named like personal data, should any code log them', async () => {
  lines.length = 0;
  app.log.warn({ email: 'someone@example.com', person: { email: 'other@example.com', ip: '198.51.100.4' }, count: 3 }, 'a careless line');
  const [entry] = entries();
  assert.ok(entry);
  assert.equal(entry.count, 3);
  assert.equal(entry.email, '[redacted]');
  assert.deepEqual(entry.person, { email: '[redacted]', ip: '[redacted]' });
});

test('the outbox echo (sign-in mail in the log) is off whenever SMTP is configured, even when asked for', () => {
  const withSmtp = loadConfig({ PODIUM_BASE_URL: 'http://podium.test', SMTP_URL: 'smtp://mail.example.com:587', PODIUM_OUTBOX_ECHO: 'true' }, { secretKey });
  assert.equal(withSmtp.outboxEcho, false);
  const embedded = loadConfig({ PODIUM_BASE_URL: 'http://podium.test' }, { secretKey });
  assert.equal(embedded.engine, 'pglite');
  assert.equal(embedded.outboxEcho, true, 'the embedded default without SMTP still echoes');
});

test('x-request-id is taken only from a trusted proxy', () => {
  const from = (remoteAddress: string, id = 'lb-123') => ({ headers: { 'x-request-id': id }, socket: { remoteAddress } }) as unknown as IncomingMessage;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  assert.match(requestIdGenerator(false)(from('10.0.0.2')), uuid, 'no trusted proxy: always a fresh id');
  assert.match(requestIdGenerator(1)(from('10.0.0.2')), uuid, 'a hop count cannot tell a proxy from a client');
  assert.equal(requestIdGenerator(true)(from('10.0.0.2')), 'lb-123');
  const listed = requestIdGenerator('10.0.0.0/8,192.168.1.1');
  assert.equal(listed(from('10.1.2.3')), 'lb-123');
  assert.match(listed(from('198.51.100.9')), uuid, 'a client outside the proxy list');
  assert.match(listed(from('10.1.2.3', 'x'.repeat(200))), uuid, 'too long');
  const first = requestIdGenerator(false)(from('10.0.0.2'));
  assert.notEqual(requestIdGenerator(false)(from('10.0.0.2')), first);
});
