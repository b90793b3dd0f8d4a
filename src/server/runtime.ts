import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import type { App, AppContext } from '../context.ts';
import { openDatabase } from '../db/client.ts';
import { startClusterListener } from '../cluster/listener.ts';
import { startJobQueue } from '../jobs/queue.ts';
import { runningImports } from '../people/import-service.ts';
import { acquireDataDirLock } from './lock.ts';

export interface Runtime {
  app: App;
  ctx: AppContext;
  /** Finishes in-flight work and closes everything, in order. */
  close(): Promise<void>;
}

/**
 * Opens Podium on its database: takes the embedded engine's single-writer lock, migrates
 * (unless PODIUM_SKIP_MIGRATIONS), starts the job queue and builds the app.
 */
export async function openRuntime(config: Config, options: { workers: boolean; logger?: boolean | object }): Promise<Runtime> {
  const release = config.engine === 'pglite' ? acquireDataDirLock(config.dataDir) : () => {};
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    if (!config.skipMigrations) await database.migrate();
    const jobs = await startJobQueue(database, { databaseUrl: config.databaseUrl, workers: options.workers });
    const { app, ctx } = await buildApp({ config, database, jobs, logger: options.logger });
    const listener = await startClusterListener(ctx);
    let closing: Promise<void> | null = null;
    const close = () => {
      closing ??= (async () => {
        await app.close();
        await listener.stop();
        await Promise.allSettled([...runningImports]);
        await jobs.stop();
        ctx.mailer.close();
        await database.close();
        release();
      })();
      return closing;
    };
    return { app, ctx, close };
  } catch (error) {
    release();
    throw error;
  }
}

/** The logger a runtime's app writes to, for CLI messages. */
export type Log = FastifyBaseLogger;
