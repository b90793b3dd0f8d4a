import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import type { Config } from '../config.ts';
import { type Database, migrationsFolder } from '../db/client.ts';
import { readTar, tarEnd, tarHeader, tarPadding } from './tar.ts';

/**
 * Backups of the embedded database: one gzip'ed tar file holding
 *   podium-backup.json  the manifest (always the first entry),
 *   pglite.tar          PGlite's own dump of its data directory (`dumpDataDir`),
 *   secret.key          the data directory's secret key, when PODIUM_SECRET_KEY is not set (without
 *                       it the encrypted secrets in the database could not be read after a restore),
 *   uploads/<key>       the uploaded files, when they live in the data directory.
 * The file therefore holds everything Podium knows: keep it as safe as the data directory.
 * PostgreSQL is backed up with its own tools (pg_dump / pg_restore; see the README).
 */

export const BACKUP_FORMAT = 1;
const MANIFEST = 'podium-backup.json';
const DATABASE_ENTRY = 'pglite.tar';
const SECRET_KEY = 'secret.key';

export interface BackupManifest {
  kind: 'podium-backup';
  format: number;
  createdAt: string;
  /** Migrations applied in the backed-up database. */
  migrations: number;
  /** Where the images were: `local` (in this file) or `s3` (in the bucket, not in this file). */
  storage: 'local' | 's3';
  uploads: number;
  /** Whether the secret key is in the file (`included`) or comes from PODIUM_SECRET_KEY (`environment`). */
  secretKey: 'included' | 'environment';
}

/** A backup or restore that cannot go ahead, with what to do instead. */
export class BackupError extends Error {}

export const postgresBackupAdvice =
  'Podium uses PostgreSQL here (DATABASE_URL): back it up with PostgreSQL’s own tools, e.g. `pg_dump --format=custom --file=podium.dump "$DATABASE_URL"`, and restore with `pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" podium.dump` (see the README, Backups). `podium backup` and `podium restore` are for the embedded database.';

/** The migrations this Podium knows (its journal). */
export function knownMigrations(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/** Every file under `root` as a key relative to it (`images/<id>/share.jpg`), skipping half-written `.tmp` files. */
async function listFiles(root: string): Promise<string[]> {
  const keys: string[] = [];
  const walk = async (dir: string, prefix: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const key = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), key);
      else if (entry.isFile() && !entry.name.endsWith('.tmp')) keys.push(key);
    }
  };
  await walk(root, '');
  return keys;
}

/**
 * A consistent snapshot of the embedded database while it keeps serving: PGlite runs one
 * statement at a time, and the dump is taken holding both its transaction and its query lock,
 * so it lies between two transactions — every committed one is in it, no half of one is.
 * A CHECKPOINT first keeps the write-ahead log to replay at the restored start short.
 */
export async function snapshotDatabase(database: Database): Promise<Buffer> {
  const pglite = database.pglite;
  if (!pglite) throw new BackupError(postgresBackupAdvice);
  await pglite.exec('checkpoint');
  const blob = await pglite._runExclusiveTransaction(() => pglite.dumpDataDir('none'));
  return Buffer.from(await blob.arrayBuffer());
}

/** Called with the files written so far and the total (the database counts as one). */
export type BackupProgress = (done: number, total: number) => void;

/** The backup archive (gzip'ed tar) of a running Podium's embedded database and uploads, as a stream. */
export async function backupStream(database: Database, config: Pick<Config, 'dataDir' | 'storage'>, now: Date, progress?: BackupProgress): Promise<Readable> {
  if (!database.pglite) throw new BackupError(postgresBackupAdvice);
  const uploadsRoot = path.join(config.dataDir, 'uploads');
  const keys = config.storage.kind === 'local' ? await listFiles(uploadsRoot) : [];
  const secretKeyFile = path.join(config.dataDir, SECRET_KEY);
  const secretKey = existsSync(secretKeyFile) ? await readFile(secretKeyFile) : null;
  const [applied] = await database.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations').catch(() => [{ n: 0 }]);
  const manifest: BackupManifest = { kind: 'podium-backup', format: BACKUP_FORMAT, createdAt: now.toISOString(), migrations: applied?.n ?? 0, storage: config.storage.kind, uploads: keys.length, secretKey: secretKey ? 'included' : 'environment' };
  const total = 1 + keys.length;
  async function* entries(): AsyncGenerator<Buffer> {
    const file = function* (name: string, data: Buffer) {
      yield tarHeader(name, data.length, now);
      yield data;
      yield tarPadding(data.length);
    };
    yield* file(MANIFEST, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    if (secretKey) yield* file(SECRET_KEY, secretKey);
    yield* file(DATABASE_ENTRY, await snapshotDatabase(database));
    progress?.(1, total);
    let done = 1;
    for (const key of keys) {
      // An image removed since the listing is simply not in the backup (images are never removed today).
      const data = await readFile(path.join(uploadsRoot, ...key.split('/'))).catch(() => null);
      if (data) yield* file(`uploads/${key}`, data);
      progress?.(++done, total);
    }
    yield tarEnd();
  }
  const gzip = createGzip();
  pipeline(Readable.from(entries()), gzip).catch((error: Error) => gzip.destroy(error));
  return gzip;
}

export interface RestoreResult {
  manifest: BackupManifest;
  uploads: number;
  /** Where the data that was there before went (with --force), or null. */
  keptAside: string | null;
}

const holdsDatabase = (dir: string) => existsSync(path.join(dir, 'PG_VERSION'));
const isEmptyDir = (dir: string) => !existsSync(dir) || (statSync(dir).isDirectory() && readdirSync(dir).length === 0);

/**
 * Restores a backup into the data directory of `config` (the embedded engine; no Podium may run
 * on it — the caller holds the data directory's lock). Refuses a data directory that already
 * holds a database unless `force`; then the database and uploads that were there are moved aside
 * to `<dataDir>/before-restore-<time>/`, not deleted. Everything is unpacked beside the data first
 * and moved into place only when the whole file was read and the database opened.
 */
export async function restoreBackup(file: string, config: Pick<Config, 'dataDir' | 'engine' | 'storage'>, options: { force: boolean; now: Date; progress?: BackupProgress }): Promise<RestoreResult> {
  if (config.engine !== 'pglite') throw new BackupError(postgresBackupAdvice);
  if (!existsSync(file)) throw new BackupError(`${file}: no such file.`);
  const target = path.join(config.dataDir, 'pglite');
  const uploadsTarget = path.join(config.dataDir, 'uploads');
  const occupied = holdsDatabase(target) || !isEmptyDir(target);
  if (occupied && !options.force) {
    throw new BackupError(`${config.dataDir} already holds a Podium database. Restoring would replace it: run again with --force to restore anyway (the current database and uploads are kept aside in ${config.dataDir}/before-restore-…/).`);
  }
  await mkdir(config.dataDir, { recursive: true });
  const staging = path.join(config.dataDir, `.restore-${randomBytes(4).toString('hex')}`);
  await mkdir(staging, { recursive: true });
  try {
    let manifest: BackupManifest | null = null;
    let database = false;
    let uploads = 0;
    let secretKey: Buffer | null = null;
    const chunks = createReadStream(file).pipe(createGunzip());
    try {
      for await (const entry of readTar(chunks)) {
        if (!manifest) {
          manifest = parseManifest(entry.name, entry.data);
          continue;
        }
        if (entry.name === SECRET_KEY) {
          secretKey = entry.data;
        } else if (entry.name === DATABASE_ENTRY) {
          const pglite = await PGlite.create(path.join(staging, 'pglite'), { loadDataDir: new Blob([new Uint8Array(entry.data)]) });
          // Opening it replays its log; a query proves it is a working database.
          await pglite.query('select count(*) from drizzle.__drizzle_migrations');
          await pglite.close();
          database = true;
        } else if (entry.name.startsWith('uploads/')) {
          const parts = entry.name.slice('uploads/'.length).split('/');
          if (parts.some((part) => part === '' || part === '.' || part === '..')) throw new BackupError(`not a Podium backup (unsafe file name ${entry.name})`);
          const destination = path.join(staging, 'uploads', ...parts);
          await mkdir(path.dirname(destination), { recursive: true });
          await writeFile(destination, entry.data);
          uploads++;
        }
        options.progress?.(Number(database) + uploads, 1 + (manifest?.uploads ?? 0));
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' || (error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') {
        throw new BackupError(`${file} is not a Podium backup, or is damaged (${(error as Error).message}).`);
      }
      if (error instanceof Error && error.name === 'TarFormatError') throw new BackupError(`${file}: ${error.message}`);
      throw error;
    }
    if (!manifest) throw new BackupError(`${file} is empty: not a Podium backup.`);
    if (!database) throw new BackupError(`${file} holds no database: not a complete Podium backup.`);
    if (uploads !== manifest.uploads) throw new BackupError(`${file} holds ${uploads} of the ${manifest.uploads} uploaded files it lists: the backup is incomplete.`);

    const secretKeyTarget = path.join(config.dataDir, SECRET_KEY);
    // A key beside a database is kept aside with it; a key with no database beside it (made by the
    // first command run on a new data directory) encrypts nothing yet and is replaced.
    const replacesKey = occupied && secretKey !== null && existsSync(secretKeyTarget) && !readFileSync(secretKeyTarget).equals(secretKey);
    let keptAside: string | null = null;
    if (occupied || (existsSync(uploadsTarget) && manifest.storage === 'local') || replacesKey) {
      keptAside = path.join(config.dataDir, `before-restore-${options.now.toISOString().replace(/[:.]/g, '-')}`);
      await mkdir(keptAside, { recursive: true });
      if (existsSync(target)) renameSync(target, path.join(keptAside, 'pglite'));
      if (existsSync(uploadsTarget) && manifest.storage === 'local') renameSync(uploadsTarget, path.join(keptAside, 'uploads'));
      if (replacesKey) renameSync(secretKeyTarget, path.join(keptAside, SECRET_KEY));
    }
    if (secretKey) await writeFile(secretKeyTarget, secretKey, { mode: 0o600 });
    renameSync(path.join(staging, 'pglite'), target);
    if (existsSync(path.join(staging, 'uploads'))) renameSync(path.join(staging, 'uploads'), uploadsTarget);
    return { manifest, uploads, keptAside };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function parseManifest(name: string, data: Buffer): BackupManifest {
  let manifest: Partial<BackupManifest> | null = null;
  try {
    manifest = name === MANIFEST ? (JSON.parse(data.toString('utf8')) as Partial<BackupManifest>) : null;
  } catch {
    manifest = null;
  }
  if (manifest?.kind !== 'podium-backup') throw new BackupError('not a Podium backup (no podium-backup.json at its start).');
  if (manifest.format !== BACKUP_FORMAT) throw new BackupError(`this backup has format ${manifest.format}; this Podium reads format ${BACKUP_FORMAT}. Restore it with the Podium version that made it.`);
  const known = knownMigrations();
  if ((manifest.migrations ?? 0) > known) {
    throw new BackupError(`this backup was made by a newer Podium (${manifest.migrations} migrations; this one knows ${known}). Upgrade Podium first, then restore.`);
  }
  return manifest as BackupManifest;
}

/** Removes a partly written backup file (used when writing fails). */
export function removePartial(file: string): void {
  rmSync(file, { force: true });
}
