import type { Network } from '../db/schema/stories.ts';

/** Character limits per network; copy-link has none. */
export const networkLimits: Record<Network, number | null> = {
  linkedin: 3000,
  x: 280,
  facebook: 63_206,
  whatsapp: 65_536,
  email: 10_000,
  link: null,
};

/** X counts every link as 23 characters, whatever its length. */
export const X_LINK_LENGTH = 23;

const urlInText = /https?:\/\/[^\s]+/gu;
const emojiGrapheme = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** X's weight of one code point: Latin and common punctuation count 1, everything else (CJK…) 2. */
function xWeight(codePoint: number): number {
  const light = codePoint <= 4351 || (codePoint >= 8192 && codePoint <= 8205) || (codePoint >= 8208 && codePoint <= 8223) || (codePoint >= 8242 && codePoint <= 8247);
  return light ? 1 : 2;
}

/** Length of a text as X counts it: weighted characters, an emoji as 2, every URL as 23. */
export function xLength(text: string): number {
  let length = 0;
  const withoutUrls = text.replace(urlInText, () => {
    length += X_LINK_LENGTH;
    return '';
  });
  for (const { segment } of segmenter.segment(withoutUrls)) {
    if (emojiGrapheme.test(segment)) length += 2;
    else for (const char of segment) length += xWeight(char.codePointAt(0) ?? 0);
  }
  return length;
}

/** Characters as people count them (code points, so an emoji is not two). */
const characters = (text: string): number => Array.from(text).length;

/**
 * How long the post is on a network, including the short link where the network puts it in the
 * text: X counts the text, a space and the link as 23; WhatsApp and e-mail carry the link in the text.
 */
export function postLength(network: Network, text: string, shortUrlLength: number): number {
  switch (network) {
    case 'x':
      return xLength(text) + 1 + X_LINK_LENGTH;
    case 'whatsapp':
    case 'email':
      return characters(text) + 1 + shortUrlLength;
    default:
      return characters(text);
  }
}

/** Appends the employment disclosure unless the text already contains it (case-insensitive). */
export function withDisclosure(text: string, disclosure: string | null): { text: string; added: boolean } {
  const trimmed = text.trim();
  const note = disclosure?.trim() ?? '';
  if (note === '' || trimmed.toLocaleLowerCase().includes(note.toLocaleLowerCase())) return { text: trimmed, added: false };
  return { text: trimmed === '' ? note : `${trimmed}\n\n${note}`, added: true };
}

const disclosurePatterns = new Map<string, RegExp>();

/** Removes every (case-insensitive) occurrence of the disclosures, so they never count towards similarity. */
export function withoutDisclosures(text: string, disclosures: readonly string[]): string {
  let out = text;
  for (const note of disclosures) {
    const trimmed = note.trim();
    if (trimmed === '') continue;
    let pattern = disclosurePatterns.get(trimmed);
    if (!pattern) {
      pattern = new RegExp(trimmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
      if (disclosurePatterns.size > 100) disclosurePatterns.clear();
      disclosurePatterns.set(trimmed, pattern);
    }
    out = out.replace(pattern, ' ');
  }
  return out;
}

/**
 * The URL that opens the network's share dialog. LinkedIn takes no text (the composer copies it
 * to the clipboard first); copy-link is the short link itself.
 * @example shareUrlFor('x', 'Proud of us', 'https://go.example/abc', 'Title')
 */
export function shareUrlFor(network: Network, text: string, shortUrl: string, title: string): string {
  const e = encodeURIComponent;
  switch (network) {
    case 'linkedin':
      return `https://www.linkedin.com/sharing/share-offsite/?url=${e(shortUrl)}`;
    case 'x':
      return `https://x.com/intent/tweet?text=${e(text)}&url=${e(shortUrl)}`;
    case 'facebook':
      return `https://www.facebook.com/sharer.php?u=${e(shortUrl)}`;
    case 'whatsapp':
      return `https://api.whatsapp.com/send?text=${e(`${text} ${shortUrl}`)}`;
    case 'email':
      return `mailto:?subject=${e(title)}&body=${e(`${text}\n${shortUrl}`)}`;
    case 'link':
      return shortUrl;
  }
}
