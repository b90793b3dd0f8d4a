import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, fromPglite, openDatabase } from '../../src/db/client.ts';

/** Which engine this test run uses: PODIUM_TEST_ENGINE=pglite (default) or postgres. */
export const testEngine = (process.env.PODIUM_TEST_ENGINE ?? 'pglite') as 'pglite' | 'postgres';

export interface TestDatabase {
  database: Database;
  /** Connection string of the PostgreSQL copy (postgres engine only). */
  url: string | null;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.PODIUM_TEST_DATABASE_URL;
  if (!url) throw new Error('PODIUM_TEST_ENGINE=postgres needs PODIUM_TEST_DATABASE_URL');
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A migrated database of its own for one test file: an in-memory copy of the migrated PGlite
 * template, or a PostgreSQL database created from the migrated template database.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine === 'postgres') {
    const template = process.env.PODIUM_TEST_PG_TEMPLATE;
    const name = `podium_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
    } finally {
      await admin.end();
    }
    const url = withDatabase(adminUrl(), name);
    const database = await openDatabase({ databaseUrl: url, dataDir: '' });
    if (!template) await database.migrate();
    return {
      database,
      url,
      async drop() {
        await database.close().catch(() => {});
        const c = new pg.Client({ connectionString: adminUrl() });
        await c.connect();
        try {
          await c.query(`drop database if exists ${name} with (force)`);
        } finally {
          await c.end();
        }
      },
    };
  }
  const dump = process.env.PODIUM_TEST_PGLITE_DUMP;
  const pglite =
    dump && existsSync(dump) ? await PGlite.create({ loadDataDir: new Blob([readFileSync(dump)]) }) : await PGlite.create();
  const database = fromPglite(pglite);
  if (!(dump && existsSync(dump))) await database.migrate();
  return { database, url: null, drop: () => database.close() };
}
