import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const migrationsDir = path.join(import.meta.dirname, 'migrations');
const sqlFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();

test('the schema and the migrations do not drift: drizzle-kit finds nothing to generate', async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'podium-migrations-'));
  try {
    cpSync(migrationsDir, out, { recursive: true });
    const before = sqlFiles(out);
    // drizzle-kit prefixes "./" to --out, so an absolute path must be given relative to the working directory.
    const { stdout } = await run(
      'node_modules/.bin/drizzle-kit',
      ['generate', '--dialect', 'postgresql', '--schema', './src/db/schema/index.ts', '--out', path.relative(process.cwd(), out)],
      { cwd: process.cwd() },
    );
    assert.deepEqual(sqlFiles(out), before, `drizzle-kit wrote a migration the repository lacks:\n${stdout}`);
    assert.match(stdout, /nothing to migrate/i);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('every migration is listed in the journal, and none needs a function newer than PostgreSQL 15', () => {
  const journal = JSON.parse(readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const files = sqlFiles(migrationsDir);
  assert.ok(files.length > 0);
  assert.deepEqual(
    files,
    journal.entries.map((e) => `${e.tag}.sql`),
  );
  // PostgreSQL 16+ or extension-only functions; PGlite would run them, a customer's PostgreSQL 15 would not.
  const newer = /\b(uuidv7|uuidv4|gen_uuid_v7|uuid_generate_v7|any_value|json_object|json_array|json_exists|json_query|json_value|json_table|random_normal|array_sample|array_shuffle|casefold|pg_get_acl)\s*\(/i;
  for (const file of files) {
    const text = readFileSync(path.join(migrationsDir, file), 'utf8');
    assert.doesNotMatch(text, newer, `${file} uses a function PostgreSQL 15 does not have`);
  }
});
