/**
 * A small deterministic generator (mulberry32), so every demo organisation looks the same.
 * @example const rand = seededRandom(2026); rand() // 0 ≤ x < 1, the same sequence every time
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
