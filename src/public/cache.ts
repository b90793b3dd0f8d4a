/**
 * A small least-recently-used cache bounded by the total length of its values, for rendered
 * pages: a Map keeps insertion order, so re-inserting on a hit makes the oldest entry come first.
 */
export class PageCache {
  readonly #entries = new Map<string, { version: string; value: string }>();
  readonly #maxChars: number;
  #chars = 0;

  constructor(maxChars: number) {
    this.#maxChars = maxChars;
  }

  /** The cached value when it was stored for this version, else undefined. */
  get(key: string, version: string): string | undefined {
    const entry = this.#entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, version: string, value: string): void {
    this.delete(key);
    if (value.length > this.#maxChars) return;
    this.#entries.set(key, { version, value });
    this.#chars += value.length;
    for (const [oldest, entry] of this.#entries) {
      if (this.#chars <= this.#maxChars) break;
      this.#entries.delete(oldest);
      this.#chars -= entry.value.length;
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#chars -= entry.value.length;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * Entries that are trusted for a few seconds without asking the database again: the hot path of
 * a popular page does no query at all. Bounded by count; the oldest entries go first.
 */
export class RecentCache<T> {
  readonly #entries = new Map<string, { value: T; until: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(ttlMs: number, maxEntries: number) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  get(key: string, nowMs: number): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= nowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T, nowMs: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, until: nowMs + this.#ttlMs });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }
}
