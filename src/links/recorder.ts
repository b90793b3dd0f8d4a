import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client.ts';
import { type ClickInput, storeClickBatch } from './store.ts';

export interface RecorderOptions {
  /** A batch is written at most this long after its first click arrived. */
  flushMs: number;
  /** ... or as soon as it holds this many clicks. */
  maxBatch: number;
  /** A database write that takes longer is given up on; the batch goes to the spool instead. */
  writeTimeoutMs: number;
  /** How often the spool is replayed while the database is away. */
  retryMs: number;
  /** Where the spool files live (created on first use). */
  spoolDir: string;
  /**
   * Batches written at the same time, each by a lane of its own. A link's clicks always go through
   * the same lane (by its code), so two batches in flight never hold clicks of one link: a visitor's
   * repeat is judged against the earlier click, and concurrent batches never wait on each other's
   * rollup rows. More than one only pays where the database can commit concurrently (PostgreSQL).
   */
  lanes?: number;
  /** Told of every batch committed to the database: its size and how long the write took (metrics). */
  onCommit?: (clicks: number, seconds: number) => void;
}

/**
 * The flush delay only matters while no batch is being written (a write in flight gathers the next
 * batch by itself): it is kept short, because under load every connection's next request waits for
 * it — 4 ms cost PGlite a fifth of its throughput in bench:links.
 */
export const defaultRecorderOptions = { flushMs: 1, maxBatch: 400, writeTimeoutMs: 2_000, retryMs: 1_000 };

interface Pending {
  click: ClickInput;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** One group-commit pipeline: the clicks gathering, the timer that flushes them, the write in flight. */
interface Lane {
  pending: Pending[];
  timer: NodeJS.Timeout | null;
  writing: Promise<void> | null;
}

/** The lane of a link: a cheap, stable hash of its code. */
export function laneOf(code: string, lanes: number): number {
  if (lanes === 1) return 0;
  let hash = 0;
  for (let i = 0; i < code.length; i++) hash = (hash * 31 + code.charCodeAt(i)) | 0;
  return Math.abs(hash) % lanes;
}

/** Stored clicks are spooled as JSON lines; dates go as ISO strings. */
type SpooledClick = Omit<ClickInput, 'occurredAt'> & { occurredAt: string };

const SPOOL_PREFIX = 'clicks-';

/**
 * Group commit for clicks: a redirect waits for its click to be durable, and the clicks of
 * concurrent redirects are written together — one transaction per batch, flushed every few
 * milliseconds or every few hundred clicks, whichever comes first; in each lane one batch is
 * written at a time while the next one gathers, and the lanes (links split among them) write side by
 * side, so a redirect seldom waits for someone else's commit before its own starts. When the database cannot take a batch (down, or slower than
 * `writeTimeoutMs`), the batch is appended to a local spool file and fsync'd before anyone is
 * answered; the spool is replayed into the database when it is back and at the next start.
 * Writing is idempotent (click ids), so a batch that reached both places counts once.
 */
export class ClickRecorder {
  readonly #database: Database;
  readonly #log: FastifyBaseLogger;
  readonly #options: RecorderOptions;
  readonly #lanes: Lane[];
  /** False from a failed write until a replay succeeds: meanwhile batches go straight to the spool. */
  #healthy = true;
  #spoolFile: string | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  #replaying: Promise<number> | null = null;
  #closed = false;
  /** Batches committed to the database so far (group commit shows as far fewer batches than clicks). */
  batchesWritten = 0;

  constructor(database: Database, log: FastifyBaseLogger, options: RecorderOptions) {
    this.#database = database;
    this.#log = log;
    this.#options = options;
    this.#lanes = Array.from({ length: Math.max(1, options.lanes ?? 1) }, () => ({ pending: [], timer: null, writing: null }));
  }

  /** Whether batches currently go to the database (false while it is away and clicks are spooled). */
  get healthy(): boolean {
    return this.#healthy;
  }

  /** Resolves once the click is committed to the database or fsync'd to the spool. */
  record(click: ClickInput): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('click recorder is closed'));
    return new Promise((resolve, reject) => {
      const lane = this.#lanes[laneOf(click.linkCode, this.#lanes.length)] as Lane;
      lane.pending.push({ click, resolve, reject });
      if (lane.pending.length >= this.#options.maxBatch) this.#kick(lane);
      else lane.timer ??= setTimeout(() => this.#kick(lane), this.#options.flushMs);
    });
  }

  /** Starts writing a lane's gathered batch unless its write is under way (that picks the batch up when done). */
  #kick(lane: Lane): void {
    if (lane.timer) {
      clearTimeout(lane.timer);
      lane.timer = null;
    }
    if (lane.writing || lane.pending.length === 0) return;
    lane.writing = this.#drain(lane).finally(() => {
      lane.writing = null;
      if (lane.pending.length > 0) this.#kick(lane);
    });
  }

  /** One batch at a time per lane: while it is written the next one gathers, so a busy link host writes big batches. */
  async #drain(lane: Lane): Promise<void> {
    while (lane.pending.length > 0) {
      const batch = lane.pending.splice(0, this.#options.maxBatch);
      try {
        await this.#write(batch.map((entry) => entry.click));
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
  }

  /** Database first while it is healthy; the spool when it fails, is too slow, or is known to be away. */
  async #write(batch: ClickInput[]): Promise<void> {
    if (this.#healthy) {
      try {
        // One statement, atomic by itself: no transaction round trips around it.
        const started = performance.now();
        await withTimeout(storeClickBatch(this.#database, batch), this.#options.writeTimeoutMs);
        this.batchesWritten++;
        this.#options.onCommit?.(batch.length, (performance.now() - started) / 1000);
        return;
      } catch (error) {
        this.#healthy = false;
        this.#log.warn({ err: error, clicks: batch.length }, 'database did not take the clicks; spooling them until it is back');
        this.#scheduleReplay();
      }
    }
    await this.#spool(batch);
  }

  /** Appends a batch to the current spool file and fsyncs it; serialised with rotation, so a replay never reads a file still being written. */
  #spool(batch: ClickInput[]): Promise<void> {
    return this.#underSpoolLock(async () => {
      mkdirSync(this.#options.spoolDir, { recursive: true });
      this.#spoolFile ??= path.join(this.#options.spoolDir, `${SPOOL_PREFIX}${Date.now()}-${process.pid}-${randomBytes(4).toString('hex')}.jsonl`);
      const handle = await open(this.#spoolFile, 'a');
      try {
        await handle.appendFile(batch.map((click) => `${JSON.stringify(click)}\n`).join(''));
        await handle.datasync();
      } finally {
        await handle.close();
      }
    });
  }

  #spoolLock: Promise<unknown> = Promise.resolve();

  #underSpoolLock<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#spoolLock.then(work);
    this.#spoolLock = result.catch(() => {});
    return result;
  }

  /** Closes the current spool file (later batches start a new one) and lists the complete files, oldest first. */
  #rotate(): Promise<string[]> {
    return this.#underSpoolLock(async () => {
      this.#spoolFile = null;
      try {
        return readdirSync(this.#options.spoolDir)
          .filter((name) => name.startsWith(SPOOL_PREFIX) && name.endsWith('.jsonl'))
          .sort()
          .map((name) => path.join(this.#options.spoolDir, name));
      } catch {
        return [];
      }
    });
  }

  #scheduleReplay(): void {
    if (this.#retryTimer || this.#closed) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.replay().then(
        () => {},
        () => {},
      );
    }, this.#options.retryMs);
  }

  /**
   * Writes every spool file into the database (oldest first) and deletes each once committed.
   * Called at start, and every `retryMs` while the database is away. Answers how many clicks were new.
   */
  replay(): Promise<number> {
    this.#replaying ??= this.#replayFiles().finally(() => {
      this.#replaying = null;
    });
    return this.#replaying;
  }

  async #replayFiles(): Promise<number> {
    let stored = 0;
    try {
      // Files spooled while a replay runs are picked up by the next round.
      for (let files = await this.#rotate(); files.length > 0; files = await this.#rotate()) {
        for (const file of files) {
          const clicks = parseSpool(await readFile(file, 'utf8'));
          for (let i = 0; i < clicks.length; i += this.#options.maxBatch) {
            const part = clicks.slice(i, i + this.#options.maxBatch);
            const written = await withTimeout(storeClickBatch(this.#database, part), this.#options.writeTimeoutMs * 5);
            stored += written.length;
          }
          await rm(file);
          if (!this.#healthy) {
            this.#healthy = true;
            this.#log.info('database is back; replaying spooled clicks');
          }
        }
      }
      this.#healthy = true;
      return stored;
    } catch (error) {
      this.#healthy = false;
      this.#scheduleReplay();
      throw error;
    }
  }

  /** How many spool files wait to be replayed (for the health check). */
  spooledFiles(): number {
    try {
      return readdirSync(this.#options.spoolDir).filter((name) => name.startsWith(SPOOL_PREFIX)).length;
    } catch {
      return 0;
    }
  }

  /** The spool files waiting to be replayed and their size in bytes (for metrics). */
  spoolSize(): { files: number; bytes: number } {
    let files = 0;
    let bytes = 0;
    try {
      for (const name of readdirSync(this.#options.spoolDir)) {
        if (!name.startsWith(SPOOL_PREFIX)) continue;
        files++;
        try {
          bytes += statSync(path.join(this.#options.spoolDir, name)).size;
        } catch {
          // Replayed and removed meanwhile.
        }
      }
    } catch {
      // No spool directory yet.
    }
    return { files, bytes };
  }

  /** Writes every pending click (to the database or the spool) and stops retrying. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const lane of this.#lanes) this.#kick(lane);
    for (const lane of this.#lanes) while (lane.writing) await lane.writing;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    await this.#replaying?.catch(() => {});
  }
}

/** Reads a spool file; a last line cut short by a crash (never fsync'd, so never answered) is skipped. */
export function parseSpool(text: string): ClickInput[] {
  const clicks: ClickInput[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let spooled: SpooledClick;
    try {
      spooled = JSON.parse(line) as SpooledClick;
    } catch {
      continue;
    }
    clicks.push({ ...spooled, occurredAt: new Date(spooled.occurredAt) });
  }
  return clicks;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database write took longer than ${ms} ms`)), ms);
  });
  // A write given up on may still finish later; storeClicks is idempotent, so its clicks count once.
  work.catch(() => {});
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
