import type { AppContext } from '../context.ts';
import { deliverNudge } from './deliver.ts';
import { planNudges, requeueStale } from './planner.ts';

/** The planner every 15 minutes, and one delivery job per nudge (pg-boss retries it with backoff). */
export async function startNudgeWorkers(ctx: AppContext): Promise<void> {
  await ctx.jobs.work('nudges.plan', async () => {
    const planned = await planNudges(ctx);
    const requeued = await requeueStale(ctx);
    ctx.log.info({ planned, requeued }, 'nudges planned');
  });
  await ctx.jobs.schedule('nudges.plan', '*/15 * * * *');
  await ctx.jobs.work<{ nudgeId: string }>('nudges.deliver', async ({ nudgeId }) => {
    await deliverNudge(ctx, nudgeId);
  });
}
