import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';
import type { RouteOptions } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { personalDataEntries } from '../privacy/register.ts';
import './privacy.ts';
import { postgresRateLimitStore } from './rate-limit-store.ts';

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(() => t.drop());

const routeStore = (method: string, url: string): FastifyRateLimitStore => {
  const Store = postgresRateLimitStore(t.database);
  const root = new Store({} as FastifyRateLimitOptions);
  return root.child({ routeInfo: { method, url }, method, url, path: url, prefix: '' } as unknown as RouteOptions & { path: string; prefix: string });
};

const incr = (store: FastifyRateLimitStore, key: string, windowMs: number) =>
  new Promise<{ current: number; ttl: number }>((resolve, reject) => store.incr(key, (error, result) => (error || !result ? reject(error) : resolve(result)), windowMs, 5));

test('counts per route and key in one window shared through the database, with the time left', async () => {
  const signIn = routeStore('POST', '/api/auth/password');
  const sameRouteElsewhere = routeStore('POST', '/api/auth/password');
  const other = routeStore('POST', '/api/auth/magic-link');
  assert.deepEqual((await incr(signIn, 'address:abc', 60_000)).current, 1);
  assert.equal((await incr(sameRouteElsewhere, 'address:abc', 60_000)).current, 2, 'another store (another node) adds to the same count');
  const third = await incr(signIn, 'address:abc', 60_000);
  assert.equal(third.current, 3);
  assert.ok(third.ttl > 55_000 && third.ttl <= 60_000, `ttl ${third.ttl}`);
  assert.equal((await incr(other, 'address:abc', 60_000)).current, 1, 'each route counts apart');
  assert.equal((await incr(signIn, 'address:def', 60_000)).current, 1, 'each key counts apart');
});

test('a window that ended starts again at one, and expired rows are swept', async () => {
  const store = routeStore('GET', '/api/v1/short-window');
  assert.equal((await incr(store, 'person:p1', 50)).current, 1);
  assert.equal((await incr(store, 'person:p1', 50)).current, 2);
  await new Promise((resolve) => setTimeout(resolve, 80));
  const fresh = await incr(store, 'person:p1', 50);
  assert.equal(fresh.current, 1);
  await t.database.query("update rate_limit_hits set expires_at = now() - interval '2 days' where key like '%|person:p1'");
  const entry = personalDataEntries().find((e) => e.key === 'cluster.rate_limit_hits');
  assert.ok(entry?.retention, 'registered in the privacy register with a retention');
  const purged = await entry.retention.purge(t.database.db, new Date(Date.now() - 86_400_000));
  assert.equal(purged, 1);
});

test('a person’s counters are in their export and go with erasure', async () => {
  const store = routeStore('POST', '/api/v1/shares');
  await incr(store, 'person:0192f0d8-0000-7000-8000-000000000001', 60_000);
  const entry = personalDataEntries().find((e) => e.key === 'cluster.rate_limit_hits');
  assert.ok(entry);
  const subject = { id: '0192f0d8-0000-7000-8000-000000000001', email: 'someone@example.test' };
  const exported = (await entry.export(t.database.db, subject)) as { hits: number }[];
  assert.equal(exported.length, 1);
  assert.equal(exported[0]?.hits, 1);
  await entry.erase(t.database.db, subject, new Date());
  assert.deepEqual(await entry.export(t.database.db, subject), []);
});
