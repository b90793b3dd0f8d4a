import type { CsvFileErrorCode, ImportLanguage, RowErrorCode } from './types.ts';

/** Values a message may mention. */
export interface MessageParams {
  value?: string;
  line?: number;
  count?: number;
  columns?: string[];
}

type Catalogue = Record<RowErrorCode | CsvFileErrorCode, (p: MessageParams) => string>;

const MAX_QUOTED = 60;

/** Shows a user's value between curly quotes, shortened so one bad cell cannot flood the report. */
function quoted(value: string | undefined): string {
  const text = value ?? '';
  const short = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
  return `“${short}”`;
}

const EN_NUMBER = new Intl.NumberFormat('en');
const NL_NUMBER = new Intl.NumberFormat('nl');

const en: Catalogue = {
  missing_email: () => 'E-mail address is missing',
  invalid_email: (p) => `Invalid e-mail address ${quoted(p.value)}`,
  duplicate_email: (p) => `E-mail address ${quoted(p.value)} is also on line ${p.line}`,
  missing_name: () => 'Name is missing',
  name_too_long: (p) => `Name is longer than ${p.count} characters`,
  group_name_too_long: (p) => `Department, location or team name is longer than ${p.count} characters`,
  invalid_language: (p) => `Unknown language ${quoted(p.value)} (use nl or en)`,
  invalid_time_zone: (p) => `Unknown time zone ${quoted(p.value)} (use e.g. Europe/Amsterdam)`,
  invalid_start_date: (p) =>
    `Invalid start date ${quoted(p.value)} (use YYYY-MM-DD or DD-MM-YYYY)`,
  unknown_role: (p) =>
    `Unknown role ${quoted(p.value)} (use admin, editor, recruiter or ambassador)`,
  empty_file: () => 'The file is empty',
  not_csv: () =>
    'This is not a CSV file; if it is an Excel workbook, save it as “CSV (comma delimited)” first',
  malformed_csv: (p) =>
    `The file cannot be read as CSV: a quote is not closed or is misplaced near line ${p.line ?? '?'}`,
  missing_header: () =>
    'The first line has no recognisable column names; it needs at least an e-mail and a name column',
  missing_column: (p) => `Required column missing: ${(p.columns ?? []).join(', ')}`,
  too_many_rows: (p) =>
    `The file has more than ${EN_NUMBER.format(p.count ?? 0)} rows; split it into smaller files`,
};

const nl: Catalogue = {
  missing_email: () => 'E-mailadres ontbreekt',
  invalid_email: (p) => `Ongeldig e-mailadres ${quoted(p.value)}`,
  duplicate_email: (p) => `E-mailadres ${quoted(p.value)} staat ook op regel ${p.line}`,
  missing_name: () => 'Naam ontbreekt',
  name_too_long: (p) => `Naam is langer dan ${p.count} tekens`,
  group_name_too_long: (p) => `Naam van afdeling, locatie of team is langer dan ${p.count} tekens`,
  invalid_language: (p) => `Onbekende taal ${quoted(p.value)} (gebruik nl of en)`,
  invalid_time_zone: (p) => `Onbekende tijdzone ${quoted(p.value)} (gebruik bijv. Europe/Amsterdam)`,
  invalid_start_date: (p) =>
    `Ongeldige startdatum ${quoted(p.value)} (gebruik DD-MM-JJJJ of JJJJ-MM-DD)`,
  unknown_role: (p) =>
    `Onbekende rol ${quoted(p.value)} (gebruik beheerder, redacteur, recruiter of ambassadeur)`,
  empty_file: () => 'Het bestand is leeg',
  not_csv: () =>
    'Dit is geen CSV-bestand; is het een Excel-werkmap, sla die dan eerst op als “CSV (gescheiden door lijstscheidingsteken)”',
  malformed_csv: (p) =>
    `Het bestand is geen leesbare CSV: een aanhalingsteken is niet gesloten of staat verkeerd rond regel ${p.line ?? '?'}`,
  missing_header: () =>
    'De eerste regel bevat geen herkenbare kolomnamen; er zijn minstens een e-mail- en een naamkolom nodig',
  missing_column: (p) => `Verplichte kolom ontbreekt: ${(p.columns ?? []).join(', ')}`,
  too_many_rows: (p) =>
    `Het bestand heeft meer dan ${NL_NUMBER.format(p.count ?? 0)} rijen; splits het in kleinere bestanden`,
};

const catalogues: Record<ImportLanguage, Catalogue> = { en, nl };

/** Human text for an error code in the requested language. */
export function message(
  language: ImportLanguage,
  code: RowErrorCode | CsvFileErrorCode,
  params: MessageParams = {},
): string {
  return catalogues[language][code](params);
}

/** Names of required columns as a user would write them, per language. */
export const REQUIRED_COLUMN_LABELS: Record<ImportLanguage, { email: string; name: string }> = {
  en: { email: 'e-mail', name: 'name (or first name and last name)' },
  nl: { email: 'e-mail', name: 'naam (of voornaam en achternaam)' },
};
