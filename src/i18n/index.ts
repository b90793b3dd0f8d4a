import type { Language } from '../db/schema/people.ts';
import { en } from './en.ts';
import { nl } from './nl.ts';

export type MessageKey = keyof typeof en;
const catalogs: Record<Language, Record<MessageKey, string>> = { en, nl };

/**
 * Translates a server message (errors, e-mails) and fills `{name}` placeholders.
 * @example t('nl', 'error.not_found', { what: 'persoon' })
 */
export function t(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[language][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Picks nl or en from an Accept-Language header (first supported language wins), default en. */
export function languageFromHeader(header: string | undefined): Language {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('nl')) return 'nl';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
