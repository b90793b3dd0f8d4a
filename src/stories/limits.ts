import type { Network } from '../db/schema/stories.ts';

/** How long a post may be per network; X counts every link as 23 characters (t.co). */
export const networkLimits: Record<Network, number | null> = {
  linkedin: 3000,
  x: 280,
  facebook: 63_206,
  whatsapp: 65_536,
  email: 10_000,
  link: null,
};

/** The length X gives a link, whatever its real length. */
export const X_LINK_LENGTH = 23;

/** Characters as people count them (an emoji or accented letter is one). */
export const visibleLength = (text: string): number => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;

/**
 * The length a suggested text will have once shared. The link is appended at share time (a space
 * and the short link), so on X it adds 1 + 23 characters; other networks count the text alone.
 */
export function sharedLength(network: Network, text: string): number {
  return visibleLength(text) + (network === 'x' ? 1 + X_LINK_LENGTH : 0);
}

/** The first suggestion over its network's limit, or null when all fit. */
export function firstOverLimit(suggestions: readonly { network: Network; text: string }[]): { network: Network; limit: number; length: number; index: number } | null {
  for (const [index, s] of suggestions.entries()) {
    const limit = networkLimits[s.network];
    const length = sharedLength(s.network, s.text);
    if (limit !== null && length > limit) return { network: s.network, limit, length, index };
  }
  return null;
}
