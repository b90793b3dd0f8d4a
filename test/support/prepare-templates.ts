import { writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { fromPglite, openDatabase } from '../../src/db/client.ts';

/**
 * Migrates once per test run: a PGlite dump that each test file loads into memory, and a
 * PostgreSQL template database that each test file copies with CREATE DATABASE … TEMPLATE.
 */
export async function preparePgliteDump(file: string): Promise<void> {
  const pglite = await PGlite.create();
  const database = fromPglite(pglite);
  await database.migrate();
  const blob = await pglite.dumpDataDir('none');
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await pglite.close();
}

export async function preparePostgresTemplate(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
  await database.migrate();
  await database.close();
}

/** Drops the template and any test databases a crashed run left behind. */
export async function dropPostgresDatabases(adminUrl: string, template: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'podium_t_%' or datname = $1`, [template]);
    for (const row of rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
  } finally {
    await admin.end();
  }
}
