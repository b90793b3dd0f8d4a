/**
 * A histogram cheap enough for the redirect hot path: fixed buckets in a typed array, series found
 * through nested maps keyed by strings that already exist (route patterns, methods), so an
 * observation allocates nothing. prom-client's own Histogram builds a label object and a hash per
 * observation; this one is read by prom-client's registry at scrape time through `get()`, the
 * shape every prom-client metric has.
 */

/** Status classes as label values, indexed by the first digit of the status code. */
const statusClasses = ['0xx', '1xx', '2xx', '3xx', '4xx', '5xx'] as const;

class Series {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  constructor(buckets: number) {
    this.counts = new Float64Array(buckets);
  }
}

interface MetricValue {
  labels: Record<string, string | number>;
  value: number;
  metricName: string;
}

function observeInto(series: Series, bounds: readonly number[], value: number): void {
  let i = 0;
  while (i < bounds.length && value > (bounds[i] as number)) i++;
  if (i < bounds.length) (series.counts as Float64Array)[i] = (series.counts[i] as number) + 1;
  series.sum += value;
  series.count++;
}

function seriesValues(name: string, bounds: readonly number[], labels: Record<string, string>, series: Series, into: MetricValue[]): void {
  let cumulative = 0;
  for (let i = 0; i < bounds.length; i++) {
    cumulative += series.counts[i] as number;
    into.push({ labels: { ...labels, le: bounds[i] as number }, value: cumulative, metricName: `${name}_bucket` });
  }
  into.push({ labels: { ...labels, le: '+Inf' }, value: series.count, metricName: `${name}_bucket` });
  into.push({ labels, value: series.sum, metricName: `${name}_sum` });
  into.push({ labels, value: series.count, metricName: `${name}_count` });
}

/** A histogram without labels (click batch size, commit latency). */
export class PlainHistogram {
  readonly type = 'histogram';
  readonly name: string;
  readonly help: string;
  readonly #bounds: readonly number[];
  readonly #series: Series;

  constructor(name: string, help: string, bounds: readonly number[]) {
    this.name = name;
    this.help = help;
    this.#bounds = bounds;
    this.#series = new Series(bounds.length);
  }

  observe(value: number): void {
    observeInto(this.#series, this.#bounds, value);
  }

  get count(): number {
    return this.#series.count;
  }

  get sum(): number {
    return this.#series.sum;
  }

  async get(): Promise<{ name: string; help: string; type: string; values: MetricValue[]; aggregator: 'sum' }> {
    const values: MetricValue[] = [];
    seriesValues(this.name, this.#bounds, {}, this.#series, values);
    return { name: this.name, help: this.help, type: this.type, values, aggregator: 'sum' };
  }
}

/** Request durations by method, route pattern (never the raw URL) and status class. */
export class RequestHistogram {
  readonly type = 'histogram';
  readonly name: string;
  readonly help: string;
  readonly #bounds: readonly number[];
  /** route → method → one series per status class. */
  readonly #routes = new Map<string, Map<string, Series[]>>();

  constructor(name: string, help: string, bounds: readonly number[]) {
    this.name = name;
    this.help = help;
    this.#bounds = bounds;
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    let methods = this.#routes.get(route);
    if (methods === undefined) {
      methods = new Map();
      this.#routes.set(route, methods);
    }
    let byClass = methods.get(method);
    if (byClass === undefined) {
      byClass = statusClasses.map(() => new Series(this.#bounds.length));
      methods.set(method, byClass);
    }
    const statusClass = (status / 100) | 0;
    observeInto(byClass[statusClass >= 0 && statusClass < statusClasses.length ? statusClass : 0] as Series, this.#bounds, seconds);
  }

  /** Requests counted for a route (all methods and statuses); for tests and the health of the bench. */
  countOf(route: string): number {
    let total = 0;
    for (const byClass of this.#routes.get(route)?.values() ?? []) for (const series of byClass) total += series.count;
    return total;
  }

  async get(): Promise<{ name: string; help: string; type: string; values: MetricValue[]; aggregator: 'sum' }> {
    const values: MetricValue[] = [];
    for (const [route, methods] of this.#routes) {
      for (const [method, byClass] of methods) {
        byClass.forEach((series, statusClass) => {
          if (series.count > 0) seriesValues(this.name, this.#bounds, { method, route, status: statusClasses[statusClass] as string }, series, values);
        });
      }
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: 'sum' };
  }
}
