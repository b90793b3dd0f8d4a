import type { AppContext } from '../context.ts';
import { prepareDigests } from './prepare.ts';
import { type DigestSendJob, sendDigests } from './send.ts';

/**
 * The weekly digest's jobs: prepared for everyone early on Monday (04:10 UTC, before 08:00 in
 * European time zones, off the hour), each chunk sent at 08:00 on a weekday in its people's time zone.
 */
export async function startDigestWorkers(ctx: AppContext): Promise<void> {
  await ctx.jobs.work('digests.prepare', async () => {
    const report = await prepareDigests(ctx);
    ctx.log.info({ digests: report }, 'weekly digests prepared');
  });
  await ctx.jobs.schedule('digests.prepare', '10 4 * * 1');
  await ctx.jobs.work<DigestSendJob>('digests.send', async (job) => {
    const report = await sendDigests(ctx, job);
    ctx.log.info({ digests: { week: job.week, ...report } }, 'weekly digests sent');
  });
}
