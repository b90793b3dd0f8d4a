/**
 * Counts sign-in attempts per key (a hash of the account's e-mail address) in a fixed window.
 * Kept in memory: it is a brake on guessing, and the per-address limit sits in front of it.
 */
export class AttemptCounter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #hits = new Map<string, { count: number; resetAt: number }>();

  constructor(max: number, windowMs: number) {
    this.#max = max;
    this.#windowMs = windowMs;
  }

  /** Counts one attempt; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now: number): number {
    const entry = this.#hits.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.#hits.size > 100_000) this.#sweep(now);
      this.#hits.set(key, { count: 1, resetAt: now + this.#windowMs });
      return 0;
    }
    entry.count += 1;
    return entry.count > this.#max ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#hits) if (entry.resetAt <= now) this.#hits.delete(key);
  }
}
