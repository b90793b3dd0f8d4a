import type { Network } from '../db/schema/stories.ts';
import { networkLimits, postLength } from '../sharing/composer.ts';

/** A short link as Podium makes it (base URL + /l/ + 10 characters); only its length matters here. */
const TYPICAL_SHORT_LINK_LENGTH = 40;

/**
 * The length a suggested text will have once shared, by the same rules the share composer applies
 * (X weighs characters and counts the link as 23; WhatsApp and e-mail carry the link in the text).
 */
export function sharedLength(network: Network, text: string): number {
  return postLength(network, text, TYPICAL_SHORT_LINK_LENGTH);
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
