import { ScimError } from './errors.ts';

/** Reading loosely-typed SCIM JSON: attribute names are case-insensitive (RFC 7643 §2.1). */

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An attribute of an object, matching its name case-insensitively. */
export function attr(object: Json, name: string): unknown {
  if (name in object) return object[name];
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(object)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/** A string attribute value (trimmed), null for null/empty, or a 400 for anything else. */
export function stringValue(value: unknown, name: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new ScimError(400, `"${name}" must be a string.`, 'invalidValue');
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A boolean as identity providers send it: true/false, or the strings "True"/"False" (Entra ID). */
export function booleanValue(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw new ScimError(400, `"${name}" must be true or false.`, 'invalidValue');
}

/** The value of a multi-valued attribute to keep: the primary one, else the one of the wanted type, else the first. */
export function pickValue(value: unknown, type: string): Json | null {
  if (!Array.isArray(value)) return isObject(value) ? value : null;
  const items = value.filter(isObject);
  return (
    items.find((item) => attr(item, 'primary') === true || attr(item, 'primary') === 'true') ??
    items.find((item) => String(attr(item, 'type') ?? '').toLowerCase() === type) ??
    items[0] ??
    null
  );
}

/** Podium's language for a SCIM preferredLanguage or locale ("nl-NL", "en_US", "nl"), or null when it is neither. */
export function languageOf(value: string | null): 'nl' | 'en' | null {
  const prefix = value?.slice(0, 2).toLowerCase();
  return prefix === 'nl' || prefix === 'en' ? prefix : null;
}
