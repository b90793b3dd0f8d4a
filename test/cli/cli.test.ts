// Process-level tests of the `podium` command line that need no running server: help for every
// command, configuration errors, `doctor` and `migrate` on a data directory of their own.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freePort, podiumEnv, runCli } from './process.ts';

let scratch = '';
before(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'podium-cli-'));
});
after(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const commands = [
  ['serve'],
  ['migrate'],
  ['doctor'],
  ['user'],
  ['user', 'add'],
  ['people'],
  ['people', 'import'],
  ['token'],
  ['token', 'create'],
  ['privacy'],
  ['privacy', 'export'],
  ['privacy', 'erase'],
  ['privacy', 'retention'],
  ['demo'],
  ['backup'],
  ['restore'],
];

test('--help works for podium and every command and subcommand, without touching a database', async () => {
  const dataDir = path.join(scratch, 'help-data');
  const env = podiumEnv({ PODIUM_DATA_DIR: dataDir });
  const results = await Promise.all([[], ...commands].map((command) => runCli([...command, '--help'], { env, cwd: scratch })));
  for (const [i, result] of results.entries()) {
    const command = [[], ...commands][i] ?? [];
    const label = `podium ${command.join(' ')} --help`;
    assert.equal(result.code, 0, `${label}: ${result.stderr}`);
    assert.equal(result.stderr, '', label);
    assert.match(result.stdout, new RegExp(`^Usage: podium ${command.join(' ')}`, 'm'), label);
    if (command.length === 0) for (const [name] of commands) assert.match(result.stdout, new RegExp(`^\\s+${name}\\b`, 'm'), `${label} lists ${name}`);
    if (command.length === 1 && ['user', 'people', 'token', 'privacy'].includes(command[0] ?? '')) {
      for (const sub of commands.filter((c) => c.length === 2 && c[0] === command[0])) {
        assert.match(result.stdout, new RegExp(`^\\s+${sub[1]}\\b`, 'm'), `${label} lists ${sub[1]}`);
      }
    }
  }
  assert.equal(existsSync(dataDir), false, 'help creates no data directory');
});

test('an unknown command or a missing required option is an error with the help hint', async () => {
  const env = podiumEnv({ PODIUM_DATA_DIR: path.join(scratch, 'usage-data') });
  const [unknown, missing, badRole] = await Promise.all([
    runCli(['frobnicate'], { env, cwd: scratch }),
    runCli(['token', 'create', '--role', 'admin'], { env, cwd: scratch }),
    runCli(['token', 'create', '--name', 'x', '--role', 'king'], { env, cwd: scratch }),
  ]);
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
  assert.match(unknown.stderr, /^Usage: podium /m);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /--name/);
  assert.match(missing.stderr, /^Usage: podium token create/m);
  assert.notEqual(badRole.code, 0);
  assert.match(badRole.stderr, /king/);
  assert.match(badRole.stderr, /admin, editor, recruiter, ambassador|"admin", "editor", "recruiter", "ambassador"/);
});

test('a bad configuration exits with 78 (EX_CONFIG) and names the variable, before touching the data directory', async () => {
  const dataDir = path.join(scratch, 'bad-config-data');
  const runs = await Promise.all([
    runCli(['serve'], { env: podiumEnv({ PODIUM_DATA_DIR: dataDir, PORT: 'abc' }), cwd: scratch }),
    runCli(['token', 'create', '--name', 'ci', '--role', 'admin'], { env: podiumEnv({ PODIUM_DATA_DIR: dataDir, PORT: 'abc' }), cwd: scratch }),
    runCli(['doctor'], { env: podiumEnv({ PODIUM_DATA_DIR: dataDir, PORT: '70000' }), cwd: scratch }),
    runCli(['migrate'], { env: podiumEnv({ PODIUM_DATA_DIR: dataDir, DATABASE_URL: 'mysql://localhost/podium' }), cwd: scratch }),
  ]);
  const names = ['PORT', 'PORT', 'PORT', 'DATABASE_URL'];
  for (const [i, result] of runs.entries()) {
    assert.equal(result.code, 78, `${names[i]}: ${result.stderr}`);
    assert.match(result.stderr, new RegExp(`^podium: ${names[i]}: `, 'm'));
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'a clear message, not a stack trace');
    assert.equal(result.stdout, '');
  }
  assert.match(runs[0]?.stderr ?? '', /"abc"/, 'the message shows the bad value');
  assert.equal(existsSync(dataDir), false);
});

describe('doctor and migrate on a data directory of their own', () => {
  // PODIUM_SECRET_KEY is set, so nothing but the database itself creates the (nested) data directory.
  let dataDir = '';
  let env: NodeJS.ProcessEnv = {};
  const checkLines = (stdout: string) => new Map([...stdout.matchAll(/^([✓✗]) (\w+): (.*)$/gm)].map((m) => [m[2], { ok: m[1] === '✓', detail: m[3] ?? '' }]));

  before(() => {
    dataDir = path.join(scratch, 'doctor', 'data');
    env = podiumEnv({ PODIUM_DATA_DIR: dataDir, PODIUM_SECRET_KEY: 'a-test-secret-key-that-is-long-enough-0123456789' });
  });

  test('a held lock: doctor reports the database as busy and migrate refuses, without opening it', async () => {
    const lockDir = path.join(scratch, 'locked');
    const lockedEnv = { ...env, PODIUM_DATA_DIR: lockDir };
    // This test process is alive: its pid in the lock file stands for a server that is still starting.
    mkdirSync(lockDir, { recursive: true });
    writeFileSync(path.join(lockDir, 'podium.lock'), String(process.pid));
    const [doctor, migrate] = await Promise.all([runCli(['doctor'], { env: lockedEnv, cwd: scratch }), runCli(['migrate'], { env: lockedEnv, cwd: scratch })]);
    const checks = checkLines(doctor.stdout);
    assert.equal(doctor.code, 1);
    assert.equal(checks.get('database')?.ok, false);
    assert.match(checks.get('database')?.detail ?? '', new RegExp(`pid ${process.pid}\\b`));
    assert.equal(migrate.code, 1, migrate.stderr);
    assert.match(migrate.stderr, new RegExp(`^podium: Another Podium process \\(pid ${process.pid}\\)`, 'm'));
    assert.equal(existsSync(path.join(lockDir, 'pglite')), false, 'the database was not opened');
    assert.equal(readFileSync(path.join(lockDir, 'podium.lock'), 'utf8'), String(process.pid));
  });

  test('doctor on a new data directory: ✓ configuration, ✗ database and migrations (it creates nothing), ✗ an unreachable SMTP server', async () => {
    const smtpPort = await freePort();
    const result = await runCli(['doctor'], { env: { ...env, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }, cwd: scratch, timeoutMs: 180_000 });
    assert.equal(result.code, 1, result.stderr);
    const checks = checkLines(result.stdout);
    assert.deepEqual([...checks.keys()], ['configuration', 'database', 'migrations', 'mail', 'storage', 'browser'], result.stdout);
    assert.equal(checks.get('storage')?.ok, true);
    assert.match(checks.get('storage')?.detail ?? '', /^uploaded images in .*uploads$/);
    assert.equal(checks.get('configuration')?.ok, true);
    assert.match(checks.get('configuration')?.detail ?? '', /pglite/);
    assert.equal(checks.get('database')?.ok, false, checks.get('database')?.detail ?? 'no database line');
    assert.match(checks.get('database')?.detail ?? '', /no embedded database yet/);
    assert.equal(existsSync(path.join(dataDir, 'pglite')), false, 'doctor created no database');
    assert.equal(checks.get('migrations')?.ok, false);
    assert.match(checks.get('migrations')?.detail ?? '', /^0 of \d+ applied — run `podium migrate`/);
    assert.equal(checks.get('mail')?.ok, false);
    assert.match(checks.get('mail')?.detail ?? '', /^SMTP: /);
    assert.equal(existsSync(path.join(dataDir, 'podium.lock')), false, 'doctor released the lock');
  });

  test('migrate applies the migrations; then doctor reports them ✓ and mail to the outbox ✓', async () => {
    const migrated = await runCli(['migrate'], { env, cwd: scratch, timeoutMs: 180_000 });
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.equal(migrated.stdout, 'Migrations applied.\n');
    assert.equal(existsSync(path.join(dataDir, 'podium.lock')), false, 'migrate released the lock');
    const result = await runCli(['doctor'], { env, cwd: scratch, timeoutMs: 180_000 });
    const checks = checkLines(result.stdout);
    for (const name of ['configuration', 'database', 'migrations', 'mail']) assert.equal(checks.get(name)?.ok, true, `${name}: ${checks.get(name)?.detail}`);
    assert.match(checks.get('migrations')?.detail ?? '', /^(\d+) of \1 applied$/);
    assert.match(checks.get('mail')?.detail ?? '', /outbox/);
    // Only the browser may be missing here; it decides the exit code.
    assert.equal(result.code, checks.get('browser')?.ok ? 0 : 1);
  });
});
