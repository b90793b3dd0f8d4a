import type { AppContext } from '../context.ts';
import { startIntegrationWorkers } from '../integrations/workers.ts';
import { startDigestWorkers } from '../digest/workers.ts';
import { syncActiveFeeds } from '../newsroom/service.ts';
import { startNudgeWorkers } from '../nudges/workers.ts';
import { sendInvitation } from '../people/service.ts';
import { runRetention } from '../privacy/service.ts';
import { syncDueSources } from '../vacancies/sync.ts';
import { startPersonaWorkers } from '../personas/jobs.ts';
import { startReportWorkers } from '../analytics/reports-send.ts';
import { snapshotContentGap } from '../analytics/gap-snapshots.ts';
import { startLinkedinWorkers } from '../linkedin/workers.ts';
import { startWebhookWorkers } from '../webhooks/workers.ts';

/** Registers every background worker and schedule; pg-boss runs each scheduled job once across nodes. */
export async function startWorkers(ctx: AppContext): Promise<void> {
  await ctx.jobs.work<{ personId: string }>('people.invite', async ({ personId }) => sendInvitation(ctx, personId), { batchSize: 20 });
  await ctx.jobs.work('privacy.retention', async () => {
    const purged = await runRetention(ctx);
    ctx.log.info({ purged }, 'retention run');
  });
  // Nightly at 03:17, off the hour so many installations do not all run at once.
  await ctx.jobs.schedule('privacy.retention', '17 3 * * *');
  await ctx.jobs.work('newsroom.sync', async () => {
    const results = await syncActiveFeeds(ctx);
    ctx.log.info({ results }, 'newsroom sync');
  });
  // Every hour: new newsroom items arrive as draft stories for an editor to tailor.
  await ctx.jobs.schedule('newsroom.sync', '0 * * * *');
  await ctx.jobs.work('vacancies.sync', async () => {
    const reports = await syncDueSources(ctx);
    ctx.log.info({ reports }, 'vacancy sync');
  });
  // Every 5 minutes, each source whose own interval has passed is synced.
  await ctx.jobs.schedule('vacancies.sync', '*/5 * * * *');
  // Weekly digest.
  await startDigestWorkers(ctx);
  // Team announcements to Slack/Teams channel webhooks.
  await startIntegrationWorkers(ctx);
  // Nudge planner and delivery.
  await startNudgeWorkers(ctx);
  // Personas: nightly classification.
  await startPersonaWorkers(ctx);
  // Content gap over time: today's gap per theme, daily at 04:23 (a rerun the same day replaces it).
  await ctx.jobs.work('analytics.gap-snapshot', async () => {
    const snapshot = await snapshotContentGap(ctx);
    ctx.log.info(snapshot, 'content gap snapshot');
  });
  await ctx.jobs.schedule('analytics.gap-snapshot', '23 4 * * *');
  // Scheduled analytics reports: each sent once per week or month.
  await startReportWorkers(ctx);
  // LinkedIn: posts sent at their moment, the due-posts sweep, the reconnect reminder.
  await startLinkedinWorkers(ctx);
  // Outgoing webhooks: deliveries with retries, the sweeper of due deliveries, click.recorded batches.
  await startWebhookWorkers(ctx);
}
