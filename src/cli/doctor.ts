import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { migrationsFolder, openDatabase } from '../db/client.ts';
import { createMailer } from '../mail/mailer.ts';
import { acquireDataDirLock, readControlInfo } from '../server/lock.ts';

class NoDatabaseYet extends Error {}

export interface Check {
  ok: boolean;
  name: string;
  detail: string;
}

/** Where end-to-end tests look for Chromium. */
export function chromiumPath(): string | null {
  const candidates = [process.env.PODIUM_CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  return candidates.find((p) => existsSync(p)) ?? null;
}

function expectedMigrations(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/** `podium doctor`: ✓/✗ for configuration, database, migrations, mail and the e2e browser. */
export async function runDoctor(config: Config): Promise<Check[]> {
  const checks: Check[] = [{ ok: true, name: 'configuration', detail: `${config.engine} database, base URL ${config.baseUrl}` }];
  const control = config.engine === 'pglite' ? readControlInfo(config.dataDir) : null;
  if (control) {
    const health = await fetch(new URL('/healthz', control.url)).then((r) => r.status).catch(() => 0);
    checks.push({ ok: health === 200, name: 'database', detail: `embedded database held by the running server (pid ${control.pid}), health ${health}` });
    checks.push({ ok: health === 200, name: 'migrations', detail: 'applied by the running server at its start' });
  } else {
    let release = () => {};
    try {
      // The embedded database allows one process: never open it next to a server that is still starting.
      if (config.engine === 'pglite') release = acquireDataDirLock(config.dataDir);
      if (config.engine === 'pglite' && !existsSync(path.join(config.dataDir, 'pglite'))) {
        // A diagnosis changes nothing: it does not create the embedded database it was asked about.
        throw new NoDatabaseYet(`no embedded database yet in ${config.dataDir} — \`podium migrate\` or \`podium serve\` creates it`);
      }
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await database.query('select 1');
        checks.push({ ok: true, name: 'database', detail: config.engine === 'postgres' ? 'PostgreSQL reachable' : `embedded database in ${config.dataDir}` });
        const [row] = await database
          .query<{ n: number }>(`select count(*)::int as n from drizzle.__drizzle_migrations`)
          .catch(() => [{ n: 0 }]);
        const applied = row?.n ?? 0;
        const expected = expectedMigrations();
        checks.push({ ok: applied === expected, name: 'migrations', detail: `${applied} of ${expected} applied${applied < expected ? ' — run `podium migrate`' : ''}` });
      } finally {
        await database.close();
      }
    } catch (error) {
      checks.push({ ok: false, name: 'database', detail: (error as Error).message });
      const detail = error instanceof NoDatabaseYet ? `0 of ${expectedMigrations()} applied — run \`podium migrate\`` : 'not checked: the database cannot be opened';
      checks.push({ ok: false, name: 'migrations', detail });
    } finally {
      release();
    }
  }
  if (config.smtpUrl) {
    const mailer = createMailer(config, null as never, console as never, () => new Date());
    try {
      await mailer.verify();
      checks.push({ ok: true, name: 'mail', detail: 'SMTP server accepts connections' });
    } catch (error) {
      checks.push({ ok: false, name: 'mail', detail: `SMTP: ${(error as Error).message}` });
    } finally {
      mailer.close();
    }
  } else {
    checks.push({ ok: true, name: 'mail', detail: 'no SMTP_URL: mail goes to the outbox (/admin/outbox)' });
  }
  if (config.storage.kind === 's3') {
    const { checkS3Bucket } = await import('../storage/s3.ts');
    checks.push({ name: 'storage', ...(await checkS3Bucket(config.storage)) });
  } else {
    checks.push({ ok: true, name: 'storage', detail: `uploaded images in ${path.join(config.dataDir, 'uploads')}` });
  }
  const browser = chromiumPath();
  checks.push({ ok: browser !== null, name: 'browser', detail: browser ? `Chromium for end-to-end tests at ${browser}` : 'Chromium not found (end-to-end tests will be skipped): apt-get install chromium' });
  return checks;
}
