// Process-level test of `podium backup` / `podium restore` on the embedded engine: a backup taken
// from a running `podium serve` (through it), restored into an empty data directory, served again
// with every record. PGlite only: PostgreSQL is backed up with pg_dump (src/ops/backup.db.test.ts).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, kill, podiumEnv, runCli, type ServerProcess, seedDataDir, startServer, waitForHealth } from './process.ts';

const engine = process.env.PODIUM_TEST_ENGINE ?? 'pglite';
const skip = engine === 'postgres' ? 'podium backup is for the embedded PGlite engine (PostgreSQL: pg_dump)' : false;

async function serve(dataDir: string, scratch: string): Promise<{ server: ServerProcess; baseUrl: string; env: NodeJS.ProcessEnv }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = podiumEnv({ PORT: String(port), HOST: '127.0.0.1', PODIUM_DATA_DIR: dataDir, PODIUM_BASE_URL: baseUrl });
  const server = startServer(env, scratch);
  await waitForHealth(server, baseUrl);
  for (let i = 0; i < 50 && !existsSync(path.join(dataDir, 'control.json')); i++) await sleep(100);
  return { server, baseUrl, env };
}

describe('podium backup and podium restore, then the privacy commands on the restored server', { skip }, () => {
  let scratch = '';
  let dataDir = '';
  let restoredDir = '';
  let server: ServerProcess | undefined;
  let restoredServer: ServerProcess | undefined;
  let restoredEnv: NodeJS.ProcessEnv = {};

  before(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'podium-cli-backup-'));
    dataDir = path.join(scratch, 'data');
    restoredDir = path.join(scratch, 'restored');
    await seedDataDir(dataDir, scratch);
  });
  after(async () => {
    await kill(server);
    await kill(restoredServer);
    rmSync(scratch, { recursive: true, force: true });
  });

  test('a backup of a running server restores into an empty data directory that serves every person again', async () => {
    const running = await serve(dataDir, scratch);
    server = running.server;
    const cli = (env: NodeJS.ProcessEnv, ...args: string[]) => runCli(args, { env, cwd: scratch, timeoutMs: 60_000 });
    const emails = ['ada@podium.test', 'grace@podium.test', 'katherine@podium.test'];
    for (const email of emails) {
      const added = await cli(running.env, 'user', 'add', '--email', email);
      assert.equal(added.code, 0, added.stderr);
    }

    const file = path.join(scratch, 'nightly.tar.gz');
    const backup = await cli(running.env, 'backup', file);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, new RegExp(`^Backup written to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+\\.\\d MB\\)\\.\\n$`));
    assert.ok(existsSync(file));
    assert.equal(statSync(file).mode & 0o777, 0o600, 'a backup holds all personal data: owner-only');
    assert.equal(existsSync(`${file}.partial`), false);
    assert.equal(server.child.exitCode, null, 'the server kept running while it was backed up');

    const again = await cli(running.env, 'backup', file);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists.*--force/);

    // Restoring into the data directory of a running server is refused.
    const busy = await cli(running.env, 'restore', file, '--force');
    assert.equal(busy.code, 1);
    assert.match(busy.stderr, /is running on .*Stop it before restoring/);

    const restoreEnv = podiumEnv({ PODIUM_DATA_DIR: restoredDir });
    const restored = await cli(restoreEnv, 'restore', file);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /^Restored the backup of \d{4}-\d\d-\d\dT[\d:.]+Z with 0 uploaded files\. Start Podium with `podium serve`\.\n$/);

    // The secret key came along, so the encrypted secrets in the database stay readable.
    assert.ok(readFileSync(path.join(restoredDir, 'secret.key')).equals(readFileSync(path.join(dataDir, 'secret.key'))));
    assert.equal(statSync(path.join(restoredDir, 'secret.key')).mode & 0o777, 0o600);
    const refused = await cli(restoreEnv, 'restore', file);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /already holds a Podium database.*--force/);

    const again2 = await serve(restoredDir, scratch);
    restoredServer = again2.server;
    restoredEnv = again2.env;
    const token = await cli(again2.env, 'token', 'create', '--name', 'check', '--role', 'admin');
    assert.equal(token.code, 0, token.stderr);
    for (const email of emails) {
      const response = await fetch(new URL(`/api/v1/people?email=${encodeURIComponent(email)}`, again2.baseUrl), { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
      assert.equal(response.status, 200);
      const body = (await response.json()) as { items: { email: string }[] };
      assert.equal(body.items[0]?.email, email);
    }
  });

  test('privacy: retention periods are shown and set, an export goes to a private file, erasure goes through the server', async () => {
    assert.ok(restoredServer, 'needs the restored server of the previous test');
    const cli = (...args: string[]) => runCli(args, { env: restoredEnv, cwd: scratch, timeoutMs: 60_000 });
    const set = await cli('privacy', 'retention', '--set', 'links.clicks=180', 'mail.outbox=default');
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /^links\.clicks\s+180 days \(default 396\)$/m);
    assert.match(set.stdout, /^mail\.outbox\s+90 days$/m);
    assert.match(set.stdout, /^audit\.log\s+730 days$/m);
    const shown = await cli('privacy', 'retention');
    assert.match(shown.stdout, /^links\.clicks\s+180 days \(default 396\)$/m);
    const bad = await cli('privacy', 'retention', '--set', 'links.clicks=forever');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /write key=days/);
    const unknown = await cli('privacy', 'retention', '--set', 'everything=5');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /everything: no such data with a retention period/);

    const file = path.join(scratch, 'ada.json');
    const exported = await cli('privacy', 'export', '--email', 'ada@podium.test', '--output', file);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /is in .*ada\.json/);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.match(readFileSync(file, 'utf8'), /"ada@podium\.test"/);

    const erased = await cli('privacy', 'erase', '--email', 'ada@podium.test');
    assert.equal(erased.code, 0, erased.stderr);
    const again = await cli('privacy', 'export', '--email', 'ada@podium.test');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /Nobody with the e-mail address ada@podium\.test/);
  });
});
