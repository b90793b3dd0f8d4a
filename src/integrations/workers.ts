import type { AppContext } from '../context.ts';
import { type AnnouncementJob, announceCampaignsStartingToday, runAnnouncementJob } from './announcements.ts';

/** Team announcements: one job per campaign event and webhook (retried), and the daily "starts today" check. */
export async function startIntegrationWorkers(ctx: AppContext): Promise<void> {
  await ctx.jobs.work<AnnouncementJob>('integrations.announce', async (job) => runAnnouncementJob(ctx, job));
  await ctx.jobs.work('integrations.campaign-starts', async () => {
    const queued = await announceCampaignsStartingToday(ctx);
    ctx.log.info({ queued }, 'campaigns starting today announced');
  });
  // Every morning at 07:05 UTC, before most working days start in Europe.
  await ctx.jobs.schedule('integrations.campaign-starts', '5 7 * * *');
}
