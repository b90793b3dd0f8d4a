import type { Network } from './sharing-types';

// These rules mirror the server's (src/sharing/composer.ts), so the counter agrees with the check
// and with POST /shares, which refuses a text over its network's limit.

/** Character limits per network; copy-link has none. */
export const NETWORK_LIMITS: Readonly<Record<Network, number | null>> = {
  linkedin: 3000,
  x: 280,
  facebook: 63_206,
  whatsapp: 65_536,
  email: 10_000,
  link: null,
};

/** X counts every link as 23 characters, whatever its length. */
export const X_LINK_LENGTH = 23;

const URL_IN_TEXT = /https?:\/\/[^\s]+/gu;
const EMOJI_GRAPHEME = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** X's weight of one code point: Latin and common punctuation count 1, everything else (CJK…) 2. */
function xWeight(codePoint: number): number {
  const light =
    codePoint <= 4351 ||
    (codePoint >= 8192 && codePoint <= 8205) ||
    (codePoint >= 8208 && codePoint <= 8223) ||
    (codePoint >= 8242 && codePoint <= 8247);
  return light ? 1 : 2;
}

/** Length of a text as X counts it: weighted characters, an emoji as 2, every URL as 23. */
export function xLength(text: string): number {
  let length = 0;
  const withoutUrls = text.replace(URL_IN_TEXT, () => {
    length += X_LINK_LENGTH;
    return '';
  });
  for (const { segment } of segmenter.segment(withoutUrls)) {
    if (EMOJI_GRAPHEME.test(segment)) length += 2;
    else for (const char of segment) length += xWeight(char.codePointAt(0) ?? 0);
  }
  return length;
}

/**
 * How long the post is on `network`, including the short link where the network puts it in the
 * text: X counts the text, a space and the link as 23; WhatsApp and e-mail carry the link in the text.
 * @example postLength('x', 'Hello', 30) // 5 + 1 + 23 = 29
 */
export function postLength(network: Network, text: string, shortUrlLength: number): number {
  switch (network) {
    case 'x':
      return xLength(text) + 1 + X_LINK_LENGTH;
    case 'whatsapp':
    case 'email':
      return Array.from(text).length + 1 + shortUrlLength;
    default:
      return Array.from(text).length;
  }
}

/** The length of a short link on this host (`<origin>/l/` and a 10-character code), for estimates. */
export function estimatedShortUrlLength(): number {
  return `${window.location.origin}/l/xxxxxxxxxx`.length;
}

export interface CharacterBudget {
  length: number;
  limit: number | null;
  /** Characters left (negative when over the limit); null without a limit. */
  left: number | null;
  overLimit: boolean;
}

/**
 * Length, limit and what is left for the final text (with disclosure) on `network`. When the server
 * has measured an earlier version of the text, its figure is moved by the local difference, so the
 * counter follows every keystroke and lands exactly on the server's number.
 */
export function characterBudget(
  network: Network,
  finalText: string,
  measured?: { finalText: string; length: number; limit: number | null },
): CharacterBudget {
  const shortUrlLength = estimatedShortUrlLength();
  const local = postLength(network, finalText, shortUrlLength);
  const length = measured
    ? measured.length + local - postLength(network, measured.finalText, shortUrlLength)
    : local;
  const limit = measured ? measured.limit : NETWORK_LIMITS[network];
  const left = limit === null ? null : limit - length;
  return { length, limit, left, overLimit: left !== null && left < 0 };
}

/**
 * `text` with the employment disclosure as the server added it to `checkedText` (a blank line and
 * the note, unless the text already carries it), so the preview follows every keystroke while the
 * next check is on its way.
 * @example withDisclosure('Mine', 'Hers', 'Hers\n\n#medewerker') // 'Mine\n\n#medewerker'
 */
export function withDisclosure(text: string, checkedText: string, checkedWithDisclosure: string): string {
  const trimmed = text.trim();
  const checked = checkedText.trim();
  if (checked === trimmed) return checkedWithDisclosure;
  if (checked === '' || !checkedWithDisclosure.startsWith(checked)) return trimmed;
  const suffix = checkedWithDisclosure.slice(checked.length);
  const note = suffix.trim();
  if (note === '' || trimmed.toLocaleLowerCase().includes(note.toLocaleLowerCase())) return trimmed;
  return trimmed === '' ? note : trimmed + suffix;
}
