import type { AppContext } from '../context.ts';
import { runReconnectNudges } from './connections.ts';
import { POST_QUEUE, sendPost, sweepDuePosts } from './posts.ts';

/** Sending posts (one job per post and moment), the due-posts sweep and the daily reconnect reminder. */
export async function startLinkedinWorkers(ctx: AppContext): Promise<void> {
  await ctx.jobs.work<{ postId: string }>(POST_QUEUE, async ({ postId }) => {
    const outcome = await sendPost(ctx, postId);
    ctx.log.info({ postId, outcome }, 'linkedin post');
  });
  await ctx.jobs.work('linkedin.due', async () => {
    const swept = await sweepDuePosts(ctx);
    if (swept.queued || swept.interrupted) ctx.log.info(swept, 'linkedin posts swept');
  });
  // Every 5 minutes: posts whose job went missing are queued again.
  await ctx.jobs.schedule('linkedin.due', '*/5 * * * *');
  await ctx.jobs.work('linkedin.reconnect', async () => {
    const result = await runReconnectNudges(ctx);
    ctx.log.info(result, 'linkedin reconnect reminders');
  });
  // Daily at 08:41 (UTC): a reminder a week before a token expires, expired connections marked.
  await ctx.jobs.schedule('linkedin.reconnect', '41 8 * * *');
}
