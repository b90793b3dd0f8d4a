import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SingleBar } from 'cli-progress';
import type { Config } from '../config.ts';
import { DataDirLockedError, acquireDataDirLock, lockHolder, readControlInfo } from '../server/lock.ts';
import { CliError } from './api-client.ts';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The default file name: podium-backup-2026-11-28T02-30-00-000Z.tar.gz in the current folder. */
export const defaultBackupFile = (now: Date) => `podium-backup-${now.toISOString().replace(/[:.]/g, '-')}.tar.gz`;

/**
 * `podium backup [file]`: the embedded database and its uploads in one file. Through the running
 * server when one holds the data directory (it takes a consistent snapshot while it serves),
 * otherwise by opening the database itself. Written beside the target and renamed when complete,
 * so a file under the final name is always a whole backup.
 */
export async function backup(config: Config, file: string | undefined, options: { force: boolean }): Promise<{ file: string; bytes: number }> {
  const { BackupError, backupStream, postgresBackupAdvice } = await import('../ops/backup.ts');
  if (config.engine !== 'pglite') throw new CliError(postgresBackupAdvice);
  const target = path.resolve(file ?? defaultBackupFile(new Date()));
  if (existsSync(target) && !options.force) throw new CliError(`${target} already exists: choose another file name, or add --force to overwrite it.`);
  const partial = `${target}.partial`;
  let bytes = 0;
  const bar = process.stderr.isTTY ? new SingleBar({ format: 'Backing up [{bar}] {percentage}% | {value}/{total} files | {size}', stream: process.stderr, hideCursor: true }, undefined) : null;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      bar?.update({ size: megabytes(bytes) });
      callback(null, chunk);
    },
  });
  try {
    const control = readControlInfo(config.dataDir);
    if (control) {
      const response = await fetch(new URL('/api/v1/backup', control.url), { headers: { authorization: `Bearer ${control.token}` } });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new CliError(body?.error?.message ?? `the running server answered ${response.status}`);
      }
      bar?.start(1, 0, { size: megabytes(0) });
      await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>), counter, createWriteStream(partial, { mode: 0o600 }));
      bar?.update(1);
    } else {
      let release: () => void;
      try {
        release = acquireDataDirLock(config.dataDir);
      } catch (error) {
        if (error instanceof DataDirLockedError) throw new CliError(`Podium (pid ${error.pid}) is starting on ${config.dataDir}; try again when it runs.`);
        throw error;
      }
      try {
        if (!existsSync(path.join(config.dataDir, 'pglite'))) throw new CliError(`there is no embedded database in ${config.dataDir} to back up.`);
        const { openDatabase } = await import('../db/client.ts');
        const database = await openDatabase({ databaseUrl: null, dataDir: config.dataDir });
        try {
          bar?.start(1, 0, { size: megabytes(0) });
          const stream = await backupStream(database, config, new Date(), (done, total) => {
            bar?.setTotal(total);
            bar?.update(done);
          });
          await pipeline(stream, counter, createWriteStream(partial, { mode: 0o600 }));
        } finally {
          await database.close();
        }
      } finally {
        release();
      }
    }
    renameSync(partial, target);
    return { file: target, bytes };
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  } finally {
    bar?.stop();
  }
}

/** `podium restore <file> [--force]`: into the data directory, with no Podium running on it. */
export async function restore(config: Config, file: string, options: { force: boolean }): Promise<{ uploads: number; keptAside: string | null; createdAt: string; secretKey: 'included' | 'environment' }> {
  const { BackupError, postgresBackupAdvice, restoreBackup } = await import('../ops/backup.ts');
  if (config.engine !== 'pglite') throw new CliError(postgresBackupAdvice);
  const holder = lockHolder(config.dataDir);
  if (holder !== null) throw new CliError(`Podium (pid ${holder}) is running on ${config.dataDir}. Stop it before restoring, then start it again afterwards.`);
  const release = acquireDataDirLock(config.dataDir);
  const bar = process.stderr.isTTY ? new SingleBar({ format: 'Restoring [{bar}] {percentage}% | {value}/{total} files', stream: process.stderr, hideCursor: true }, undefined) : null;
  try {
    bar?.start(1, 0);
    const result = await restoreBackup(path.resolve(file), config, {
      force: options.force,
      now: new Date(),
      progress: (done, total) => {
        bar?.setTotal(total);
        bar?.update(done);
      },
    });
    return { uploads: result.uploads, keptAside: result.keptAside, createdAt: result.manifest.createdAt, secretKey: result.manifest.secretKey };
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  } finally {
    bar?.stop();
    release();
  }
}
