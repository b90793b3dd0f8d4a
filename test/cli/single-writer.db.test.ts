// Process-level test of the embedded engine's single writer: `podium serve` holds the data
// directory, CLI commands go through it, a second server is refused, and after SIGTERM the
// CLI opens the database itself again. PGlite only (PostgreSQL has no lock: see postgres.db.test.ts).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type CliResult, freePort, kill, podiumEnv, runCli, type ServerProcess, seedDataDir, startServer, waitForHealth } from './process.ts';

const engine = process.env.PODIUM_TEST_ENGINE ?? 'pglite';
const skip = engine === 'postgres' ? 'the single-writer lock is only for the embedded PGlite engine (PODIUM_TEST_ENGINE=postgres)' : false;

describe('podium serve holds the embedded data directory; the CLI goes through it', { skip }, () => {
  let scratch = '';
  let dataDir = '';
  let baseUrl = '';
  let env: NodeJS.ProcessEnv = {};
  let server: ServerProcess | undefined;
  let second: Promise<CliResult> | undefined;
  let token = '';
  let early: Promise<CliResult> | undefined;
  const cli = (...args: string[]) => runCli(args, { env, cwd: scratch });
  const api = async (url: string) => {
    const response = await fetch(new URL(url, baseUrl), { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const personByEmail = async (email: string) => {
    const { status, body } = await api(`/api/v1/people?email=${encodeURIComponent(email)}`);
    assert.equal(status, 200);
    return (body as { items: { id: string; email: string; name: string }[] }).items[0];
  };
  const countPeople = async () => {
    let n = 0;
    let cursor: string | null = null;
    do {
      const { status, body } = await api(`/api/v1/people?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(status, 200);
      const pageBody = body as { items: unknown[]; nextCursor: string | null };
      n += pageBody.items.length;
      cursor = pageBody.nextCursor;
    } while (cursor);
    return n;
  };

  before(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'podium-cli-'));
    dataDir = path.join(scratch, 'data');
    await seedDataDir(dataDir, scratch);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    env = podiumEnv({ PORT: String(port), HOST: '127.0.0.1', PODIUM_DATA_DIR: dataDir, PODIUM_BASE_URL: baseUrl });
    server = startServer(env, scratch);
    // A command given while the server is still starting (lock taken, no control file yet) waits for it.
    for (let i = 0; i < 300 && !existsSync(path.join(dataDir, 'podium.lock')); i++) await sleep(50);
    early = existsSync(path.join(dataDir, 'control.json')) ? undefined : cli('token', 'create', '--name', 'early', '--role', 'admin');
    await waitForHealth(server, baseUrl);
    // The control file is written right after listening; CLI commands need it to find the server.
    for (let i = 0; i < 50 && !existsSync(path.join(dataDir, 'control.json')); i++) await sleep(100);
  });

  after(async () => {
    await kill(server);
    await second?.catch(() => {});
    await early?.catch(() => {});
    rmSync(scratch, { recursive: true, force: true });
  });

  test('serve writes the lock and control.json, and prints where it runs and the set-up link', () => {
    assert.ok(existsSync(path.join(dataDir, 'podium.lock')));
    const control = JSON.parse(readFileSync(path.join(dataDir, 'control.json'), 'utf8')) as { pid: number; url: string; token: string };
    assert.equal(control.pid, server?.child.pid);
    assert.equal(new URL(control.url).port, new URL(baseUrl).port);
    assert.match(server?.output() ?? '', new RegExp(`Podium is running at ${baseUrl}`));
    assert.match(server?.output() ?? '', /\/setup\?token=/);
  });

  test('token create prints only the token, and it works against the server', async () => {
    const result = await cli('token', 'create', '--name', 'ci', '--role', 'admin');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^pod_[A-Za-z0-9_-]+\n$/);
    token = result.stdout.trim();
    const { status } = await api('/api/v1/people');
    assert.equal(status, 200);
    const denied = await fetch(new URL('/api/v1/people', baseUrl), { headers: { authorization: 'Bearer pod_not-a-token' } });
    assert.equal(denied.status, 401);
  });

  test('a command given while the server starts waits for it, then goes through it', async (t) => {
    if (!early) return t.skip('the server was up before the lock was seen');
    const result = await early;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^pod_[A-Za-z0-9_-]+\n$/);
    const response = await fetch(new URL('/api/v1/people', baseUrl), { headers: { authorization: `Bearer ${result.stdout.trim()}` } });
    assert.equal(response.status, 200);
    assert.equal(server?.child.exitCode, null, 'the server still runs (the command did not take the database from it)');
  });

  test('demo adds the demo organisation (about 250 people) through the server', async () => {
    assert.ok(token, 'needs the token of the previous test');
    const before = await countPeople();
    const result = await cli('demo');
    assert.equal(result.code, 0, result.stderr);
    const added = Number(/(\d+) people in (\d+) groups/.exec(result.stdout)?.[1]);
    assert.ok(added >= 200 && added <= 300, result.stdout);
    assert.equal(await countPeople(), before + added);
  });

  test('people import: a bad row rejects the file unless --skip-invalid', async () => {
    const csv = path.join(scratch, 'people.csv');
    writeFileSync(csv, 'e-mail;naam\nada.lovelace@podium.test;Ada Lovelace\nnot-an-address;Bad Row\ngrace.hopper@podium.test;Grace Hopper\n');

    const rejected = await cli('people', 'import', csv, '--no-invite');
    assert.notEqual(rejected.code, 0);
    assert.match(rejected.stderr, /line 3\b/);
    assert.match(rejected.stderr, /Nothing imported/);
    assert.equal(rejected.stdout, '');
    assert.equal(await personByEmail('ada.lovelace@podium.test'), undefined);

    const imported = await cli('people', 'import', csv, '--skip-invalid', '--no-invite');
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stderr, /3 rows: 2 valid, 1 with errors/);
    assert.match(imported.stderr, /Importing: \w+, \d+\/2 rows/, 'progress is shown even when stderr is not a terminal');
    assert.match(imported.stderr, /Imported: 2 created, 0 updated/);
    assert.equal(imported.stdout, '');
    assert.equal((await personByEmail('ada.lovelace@podium.test'))?.name, 'Ada Lovelace');
    assert.equal((await personByEmail('grace.hopper@podium.test'))?.name, 'Grace Hopper');
  });

  test('privacy export prints JSON; privacy erase anonymises the person', async () => {
    const [exported, unknown] = await Promise.all([
      cli('privacy', 'export', '--email', 'grace.hopper@podium.test'),
      cli('privacy', 'export', '--email', 'nobody@podium.test'),
    ]);
    assert.equal(exported.code, 0, exported.stderr);
    const data = JSON.parse(exported.stdout) as unknown;
    assert.match(JSON.stringify(data), /grace\.hopper@podium\.test/);

    const erased = await cli('privacy', 'erase', '--email', 'grace.hopper@podium.test');
    assert.equal(erased.code, 0, erased.stderr);
    assert.match(erased.stdout, /erased/);
    assert.equal(await personByEmail('grace.hopper@podium.test'), undefined);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /nobody@podium\.test/);
  });

  test('a second serve on the same data directory is refused and changes nothing', async () => {
    const lockBefore = readFileSync(path.join(dataDir, 'podium.lock'), 'utf8');
    const controlBefore = readFileSync(path.join(dataDir, 'control.json'), 'utf8');
    second = runCli(['serve'], { env: { ...env, PORT: String(await freePort()) }, cwd: scratch, timeoutMs: 20_000 });
    const result = await second;
    assert.notEqual(result.code, 0, result.stdout);
    assert.equal(result.signal, null);
    assert.match(result.stderr, new RegExp(`pid ${server?.child.pid}\\b`));
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'a clear message, not a stack trace');
    assert.equal(readFileSync(path.join(dataDir, 'podium.lock'), 'utf8'), lockBefore);
    assert.equal(readFileSync(path.join(dataDir, 'control.json'), 'utf8'), controlBefore);

    const health = await fetch(new URL('/healthz', baseUrl));
    assert.equal(health.status, 200);
    assert.equal((await personByEmail('ada.lovelace@podium.test'))?.name, 'Ada Lovelace');
  });

  test('doctor asks the running server instead of opening the database', async () => {
    const result = await cli('doctor');
    const database = /^([✓✗]) database: (.*)$/m.exec(result.stdout);
    assert.equal(database?.[1], '✓', result.stdout);
    assert.match(database?.[2] ?? '', new RegExp(`running server \\(pid ${server?.child.pid}\\)`));
    assert.match(result.stdout, /^✓ migrations: /m);
  });

  test('SIGTERM stops the server cleanly; then the CLI opens the database itself', async () => {
    assert.ok(server);
    const started = Date.now();
    server.child.kill('SIGTERM');
    const timeout = sleep(10_000).then(() => ({ code: -1, signal: null }));
    const { code, signal } = await Promise.race([server.exited, timeout]);
    assert.equal(code, 0, `exit ${code} ${signal}:\n${server.output()}`);
    assert.ok(Date.now() - started < 10_000);
    assert.equal(existsSync(path.join(dataDir, 'podium.lock')), false);
    assert.equal(existsSync(path.join(dataDir, 'control.json')), false);

    // In-process now; --person finds Ada, imported through the server before it stopped.
    const created = await cli('token', 'create', '--name', 'after', '--role', 'ambassador', '--person', 'ada.lovelace@podium.test');
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /^pod_[A-Za-z0-9_-]+\n$/);
    assert.equal(existsSync(path.join(dataDir, 'podium.lock')), false, 'the in-process command released the lock');
  });

  test('serve on a port in use says so, names PORT, and leaves the data directory free', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const result = await runCli(['serve'], { env: { ...env, PORT: String(port) }, cwd: scratch, timeoutMs: 30_000 });
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /^podium: PORT: .*already in use/m);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'a clear message, not a stack trace');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    assert.equal(existsSync(path.join(dataDir, 'podium.lock')), false, 'the lock is released');
    assert.equal(existsSync(path.join(dataDir, 'control.json')), false);
  });
});
