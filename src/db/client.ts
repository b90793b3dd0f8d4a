import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The Drizzle database, the same type on both engines. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A Drizzle transaction or the database itself. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** One open database: Drizzle on top, and the raw engine for pg-boss and maintenance. */
export interface Database {
  readonly engine: 'pglite' | 'postgres';
  readonly db: Db;
  /** Runs raw SQL with $1… parameters and returns rows; the same on both engines. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * The same for a statement run very often with the same text: PostgreSQL parses it once per
   * connection under `name` (a prepared statement, planned anew for each run's parameters); PGlite
   * runs it as `query` does.
   */
  queryPrepared<T = Record<string, unknown>>(name: string, text: string, params: unknown[]): Promise<T[]>;
  readonly pglite: PGlite | null;
  readonly pool: pg.Pool | null;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

// PostgreSQL returns int8 and numeric as strings; counts in Podium fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

/** Wraps an open PGlite instance (the embedded engine, also used by tests with an in-memory copy). */
export function fromPglite(pglite: PGlite): Database {
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    engine: 'pglite',
    db,
    pglite,
    pool: null,
    async query(text, params) {
      const result = await pglite.query(text, params ?? []);
      return result.rows as never;
    },
    async queryPrepared(_name, text, params) {
      const result = await pglite.query(text, params);
      return result.rows as never;
    },
    async migrate() {
      await migratePglite(db as never, { migrationsFolder });
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Wraps a PostgreSQL pool. */
export function fromPool(pool: pg.Pool): Database {
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    engine: 'postgres',
    db,
    pglite: null,
    pool,
    async query(text, params) {
      const result = await pool.query(text, params ?? []);
      return result.rows;
    },
    async queryPrepared(name, text, params) {
      const result = await pool.query({ name, text, values: params });
      return result.rows;
    },
    async migrate() {
      await migratePg(db as never, { migrationsFolder });
    },
    async close() {
      await pool.end();
    },
  };
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite database in the data directory. */
export async function openDatabase(options: { databaseUrl: string | null; dataDir: string; poolSize?: number }): Promise<Database> {
  if (options.databaseUrl) {
    // No JIT: Podium's queries are short, and the dashboards' grouped queries cross the JIT threshold
    // only to spend longer compiling than running (bench/analytics.ts measured both).
    // Custom plans only: a prepared statement (queryPrepared) would otherwise switch to a generic
    // plan made while a table was small, and keep it as the table grows (measured: 3 ms → 500 ms).
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      options: '-c jit=off -c plan_cache_mode=force_custom_plan',
    });
    // An idle client that loses its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    return fromPool(pool);
  }
  const dir = path.join(options.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir);
  return fromPglite(pglite);
}
