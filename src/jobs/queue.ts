import { PgBoss } from 'pg-boss';
import { fromPglite } from 'pg-boss';
import type { Database } from '../db/client.ts';

/** A background job handler; it receives the job's data and may throw to have pg-boss retry it. */
export type JobHandler<T> = (data: T) => Promise<void>;

/** Podium's view of the job queue: durable jobs with retries, run once across all nodes. */
export interface JobQueue {
  send<T extends object>(name: string, data: T, options?: { singletonKey?: string; startAfter?: Date }): Promise<void>;
  sendMany<T extends object>(name: string, items: T[]): Promise<void>;
  work<T extends object>(name: string, handler: JobHandler<T>, options?: { batchSize?: number }): Promise<void>;
  schedule(name: string, cron: string): Promise<void>;
  stop(): Promise<void>;
}

/** Every queue Podium uses, created at start so that sends never fail on a missing queue. */
export const queues = [
  'mail.send',
  'people.invite',
  'privacy.retention',
  'newsroom.sync',
  'vacancies.sync',
  'personas.classify',
  'nudges.plan',
  'nudges.deliver',
  'digests.prepare',
  'digests.send',
  'integrations.announce',
  'integrations.campaign-starts',
  'analytics.reports',
  'analytics.gap-snapshot',
  'linkedin.post',
  'linkedin.due',
  'linkedin.reconnect',
  'webhooks.deliver',
  'webhooks.sweep',
  'webhooks.clicks',
  'webhooks.story-live',
] as const;

/** Starts pg-boss on the given database: PostgreSQL through its own small pool, PGlite through its adapter. */
export async function startJobQueue(database: Database, options: { databaseUrl: string | null; workers: boolean }): Promise<JobQueue> {
  const boss =
    database.engine === 'pglite' && database.pglite
      ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', supervise: options.workers, schedule: options.workers })
      : new PgBoss({ connectionString: options.databaseUrl ?? '', max: 4, supervise: options.workers, schedule: options.workers });
  boss.on('error', () => {});
  await boss.start();
  for (const name of queues) {
    await boss.createQueue(name, { retryLimit: 5, retryDelay: 10, retryBackoff: true });
  }
  return {
    async send(name, data, opts) {
      await boss.send(name, data, { singletonKey: opts?.singletonKey, startAfter: opts?.startAfter });
    },
    async sendMany(name, items) {
      for (let i = 0; i < items.length; i += 500) {
        await boss.insert(name, items.slice(i, i + 500).map((data) => ({ data })));
      }
    },
    async work(name, handler, opts) {
      if (!options.workers) return;
      await boss.work(name, { batchSize: opts?.batchSize ?? 1, pollingIntervalSeconds: 0.5 }, async (jobs) => {
        for (const job of jobs) await handler(job.data as never);
      });
    },
    async schedule(name, cron) {
      if (!options.workers) return;
      await boss.schedule(name, cron);
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 20_000 });
    },
  };
}
