// Process-level test on PostgreSQL: `podium serve` with DATABASE_URL, and a CLI command next to it
// on the same database (no single-writer lock: PostgreSQL has many writers).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, type TestDatabase, testEngine } from '../support/database.ts';
import { freePort, kill, podiumEnv, runCli, type ServerProcess, startServer, waitForHealth } from './process.ts';

const skip = testEngine === 'postgres' ? false : 'needs PostgreSQL: run with PODIUM_TEST_ENGINE=postgres and PODIUM_TEST_DATABASE_URL';

describe('podium serve and the CLI on PostgreSQL', { skip }, () => {
  let scratch = '';
  let dataDir = '';
  let baseUrl = '';
  let env: NodeJS.ProcessEnv = {};
  let db: TestDatabase | undefined;
  let server: ServerProcess | undefined;

  before(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'podium-cli-pg-'));
    dataDir = path.join(scratch, 'data');
    db = await createTestDatabase();
    // The test needs only the database's URL; the processes under test open it themselves.
    await db.database.close();
    assert.ok(db.url);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    env = podiumEnv({ DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', PODIUM_DATA_DIR: dataDir, PODIUM_BASE_URL: baseUrl });
    server = startServer(env, scratch);
    await waitForHealth(server, baseUrl);
  });

  after(async () => {
    await kill(server);
    await db?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('serve starts on DATABASE_URL, takes no lock and writes no control file', async () => {
    const health = await fetch(new URL('/healthz', baseUrl));
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    assert.equal(existsSync(path.join(dataDir, 'podium.lock')), false);
    assert.equal(existsSync(path.join(dataDir, 'control.json')), false);
    assert.match(server?.output() ?? '', new RegExp(`Podium is running at ${baseUrl}`));
  });

  test('token create works next to the running server, and the token works against it', async () => {
    const result = await runCli(['token', 'create', '--name', 'ci', '--role', 'admin'], { env, cwd: scratch });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^pod_[A-Za-z0-9_-]+\n$/);
    const response = await fetch(new URL('/api/v1/people', baseUrl), { headers: { authorization: `Bearer ${result.stdout.trim()}` } });
    assert.equal(response.status, 200);
  });

  test('SIGTERM stops the server with exit code 0', async () => {
    assert.ok(server);
    server.child.kill('SIGTERM');
    const { code } = await Promise.race([server.exited, sleep(10_000).then(() => ({ code: -1 }))]);
    assert.equal(code, 0, server.output());
  });
});
