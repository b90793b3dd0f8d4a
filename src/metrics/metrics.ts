import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { type AppContext, perContext } from '../context.ts';
import { trackingOf } from '../links/tracking.ts';
import { metricsOf } from './measures.ts';

/** Job states still waiting to run or running; finished jobs are pg-boss's history, not its depth. */
const openJobStates = ['created', 'retry', 'active'] as const;

/** The Prometheus registry of one app: the measurements of measures.ts, job queue depth, the click spool and Node's process metrics. */
export const registryOf = perContext((ctx: AppContext) => {
  const registry = new Registry();
  const measured = metricsOf(ctx);
  for (const metric of [measured.http, measured.clickBatchSize, measured.clickCommitSeconds]) registry.registerMetric(metric as never);
  collectDefaultMetrics({ register: registry });

  new Gauge({
    name: 'podium_job_queue_depth',
    help: 'Background jobs waiting (created, retry) or running (active), by queue; shared by every node on the database',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      const [table] = await ctx.database.query<{ name: string | null }>(`select to_regclass('pgboss.job')::text as name`);
      if (!table?.name) return;
      const rows = await ctx.database.query<{ name: string; state: string; jobs: number }>(
        `select name, state::text as state, count(*)::int as jobs from pgboss.job where state::text = any($1) group by name, state`,
        [openJobStates],
      );
      for (const row of rows) this.set({ queue: row.name, state: row.state }, Number(row.jobs));
    },
  });

  new Gauge({
    name: 'podium_click_spool_files',
    help: 'Spool files of clicks this node could not write to the database yet (replayed by this node)',
    registers: [registry],
    collect() {
      this.set(trackingOf(ctx).recorder.spoolSize().files);
    },
  });
  new Gauge({
    name: 'podium_click_spool_bytes',
    help: 'Size of this node’s click spool in bytes',
    registers: [registry],
    collect() {
      this.set(trackingOf(ctx).recorder.spoolSize().bytes);
    },
  });
  new Gauge({
    name: 'podium_click_recorder_healthy',
    help: '1 while clicks go to the database, 0 while this node spools them',
    registers: [registry],
    collect() {
      this.set(trackingOf(ctx).recorder.healthy ? 1 : 0);
    },
  });
  return registry;
});

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether an Authorization header carries the metrics token (compared in constant time). */
export function metricsAuthorized(token: string, header: string | undefined): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1] as string), digest(token));
}
