import type { AppContext } from '../context.ts';
import { emitClickBatches } from './clicks.ts';
import { type DeliveryJob, runDeliveryJob, sweepDueDeliveries } from './deliver.ts';
import { emitScheduledStoryLive } from './events.ts';

/** Outgoing webhooks: one job per delivery attempt, the sweeper of due deliveries, and the click feed (each every minute). */
export async function startWebhookWorkers(ctx: AppContext): Promise<void> {
  await ctx.jobs.work<DeliveryJob>('webhooks.deliver', async (job) => runDeliveryJob(ctx, job), { batchSize: 5 });
  await ctx.jobs.work('webhooks.sweep', async () => {
    const queued = await sweepDueDeliveries(ctx);
    if (queued > 0) ctx.log.info({ queued }, 'due webhook deliveries queued');
  });
  await ctx.jobs.schedule('webhooks.sweep', '* * * * *');
  await ctx.jobs.work('webhooks.clicks', async () => {
    const emitted = await emitClickBatches(ctx);
    if (emitted > 0) ctx.log.info({ emitted }, 'click.recorded batches emitted');
  });
  await ctx.jobs.schedule('webhooks.clicks', '* * * * *');
  await ctx.jobs.work<{ storyId: string; publishedAt: string }>('webhooks.story-live', async (job) => emitScheduledStoryLive(ctx, job));
}
