// Load generation for the benchmarks: autocannon in a worker thread, so the client does not share
// the server's event loop (on two cores the server gets one, the client the other).
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  paths: string[];
  headers?: Record<string, string>;
  /** Session cookies to spread over the requests (a random one each), as many people at once. */
  cookies?: string[];
  /** Send each cookie once, in order, and stop after the last (each request a different person), rather than for `seconds`. */
  eachCookieOnce?: boolean;
  connections: number;
  seconds: number;
}

export interface Figures {
  requests: number;
  errors: number;
  non2xx: number;
  reqPerSec: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number) => Math.round(n * 100) / 100;

async function run(options: LoadOptions): Promise<Figures> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const once = options.eachCookieOnce ? (options.cookies ?? []) : null;
  let sent = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...(once ? { amount: once.length } : { duration: options.seconds }),
        headers: options.headers,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => {
              const path = options.paths[Math.floor(Math.random() * options.paths.length)];
              const cookies = options.cookies;
              if (once) return { ...request, path, headers: { ...request.headers, cookie: once[sent++ % once.length] } };
              if (!cookies?.length) return { ...request, path };
              return { ...request, path, headers: { ...request.headers, cookie: cookies[Math.floor(Math.random() * cookies.length)] } };
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
  latencies.sort((a, b) => a - b);
  // In a worker thread autocannon skips its aggregate figures, so throughput is counted here.
  return {
    requests: latencies.length,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    reqPerSec: round(latencies.length / (once ? (performance.now() - started) / 1000 : options.seconds)),
    medianMs: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    statuses,
  };
}

/** Runs one load in a worker thread and returns its figures (latency per response, loopback only). */
export function load(options: LoadOptions): Promise<Figures> {
  if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(options.url)) throw new Error('benchmarks only target loopback');
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: options });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

if (!isMainThread) parentPort?.postMessage(await run(workerData as LoadOptions));
