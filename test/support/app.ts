import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { App, AppContext, Clock } from '../../src/context.ts';
import type { JobHandler, JobQueue } from '../../src/jobs/queue.ts';
import { startWorkers } from '../../src/jobs/workers.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

/** A clock tests can move. */
export class TestClock implements Clock {
  #now: number;
  constructor(start = Date.parse('2026-11-27T09:00:00Z')) {
    this.#now = start;
  }
  now(): Date {
    return new Date(this.#now);
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}

/**
 * A job queue that records what is sent and runs it when the test says so. The real pg-boss
 * queue is tested on both engines in src/jobs/queue.db.test.ts; here tests decide when jobs run.
 */
export class RecordingJobQueue implements JobQueue {
  readonly sent: { name: string; data: object }[] = [];
  readonly #handlers = new Map<string, JobHandler<object>>();
  async send(name: string, data: object) {
    this.sent.push({ name, data });
  }
  async sendMany(name: string, items: object[]) {
    for (const data of items) this.sent.push({ name, data });
  }
  async work<T extends object>(name: string, handler: JobHandler<T>) {
    this.#handlers.set(name, handler as JobHandler<object>);
  }
  async schedule() {}
  async stop() {}
  /** Runs every job sent so far (and those they send) with the registered handlers. */
  async drain(): Promise<number> {
    let ran = 0;
    while (this.sent.length > 0) {
      const job = this.sent.shift();
      const handler = job && this.#handlers.get(job.name);
      if (!job || !handler) throw new Error(`no worker for job ${job?.name}`);
      await handler(job.data);
      ran++;
    }
    return ran;
  }
}

export interface TestApp {
  app: App;
  ctx: AppContext;
  clock: TestClock;
  jobs: RecordingJobQueue;
  db: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/** Builds Podium on a fresh migrated database copy, with a test clock and recorded jobs. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({ PODIUM_BASE_URL: 'http://podium.test', PODIUM_OUTBOX_ECHO: 'false', ...env }, { secretKey: 'test-secret-key-that-is-long-enough-0123456789' });
  const clock = new TestClock();
  const jobs = new RecordingJobQueue();
  const { app, ctx } = await buildApp({ config, database: db.database, jobs, clock, logger: false });
  await startWorkers(ctx);
  await app.ready();
  return {
    app,
    ctx,
    clock,
    jobs,
    db,
    config,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
