import type { SuggestionNetwork } from './stories-api';

/** X counts every link as 23 characters; a space separates it from the text. */
const X_LINK_LENGTH = 23 + 1;

interface NetworkLimit {
  /** Maximum characters of the post (the same limits the server checks), or null for none. */
  limit: number | null;
  /** Characters the shared link takes up in the post. */
  linkLength: number;
}

export const NETWORK_LIMITS: Record<SuggestionNetwork, NetworkLimit> = {
  linkedin: { limit: 3000, linkLength: 0 },
  x: { limit: 280, linkLength: X_LINK_LENGTH },
  facebook: { limit: 63_206, linkLength: 0 },
  whatsapp: { limit: 65_536, linkLength: 0 },
  email: { limit: 10_000, linkLength: 0 },
};

export interface TextLength {
  /** Characters counted against the limit (including the link where the network counts it). */
  length: number;
  limit: number | null;
  overBy: number;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Counts a share text as people (and the server) count it: an emoji or accented letter is one.
 * @example measureShareText('x', 'Hello') // { length: 29, limit: 280, overBy: 0 }
 */
export function measureShareText(network: SuggestionNetwork, text: string): TextLength {
  const { limit, linkLength } = NETWORK_LIMITS[network];
  const length = [...graphemes.segment(text)].length + linkLength;
  return { length, limit, overBy: limit === null ? 0 : Math.max(0, length - limit) };
}
