import type { ImportRole } from './types.ts';

/** Longest e-mail address accepted (RFC 5321 path limit). */
export const MAX_EMAIL_LENGTH = 254;

/** Longest name accepted, in characters (code points). */
export const MAX_NAME_LENGTH = 200;

/** Lower-cased e-mail address, or null when it fails a pragmatic shape check. */
export function normalizeEmail(raw: string): string | null {
  if (raw.length > MAX_EMAIL_LENGTH || /\s/.test(raw)) return null;
  const at = raw.indexOf('@');
  if (at <= 0 || at !== raw.lastIndexOf('@')) return null;
  const labels = raw.slice(at + 1).split('.');
  if (labels.length < 2 || labels.some((label) => label === '')) return null;
  return raw.toLowerCase();
}

const NEEDS_COLLAPSE = /\s\s|[^\S ]|^\s|\s$/;

/** Collapses runs of whitespace, including newlines from multi-line cells, to one space. */
export function collapseSpaces(text: string): string {
  // Most cells are already clean; testing first saves an allocation per cell on big files.
  return NEEDS_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/** Whether a name has more than MAX_NAME_LENGTH characters, counting code points so an emoji counts once. */
export function isNameTooLong(name: string): boolean {
  // Code points never outnumber UTF-16 units, so the common short name skips the count.
  return name.length > MAX_NAME_LENGTH && Array.from(name).length > MAX_NAME_LENGTH;
}

const LANGUAGES = new Map<string, 'nl' | 'en'>([
  ['nl', 'nl'],
  ['nl-nl', 'nl'],
  ['nl-be', 'nl'],
  ['nld', 'nl'],
  ['nederlands', 'nl'],
  ['dutch', 'nl'],
  ['en', 'en'],
  ['en-gb', 'en'],
  ['en-us', 'en'],
  ['eng', 'en'],
  ['english', 'en'],
  ['engels', 'en'],
]);

/** 'nl' or 'en' for the usual ways of writing Dutch and English, else null. */
export function parseLanguage(raw: string): 'nl' | 'en' | null {
  return LANGUAGES.get(raw.toLowerCase().replace('_', '-')) ?? null;
}

let timeZones: Map<string, string> | undefined;

// Built on first use and kept: Intl.supportedValuesOf allocates a fresh ~400-entry array per call.
function timeZoneIndex(): Map<string, string> {
  if (timeZones === undefined) {
    timeZones = new Map();
    for (const zone of [...Intl.supportedValuesOf('timeZone'), 'UTC']) {
      timeZones.set(zone.toLowerCase(), zone);
    }
  }
  return timeZones;
}

/** Canonically cased IANA zone ("europe/amsterdam" → "Europe/Amsterdam"), or null if unknown. */
export function canonicalTimeZone(raw: string): string | null {
  return timeZoneIndex().get(raw.toLowerCase()) ?? null;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DUTCH_DATE = /^(\d{1,2})([-/])(\d{1,2})\2(\d{4})$/;

// A year outside this range is a typo ("0224"), not someone's start date.
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** YYYY-MM-DD for a real date written as YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY, else null. */
export function parseStartDate(raw: string): string | null {
  const iso = ISO_DATE.exec(raw);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dutch = DUTCH_DATE.exec(raw);
  if (dutch) return isoDate(Number(dutch[4]), Number(dutch[3]), Number(dutch[1]));
  return null;
}

const ROLES = new Map<string, ImportRole>([
  ['admin', 'admin'],
  ['beheerder', 'admin'],
  ['editor', 'editor'],
  ['redacteur', 'editor'],
  ['recruiter', 'recruiter'],
  ['ambassador', 'ambassador'],
  ['ambassadeur', 'ambassador'],
]);

/** The role named in English or Dutch, or null if there is no such role. */
export function parseRole(raw: string): ImportRole | null {
  return ROLES.get(raw.toLowerCase()) ?? null;
}

/**
 * Splits a multi-value cell ("Sales | Marketing") into trimmed, non-empty items.
 * `|` always separates; `,` too in semicolon files, where it cannot be the field delimiter.
 */
export function splitList(raw: string, delimiter: ',' | ';'): string[] {
  if (raw === '') return [];
  const separator = delimiter === ';' ? /[|,]/ : /\|/;
  return raw
    .split(separator)
    .map(collapseSpaces)
    .filter((item) => item !== '');
}
