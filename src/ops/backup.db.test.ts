import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { testEngine } from '../../test/support/database.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { BackupError, backupStream, restoreBackup } from './backup.ts';

type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** Every table of Podium's schemas with its row count and a digest of all its rows. */
async function fingerprint(query: Query): Promise<Map<string, { rows: number; digest: string }>> {
  const tables = (await query(
    `select table_schema || '.' || table_name as name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1`,
  )) as { name: string }[];
  const result = new Map<string, { rows: number; digest: string }>();
  for (const { name } of tables) {
    const quoted = name
      .split('.')
      .map((part) => `"${part}"`)
      .join('.');
    const [row] = (await query(`select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${quoted} t`)) as { rows: number; digest: string }[];
    if (row) result.set(name, row);
  }
  return result;
}

async function streamToBuffer(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('backup and restore of the embedded database', { skip: testEngine === 'postgres' ? 'backups of PostgreSQL are made with pg_dump (the PostgreSQL case is tested below)' : false }, () => {
  let t: TestApp;
  let scratch: string;
  let dataDir: string;
  let adminHeaders: Record<string, string>;
  const restoreConfig = (dir: string) => ({ dataDir: dir, engine: 'pglite' as const, storage: { kind: 'local' as const } });

  before(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'podium-backup-'));
    dataDir = path.join(scratch, 'data');
    t = await createTestApp({ PODIUM_DATA_DIR: dataDir });
    adminHeaders = await tokenHeaders(t, 'admin');
    // The key a Podium without PODIUM_SECRET_KEY keeps in its data directory.
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'secret.key'), `${'k'.repeat(48)}\n`, { mode: 0o600 });
    // A realistic organisation: people, groups, stories, shares, clicks, conversions, vacancies…
    const demo = await t.app.inject({ method: 'POST', url: '/api/v1/demo', headers: adminHeaders });
    assert.equal(demo.statusCode, 201, demo.body);
    const person = await buildPerson(t);
    const headers = await sessionHeaders(t, person);
    for (const colour of ['#204060', '#c03030']) {
      const png = await sharp({ create: { width: 900, height: 600, channels: 3, background: colour } }).png().toBuffer();
      const upload = await t.app.inject({ method: 'POST', url: '/api/v1/images', headers: { ...headers, 'content-type': 'image/png' }, payload: png });
      assert.equal(upload.statusCode, 201, upload.body);
    }
  });
  after(async () => {
    await t?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('a backup taken through the running server restores into an empty data directory with every record and image', async () => {
    const before = await fingerprint((text) => t.ctx.database.query(text));
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/backup', headers: adminHeaders });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'application/gzip');
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="podium-backup-.*\.tar\.gz"$/);
    const file = path.join(scratch, 'server.tar.gz');
    writeFileSync(file, response.rawPayload);

    const target = path.join(scratch, 'restored');
    const restored = await restoreBackup(file, restoreConfig(target), { force: false, now: new Date() });
    assert.equal(restored.keptAside, null);
    assert.equal(restored.manifest.storage, 'local');
    assert.equal(restored.uploads, 4); // two images, each an original and a share image
    assert.equal(restored.manifest.uploads, 4);
    assert.equal(restored.manifest.secretKey, 'included');
    assert.equal(readFileSync(path.join(target, 'secret.key'), 'utf8'), `${'k'.repeat(48)}\n`);

    const pglite = await PGlite.create(path.join(target, 'pglite'));
    try {
      const after = await fingerprint(async (text) => (await pglite.query<Record<string, unknown>>(text)).rows);
      assert.deepEqual([...after.keys()], [...before.keys()]);
      const counted = [...before.values()].reduce((sum, table) => sum + table.rows, 0);
      assert.ok(counted > 1000, `the demo organisation fills the database (${counted} rows)`);
      for (const [table, expected] of before) {
        // The audit log gained the backup itself after this fingerprint was taken.
        if (table === 'public.audit_log') {
          assert.equal(after.get(table)?.rows, expected.rows + 1, table);
          continue;
        }
        assert.deepEqual(after.get(table), expected, table);
      }
      const [audit] = (await pglite.query<{ action: string }>(`select action from audit_log order by at desc, id desc limit 1`)).rows;
      assert.equal(audit?.action, 'backup.taken');
    } finally {
      await pglite.close();
    }
    const images = (await t.ctx.database.query<{ original_key: string; share_key: string }>('select original_key, share_key from images')).flatMap((row) => [row.original_key, row.share_key]);
    assert.equal(images.length, 4);
    for (const key of images) {
      assert.ok(readFileSync(path.join(target, 'uploads', ...key.split('/'))).equals(readFileSync(path.join(dataDir, 'uploads', ...key.split('/')))), key);
    }
  });

  test('a backup taken while transactions are being written holds each committed transaction whole', async () => {
    const [story] = await t.ctx.database.query<{ id: string }>('select id from stories limit 1');
    assert.ok(story);
    await t.ctx.database.query('create table backup_probe (n int primary key, twin int not null)');
    let n = 0;
    let writing = true;
    // Each transaction writes two rows that belong together; a snapshot holds both or neither.
    const writer = (async () => {
      while (writing) {
        // In-memory PGlite answers without I/O: let timers and the backup take their turns.
        await new Promise((resolve) => setImmediate(resolve));
        n++;
        await t.ctx.database.db.transaction(async (tx) => {
          await tx.execute(`insert into backup_probe values (${n * 2}, ${n})`);
          await tx.execute(`insert into backup_probe values (${n * 2 + 1}, ${n})`);
        });
      }
    })();
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const archive = await streamToBuffer(await backupStream(t.ctx.database, t.ctx.config, new Date()));
      writing = false;
      await writer;
      const file = path.join(scratch, 'busy.tar.gz');
      writeFileSync(file, archive);
      const target = path.join(scratch, 'busy');
      await restoreBackup(file, restoreConfig(target), { force: false, now: new Date() });
      const pglite = await PGlite.create(path.join(target, 'pglite'));
      try {
        const [row] = (await pglite.query<{ rows: number; halves: number }>('select count(*)::int as rows, (select count(*)::int from (select twin from backup_probe group by twin having count(*) <> 2) x) as halves from backup_probe')).rows;
        assert.ok(row);
        assert.ok(row.rows > 0 && row.rows <= n * 2, `${row.rows} of ${n * 2} rows`);
        assert.equal(row.halves, 0);
      } finally {
        await pglite.close();
      }
    } finally {
      writing = false;
      await writer;
      await t.ctx.database.query('drop table backup_probe');
    }
  });

  test('restore refuses a data directory that holds a database unless forced, and then keeps the old one aside', async () => {
    const file = path.join(scratch, 'again.tar.gz');
    writeFileSync(file, await streamToBuffer(await backupStream(t.ctx.database, t.ctx.config, new Date())));
    const target = path.join(scratch, 'restored');
    await assert.rejects(restoreBackup(file, restoreConfig(target), { force: false, now: new Date() }), (error: unknown) => {
      assert.ok(error instanceof BackupError);
      assert.match(error.message, /already holds a Podium database.*--force/);
      return true;
    });
    const forced = await restoreBackup(file, restoreConfig(target), { force: true, now: new Date('2026-11-28T03:00:00Z') });
    assert.equal(forced.keptAside, path.join(target, 'before-restore-2026-11-28T03-00-00-000Z'));
    assert.ok(existsSync(path.join(forced.keptAside, 'pglite', 'PG_VERSION')));
    assert.ok(existsSync(path.join(forced.keptAside, 'uploads', 'images')));
    assert.ok(existsSync(path.join(target, 'pglite', 'PG_VERSION')));
  });

  test('a damaged, truncated or foreign file is refused with a reason and leaves the data directory empty', async () => {
    const good = readFileSync(path.join(scratch, 'again.tar.gz'));
    const cases: [string, Buffer, RegExp][] = [
      ['truncated', good.subarray(0, Math.floor(good.length / 2)), /damaged|ends too early/],
      ['foreign', Buffer.from('hello, this is not a backup'), /not a Podium backup/],
      ['empty-gzip', (await import('node:zlib')).gzipSync(Buffer.alloc(1024)), /empty: not a Podium backup|ends too early/],
    ];
    for (const [name, bytes, message] of cases) {
      const file = path.join(scratch, `${name}.tar.gz`);
      writeFileSync(file, bytes);
      const target = path.join(scratch, `bad-${name}`);
      await assert.rejects(restoreBackup(file, restoreConfig(target), { force: false, now: new Date() }), (error: unknown) => {
        assert.ok(error instanceof BackupError, `${name}: ${String(error)}`);
        assert.match(error.message, message, name);
        return true;
      });
      assert.equal(existsSync(path.join(target, 'pglite')), false, name);
    }
  });
});

describe('backups on PostgreSQL', { skip: testEngine === 'postgres' ? false : 'the PostgreSQL answer is tested with PODIUM_TEST_ENGINE=postgres' }, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t?.close();
  });
  test('the backup route and the restore say to use pg_dump and pg_restore', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/backup', headers: await tokenHeaders(t, 'admin') });
    assert.equal(response.statusCode, 409);
    assert.match(response.json().error.message, /pg_dump/);
    await assert.rejects(backupStream(t.ctx.database, t.ctx.config, new Date()), /pg_dump --format=custom/);
    await assert.rejects(restoreBackup('/nonexistent', { dataDir: '/nonexistent', engine: 'postgres', storage: { kind: 'local' } }, { force: false, now: new Date() }), /pg_restore/);
  });
});
