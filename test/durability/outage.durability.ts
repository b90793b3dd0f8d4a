// Outage test: a TCP proxy of the test's own sits between Podium and PostgreSQL and is cut for
// about 10 seconds under load (the machine's PostgreSQL is never touched). Redirects keep being
// answered from memory, clicks go to the spool, and every answered click is in the database after
// recovery. Skipped without PODIUM_TEST_DATABASE_URL.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { inArray } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { clicks } from '../../src/db/schema/index.ts';
import { trackingOf } from '../../src/links/tracking.ts';
import { driveRedirects, freePort, personBrowser, seedLinks } from './support.ts';

const adminUrl = process.env.PODIUM_TEST_DATABASE_URL;

/** Forwards loopback connections to PostgreSQL; `cut()` drops every connection and refuses new ones until `restore()`. */
async function startProxy(target: URL) {
  const sockets = new Set<Socket>();
  let cut = false;
  const server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    restore() {
      cut = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('a 10-second database outage under load: every redirect answered, every click arrives', { skip: !adminUrl && 'PODIUM_TEST_DATABASE_URL is not set' }, async () => {
  const base = new URL(adminUrl as string);
  const dbName = `podium_outage_${process.pid}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'podium-outage-'));
  const proxy = await startProxy(base);
  const direct = new URL(base);
  direct.pathname = `/${dbName}`;
  const viaProxy = new URL(direct);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  try {
    const database = await openDatabase({ databaseUrl: viaProxy.toString(), dataDir });
    await database.migrate();
    const codes = await seedLinks(database);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const config = loadConfig({ PODIUM_BASE_URL: url, DATABASE_URL: viaProxy.toString(), PODIUM_DATA_DIR: dataDir, PODIUM_LOG_LEVEL: 'silent' }, { secretKey: 'outage-test-secret-key-that-is-long-enough-01' });
    const noJobs = { send: async () => {}, sendMany: async () => {}, work: async () => {}, schedule: async () => {}, stop: async () => {} };
    const { app, ctx } = await buildApp({ config, database, jobs: noJobs, logger: false });
    await app.listen({ host: '127.0.0.1', port });
    const { recorder } = trackingOf(ctx);
    try {
      // Every link is opened once (and so known in memory) before the load and the cut.
      for (const code of codes) assert.equal((await fetch(`${url}/l/${code}`, { redirect: 'manual', headers: { 'user-agent': personBrowser } })).status, 302);
      const load = driveRedirects(url, codes, 8);
      while (load.received.length < 200) await new Promise((resolve) => setTimeout(resolve, 20));
      proxy.cut();
      const cutAt = load.received.length;
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      const duringOutage = load.received.length - cutAt;
      assert.equal(recorder.healthy, false, 'the recorder noticed the outage');
      assert.ok(recorder.spooledFiles() > 0, 'clicks were spooled');
      proxy.restore();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await load.stop();
      assert.deepEqual(load.failures, [], 'no request failed');
      assert.ok(duringOutage > 100, `${duringOutage} redirects answered during the outage`);

      // Recovery: the spool is replayed within a few retries.
      const deadline = Date.now() + 30_000;
      while ((!recorder.healthy || recorder.spooledFiles() > 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(recorder.spooledFiles(), 0, 'the spool is empty after recovery');
      await app.close();
      const check = await openDatabase({ databaseUrl: direct.toString(), dataDir });
      try {
        const wanted = load.received;
        const stored = new Set<string>();
        for (let i = 0; i < wanted.length; i += 1000) {
          for (const row of await check.db.select({ id: clicks.id }).from(clicks).where(inArray(clicks.id, wanted.slice(i, i + 1000)))) stored.add(row.id);
        }
        const missing = wanted.filter((id) => !stored.has(id));
        assert.deepEqual(missing.length, 0, `${missing.length} of ${wanted.length} answered clicks are missing`);
      } finally {
        await check.close();
      }
    } finally {
      await app.close();
      await database.close().catch(() => {});
    }
  } finally {
    await proxy.close();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
