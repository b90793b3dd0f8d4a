import type { AppContext } from '../context.ts';
import { classifyEveryone } from './service.ts';

/** The nightly persona run: everyone, in batches; a week's last run is that week's history row. */
export async function startPersonaWorkers(ctx: AppContext): Promise<void> {
  await ctx.jobs.work('personas.classify', async () => {
    const report = await classifyEveryone(ctx);
    ctx.log.info({ report }, 'personas classified');
  });
  // Nightly at 02:41 UTC: before the morning's nudges are planned, off the hour.
  await ctx.jobs.schedule('personas.classify', '41 2 * * *');
}
