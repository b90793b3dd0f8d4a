import { estimatedShortUrlLength, NETWORK_LIMITS, postLength } from '../sharing/character-counter';
import type { SuggestionNetwork } from './stories-api';

export interface TextLength {
  /** Characters counted against the limit (including the link where the network counts it). */
  length: number;
  limit: number | null;
  overBy: number;
}

/**
 * Measures a suggested share text by the share composer's rules (the same the server checks):
 * X weighs characters and counts the link as 23; WhatsApp and e-mail carry the link in the text.
 * @example measureShareText('x', 'Hello') // { length: 29, limit: 280, overBy: 0 }
 */
export function measureShareText(network: SuggestionNetwork, text: string): TextLength {
  const limit = NETWORK_LIMITS[network];
  const length = postLength(network, text, estimatedShortUrlLength());
  return { length, limit, overBy: limit === null ? 0 : Math.max(0, length - limit) };
}
