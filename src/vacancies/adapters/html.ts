import { decodeHTML } from 'entities';

/** Decodes HTML character references ("&amp;", "&eacute;", "&#233;") once. */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTML(text) : text;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use as HTML content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** Plain text as HTML: blank lines separate paragraphs, single newlines become line breaks. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

// Attribute runs are bounded so that a long text full of "<" cannot make the test quadratic.
const TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]{0,2000})?\/?>/i;
const ESCAPED_TAG = /&lt;\/?[a-z][a-z0-9-]*(?:\s[^<>]{0,2000}?)?\/?&gt;/i;

/**
 * A field that may hold HTML, HTML-escaped HTML or plain text, as HTML.
 * Feeds mix all three; plain text must never reach the page unescaped.
 */
export function htmlOrText(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') return '';
  const text = value.trim();
  if (TAG.test(text)) return text;
  if (ESCAPED_TAG.test(text)) return decodeEntities(text);
  return textToHtml(decodeEntities(text));
}

/** Joins non-empty HTML parts, one per line. */
export function joinHtml(parts: readonly string[]): string {
  return parts.filter((part) => part.trim() !== '').join('\n');
}
