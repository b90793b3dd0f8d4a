// `npm test`: type-check, lint and every test tier, independent tiers in parallel, with the time each took.
import { spawn } from 'node:child_process';
import { globSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumPath } from '../src/cli/doctor.ts';
import { dropPostgresDatabases, preparePgliteDump, preparePostgresTemplate } from '../test/support/prepare-templates.ts';

interface Tier {
  name: string;
  steps: { command: string; args: string[]; env?: Record<string, string> }[];
}

const bin = (name: string) => path.join('node_modules', '.bin', name);
const workDir = mkdtempSync(path.join(tmpdir(), 'podium-test-'));
const only = process.argv.slice(2);
const pgUrl = process.env.PODIUM_TEST_DATABASE_URL;
const ci = process.env.CI === 'true';
const files = (pattern: string) => globSync(pattern, { exclude: (f) => f.includes('node_modules') }).sort();
const dbTests = [...files('src/**/*.db.test.ts'), ...files('test/**/*.db.test.ts')];
const unitTests = [...files('src/**/*.test.ts'), ...files('test/**/*.test.ts')].filter((f) => !f.endsWith('.db.test.ts'));
/** Node test flags: dots on the console, TAP into a file per tier so the totals can be counted. */
const testFlags = (tier: string) => ['--test', '--test-concurrency=2', '--test-reporter=dot', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${path.join(workDir, `${tier}.tap`)}`];

const dump = path.join(workDir, 'pglite.tar');
const template = `podium_template_${process.pid}`;

const tiers: Tier[] = [
  {
    name: 'static',
    steps: [
      { command: bin('tsc'), args: ['-p', 'tsconfig.json'] },
      { command: bin('tsc'), args: ['-p', 'web/tsconfig.json'] },
      { command: bin('biome'), args: ['lint', '--error-on-warnings', '.'] },
    ],
  },
  { name: 'unit', steps: [{ command: 'node', args: [...testFlags('unit'), ...unitTests] }] },
  { name: 'db:pglite', steps: [{ command: 'node', args: [...testFlags('db-pglite'), ...dbTests], env: { PODIUM_TEST_ENGINE: 'pglite', PODIUM_TEST_PGLITE_DUMP: dump } }] },
];
if (pgUrl) {
  tiers.push({ name: 'db:postgres', steps: [{ command: 'node', args: [...testFlags('db-postgres'), ...dbTests], env: { PODIUM_TEST_ENGINE: 'postgres', PODIUM_TEST_PG_TEMPLATE: template } }] });
} else {
  console.log('db:postgres skipped: set PODIUM_TEST_DATABASE_URL to run the database tests on PostgreSQL too');
}
// Crash (kill -9 of a real server process) and database-outage scenarios, and two server processes
// on one PostgreSQL database (test/multinode, with PODIUM_TEST_DATABASE_URL): `npm run test:durability`.
tiers.push({ name: 'durability', steps: [{ command: 'node', args: [...testFlags('durability').map((flag) => flag.replace('--test-concurrency=2', '--test-concurrency=1')), ...files('test/durability/*.durability.ts'), ...files('test/multinode/*.multinode.ts')] }] });
const browser = chromiumPath();
if (browser) {
  tiers.push({
    name: 'e2e',
    steps: [
      { command: bin('vite'), args: ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'] },
      { command: 'node', args: ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${path.join(workDir, 'e2e.tap')}`, ...files('e2e/**/*.e2e.ts')], env: { PODIUM_CHROMIUM_PATH: browser, PODIUM_TEST_PGLITE_DUMP: dump } },
    ],
  });
} else if (ci) {
  console.error('e2e: Chromium is required with CI=true but was not found (apt-get install chromium)');
  process.exit(1);
} else {
  console.log('e2e skipped: Chromium not found (apt-get install chromium, or set PODIUM_CHROMIUM_PATH)');
}

function run(step: Tier['steps'][number], label: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { env: { ...process.env, ...step.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = (chunk: Buffer) =>
      chunk
        .toString()
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => `[${label}] ${line}\n`)
        .join('');
    child.stdout.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
    child.stderr.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function runTier(tier: Tier): Promise<{ name: string; ok: boolean; seconds: number }> {
  const started = performance.now();
  for (const step of tier.steps) {
    const code = await run(step, tier.name);
    if (code !== 0) return { name: tier.name, ok: false, seconds: (performance.now() - started) / 1000 };
  }
  return { name: tier.name, ok: true, seconds: (performance.now() - started) / 1000 };
}

const selected = only.length ? tiers.filter((t) => only.includes(t.name)) : tiers;
const prepStarted = performance.now();
await preparePgliteDump(dump);
if (pgUrl && selected.some((t) => t.name === 'db:postgres')) await preparePostgresTemplate(pgUrl, template);
console.log(`prepared migrated templates in ${((performance.now() - prepStarted) / 1000).toFixed(1)} s`);

const results = await Promise.all(selected.map(runTier));
const totals = { pass: 0, fail: 0, skip: 0 };
for (const file of globSync(path.join(workDir, '*.tap'))) {
  const tap = readFileSync(file, 'utf8');
  for (const key of Object.keys(totals) as (keyof typeof totals)[]) {
    totals[key] += Number(tap.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  }
}
if (pgUrl) await dropPostgresDatabases(pgUrl, template).catch(() => {});
console.log('\ntier            result   seconds');
for (const r of results) console.log(`${r.name.padEnd(16)}${(r.ok ? 'pass' : 'FAIL').padEnd(9)}${r.seconds.toFixed(1)}`);
const failed = results.filter((r) => !r.ok).length;
rmSync(workDir, { recursive: true, force: true });
console.log(`tests: ${totals.pass} passed, ${totals.fail} failed, ${totals.skip} skipped`);
process.exit(failed || totals.fail ? 1 : 0);
