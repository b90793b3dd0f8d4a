import path from 'node:path';
import { perContext } from '../context.ts';
import { metricsOf } from '../metrics/measures.ts';
import { ClickRecorder, defaultRecorderOptions } from './recorder.ts';
import { VisitorSalts } from './salts.ts';

/**
 * Click batches PostgreSQL commits side by side (see RecorderOptions.lanes): a commit waits for its
 * WAL flush, so with one batch at a time a redirect would wait for the batch before its own as well.
 * PGlite writes one statement at a time, so it gets one lane.
 */
export const POSTGRES_CLICK_LANES = 4;

/** The click writer and the day's salt of one running app (the links routes start and close them). */
export const trackingOf = perContext((ctx) => {
  const { clickBatchSize, clickCommitSeconds } = metricsOf(ctx);
  const onCommit = (clicks: number, seconds: number) => {
    clickBatchSize.observe(clicks);
    clickCommitSeconds.observe(seconds);
  };
  return {
    recorder: new ClickRecorder(ctx.database, ctx.log, {
      ...defaultRecorderOptions,
      lanes: ctx.database.engine === 'postgres' ? POSTGRES_CLICK_LANES : 1,
      spoolDir: path.join(ctx.config.dataDir, 'spool'),
      onCommit,
    }),
    salts: new VisitorSalts(ctx.database),
  };
});
