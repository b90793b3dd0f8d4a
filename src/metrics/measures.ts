import { perContext } from '../context.ts';
import { PlainHistogram, RequestHistogram } from './histogram.ts';

/** Seconds: from a fast redirect (sub-millisecond) to a slow report. */
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Clicks per group commit: one under light load, up to the recorder's maximum (400) under heavy load. */
const batchBuckets = [1, 2, 5, 10, 25, 50, 100, 200, 400];
const commitBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2];

/**
 * The measurements of one running app that are taken on every request or click batch. They are
 * plain counters (see histogram.ts), always on; the Prometheus registry that reads them is made
 * only when /metrics is enabled.
 */
export const metricsOf = perContext(() => ({
  http: new RequestHistogram('podium_http_request_duration_seconds', 'HTTP requests by method, route pattern and status class, with their duration (the _count is the request rate)', latencyBuckets),
  clickBatchSize: new PlainHistogram('podium_click_batch_size', 'Clicks written to the database per group commit', batchBuckets),
  clickCommitSeconds: new PlainHistogram('podium_click_commit_seconds', 'How long a group commit of clicks took', commitBuckets),
}));
