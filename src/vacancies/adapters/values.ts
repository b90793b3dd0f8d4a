import { decodeEntities } from './html.ts';

/** Whether a parsed JSON value is a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One-line text with entities decoded and whitespace collapsed, or null when empty or not text. */
export function cleanText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const text = decodeEntities(value).replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/** The non-empty texts joined with ", ", repeats dropped ("Utrecht, Utrecht, NL" reads badly). */
export function joinText(values: readonly unknown[], separator = ', '): string | null {
  const parts = [...new Set(values.map(cleanText).filter((part) => part !== null))];
  return parts.length === 0 ? null : parts.join(separator);
}

/** An id as a string: trimmed text or an integer; null for anything else. */
export function externalIdOf(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  const id = value.trim();
  return id === '' ? null : id;
}

/** The URL when it is an absolute http(s) URL, else null (javascript:, mailto:, relative paths…). */
export function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/** A positive integer from a number or digits, else null. */
export function positiveInteger(value: unknown): number | null {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : null;
}

/** Primary subtag of a language tag ("nl-NL" → "nl"), or null when it is not one. */
export function languageCode(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*\s*$/i.exec(value);
  return match?.[1]?.toLowerCase() ?? null;
}

// A date outside these years is a typo or a placeholder ("0001-01-01"), not when a job opened.
const MIN_YEAR = 1970;
const MAX_YEAR = 2100;

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?)?$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses an ISO 8601 date or date-time strictly: "2026-02-30" and "next week" are null, not
 * some other day. Also reads Recruitee's "2026-11-02 09:15:00 UTC". No zone means UTC.
 */
export function parseFeedDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = ISO_DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return null;
  }
  const offset = /^(z|utc)$/i.test(zone) ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${millis}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A date from milliseconds since 1970 (Lever's createdAt), within the plausible years, else null. */
export function parseEpochMillis(value: unknown): Date | null {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return null;
  const date = new Date(value);
  const year = date.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR ? date : null;
}

const MAX_QUOTED = 60;

/** A value between curly quotes, shortened so one bad field cannot flood a report. */
export function quoted(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return `“${text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text}”`;
}
