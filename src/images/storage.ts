import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded files live, addressed by a relative key such as `images/<id>/share.jpg`.
 * Local disk now; an S3 implementation comes later behind the same three calls.
 */
export interface FileStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The stored bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
}

/** Keys are made by Podium, never by a client; this still refuses anything that could leave the root. */
function assertSafeKey(key: string): void {
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

/** The storage of a data directory (one instance per directory). */
export function storageFor(dataDir: string): FileStorage {
  let storage = storages.get(dataDir);
  if (!storage) {
    storage = localDiskStorage(path.join(dataDir, 'uploads'));
    storages.set(dataDir, storage);
  }
  return storage;
}
