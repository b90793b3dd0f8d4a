import path from 'node:path';
import { perContext } from '../context.ts';
import { metricsOf } from '../metrics/measures.ts';
import { ClickRecorder, defaultRecorderOptions } from './recorder.ts';
import { VisitorSalts } from './salts.ts';

/** The click writer and the day's salt of one running app (the links routes start and close them). */
export const trackingOf = perContext((ctx) => {
  const { clickBatchSize, clickCommitSeconds } = metricsOf(ctx);
  const onCommit = (clicks: number, seconds: number) => {
    clickBatchSize.observe(clicks);
    clickCommitSeconds.observe(seconds);
  };
  return {
    recorder: new ClickRecorder(ctx.database, ctx.log, { ...defaultRecorderOptions, spoolDir: path.join(ctx.config.dataDir, 'spool'), onCommit }),
    salts: new VisitorSalts(ctx.database),
  };
});
