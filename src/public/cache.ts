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
