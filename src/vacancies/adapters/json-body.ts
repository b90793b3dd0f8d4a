import { InvalidFeedError, type VacancySourceType } from './types.ts';

/** Text without a byte-order mark and surrounding whitespace. */
export function trimBody(body: string): string {
  return body.replace(/^\uFEFF/, '').trim();
}

/** Whether a text is a web page rather than data, e.g. a login page or "404 Not Found". */
export function looksLikeHtmlPage(text: string): boolean {
  // Leading comments are skipped by hand: a regex repeating a lazy comment pattern backtracks badly.
  let at = 0;
  while (text.startsWith('<!--', at)) {
    const end = text.indexOf('-->', at + 4);
    if (end === -1) return false;
    at = end + 3;
    while (/\s/.test(text[at] ?? '')) at++;
  }
  return /^<(?:!doctype\s+html|html|head|body)[\s>]/i.test(text.slice(at, at + 20));
}

/**
 * Parses a JSON feed body, or throws InvalidFeedError saying what came instead
 * (nothing, a web page, XML, or JSON that is cut off or broken).
 */
export function parseJsonBody(body: string, sourceType: VacancySourceType): unknown {
  const text = trimBody(body);
  if (text === '') throw new InvalidFeedError(sourceType, 'the response is empty');
  if (looksLikeHtmlPage(text)) {
    throw new InvalidFeedError(sourceType, 'the address returned a web page instead of JSON data');
  }
  if (text.startsWith('<')) throw new InvalidFeedError(sourceType, 'the address returned XML instead of JSON data');
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidFeedError(sourceType, 'the response is not complete, valid JSON (it may have been cut off)');
  }
}
