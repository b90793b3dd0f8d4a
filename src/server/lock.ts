import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

/** What a running server leaves in its data directory so that CLI commands can go through it. */
export interface ControlInfo {
  pid: number;
  url: string;
  token: string;
}

const lockFile = (dataDir: string) => path.join(dataDir, 'podium.lock');
const controlFile = (dataDir: string) => path.join(dataDir, 'control.json');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirLockedError extends Error {
  readonly pid: number;
  constructor(dataDir: string, pid: number) {
    super(`Another Podium process (pid ${pid}) is using the data directory ${dataDir}. The embedded database allows one process at a time: stop it first, or run CLI commands while it runs — they go through it.`);
    this.pid = pid;
  }
}

/**
 * Takes the data directory's single-writer lock (PGlite is single-process). The lock file is
 * created exclusively; a lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = lockFile(dataDir);
  // A first run with PODIUM_SECRET_KEY set has no data directory yet (nothing else created it).
  mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new DataDirLockedError(dataDir, pid);
      // Stale: its process is gone. Remove it and try again (another starter may win the race).
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

/** The pid of the live process holding the data directory's lock, if any. */
export function lockHolder(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(lockFile(dataDir), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** The running server's control information, if a live server holds the data directory. */
export function readControlInfo(dataDir: string): ControlInfo | null {
  try {
    const info = JSON.parse(readFileSync(controlFile(dataDir), 'utf8')) as ControlInfo;
    return alive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

/** Writes the control file (owner-readable only: it holds an admin token). */
export function writeControlInfo(dataDir: string, info: ControlInfo): () => void {
  const file = controlFile(dataDir);
  writeFileSync(file, JSON.stringify(info), { mode: 0o600 });
  return () => rmSync(file, { force: true });
}
