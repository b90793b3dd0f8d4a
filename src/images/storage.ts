import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import { s3Storage } from '../storage/s3.ts';

/**
 * Where uploaded files live, addressed by a relative key such as `images/<id>/share.jpg`.
 * Local disk (the data directory) or an S3-compatible bucket (src/storage/s3.ts), chosen by
 * `storageFor` from `config.storage`.
 */
export interface FileStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The stored bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
}

/** Keys are made by Podium, never by a client; this still refuses anything that could leave the root. */
export function assertSafeKey(key: string): void {
  if (!/^[a-z0-9][a-z0-9._/-]*$/i.test(key) || key.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new Error(`unsafe storage key: ${key}`);
  }
}

/** Storage in a folder on local disk (by default `<dataDir>/uploads`). */
export function localDiskStorage(root: string): FileStorage {
  const fileOf = (key: string) => {
    assertSafeKey(key);
    return path.join(root, ...key.split('/'));
  };
  return {
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Write beside and rename, so a reader never sees half a file.
      const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, file);
    },
    async get(key) {
      try {
        return await readFile(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async exists(key) {
      try {
        return (await stat(fileOf(key))).isFile();
      } catch {
        return false;
      }
    },
  };
}

const storages = new Map<string, FileStorage>();

/**
 * The one place that chooses where files live: the bucket of `PODIUM_STORAGE=s3`, or
 * `<dataDir>/uploads` (one instance per directory or bucket).
 */
export function storageFor(config: Pick<Config, 'dataDir' | 'storage'>): FileStorage {
  const storageConfig = config.storage;
  const id = storageConfig.kind === 's3' ? `s3:${storageConfig.endpoint ?? storageConfig.region}/${storageConfig.bucket}/${storageConfig.prefix}:${storageConfig.accessKeyId}` : `local:${config.dataDir}`;
  let storage = storages.get(id);
  if (!storage) {
    storage = storageConfig.kind === 's3' ? s3Storage(storageConfig) : localDiskStorage(path.join(config.dataDir, 'uploads'));
    storages.set(id, storage);
  }
  return storage;
}
