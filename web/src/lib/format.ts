import i18n from '../i18n';

function locale(): string {
  return i18n.resolvedLanguage === 'nl' ? 'nl-NL' : 'en-GB';
}

/** A timestamp in the UI language, e.g. "3 Mar 2025, 14:05". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A date in the UI language, e.g. "3 Mar 2025". */
export function formatDate(iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(date);
}

/** Every IANA time zone the browser knows, plus `current` when it is missing (e.g. "UTC"). */
export function timeZones(current?: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}
