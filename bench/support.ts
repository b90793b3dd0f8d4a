// What the benchmarks share: a fresh database per engine, Podium listening on loopback, the bare
// node:http ceiling, optional CPU profiles and the results file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Table } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import type { App, AppContext, Clock } from '../src/context.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import type { JobQueue } from '../src/jobs/queue.ts';
import { type Figures, load, type LoadOptions } from './load.ts';

export type Engine = 'postgres' | 'pglite';

export const SECONDS = Number(process.env.PODIUM_BENCH_SECONDS ?? 10);
/** Which engines to run (`postgres,pglite` by default). */
export const engines = (process.env.PODIUM_BENCH_ENGINES ?? 'postgres,pglite').split(',') as Engine[];
const adminUrl = process.env.PODIUM_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BATCH = 1_000;

/** The benchmarks run no background jobs unless they bring their own queue. */
export const noJobs: JobQueue = { send: async () => {}, sendMany: async () => {}, work: async () => {}, schedule: async () => {}, stop: async () => {} };

export async function insertInBatches(database: Database, table: Table, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await database.db.insert(table).values(rows.slice(i, i + BATCH) as never);
}

export interface Running {
  database: Database;
  config: Config;
  app: App;
  ctx: AppContext;
  base: string;
  dataDir: string;
}

/**
 * Runs `work` against Podium on a new, migrated database of one engine (a PostgreSQL database of
 * its own, or PGlite in a temporary data directory), listening on loopback; everything is removed after.
 */
export async function withPodium<T>(
  engine: Engine,
  seed: (database: Database) => Promise<void>,
  work: (running: Running) => Promise<T>,
  options: { jobs?: (database: Database) => Promise<JobQueue>; env?: Record<string, string>; clock?: Clock } = {},
): Promise<T> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `podium-bench-${engine}-`));
  // PODIUM_BENCH_REUSE names a PostgreSQL database an earlier run kept (PODIUM_BENCH_KEEP=1): it is
  // migrated to the current schema and used as it is, without seeding, and kept again.
  const reuse = engine === 'postgres' ? (process.env.PODIUM_BENCH_REUSE ?? null) : null;
  const keep = reuse !== null || (engine === 'postgres' && process.env.PODIUM_BENCH_KEEP === '1');
  const dbName = reuse ?? `podium_bench_${process.pid}_${Date.now()}`;
  let databaseUrl: string | null = null;
  if (engine === 'postgres') {
    if (!reuse) await adminQuery(`create database ${dbName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const database = await openDatabase({ databaseUrl, dataDir, poolSize: 20 });
  let app: App | null = null;
  try {
    await database.migrate();
    if (!reuse) await seed(database);
    await database.query('analyze');
    const config = loadConfig({ PODIUM_BASE_URL: 'http://127.0.0.1', PODIUM_DATA_DIR: dataDir, PODIUM_LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...options.env }, { secretKey: 'bench-secret-key-that-is-long-enough-0123456789' });
    const jobs = options.jobs ? await options.jobs(database) : noJobs;
    const built = await buildApp({ config, database, jobs, logger: false, ...(options.clock ? { clock: options.clock } : {}) });
    app = built.app;
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return await work({ database, config, app, ctx: built.ctx, base, dataDir });
  } finally {
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    if (keep) console.log(`kept the ${engine} database ${dbName} (PODIUM_BENCH_REUSE=${dbName} runs on it again)`);
    else if (engine === 'postgres') await adminQuery(`drop database if exists ${dbName} with (force)`);
  }
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** The ceiling on this machine: a bare node:http server with a fixed answer, under the same load. */
export async function bareBaseline(listener: RequestListener, options: Omit<LoadOptions, 'url'>): Promise<Figures> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    await load({ ...options, url, seconds: 2 });
    return await load({ ...options, url });
  } finally {
    server.close();
  }
}

/** With PODIUM_BENCH_PROFILE set, writes a CPU profile of the server's thread during the run to bench/results/. */
export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!process.env.PODIUM_BENCH_PROFILE) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeResult(`${name}.cpuprofile`, profile);
    session.disconnect();
  }
}

export function writeResult(name: string, value: unknown): void {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/${name}`, import.meta.url), typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`);
}
