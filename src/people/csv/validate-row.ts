import {
  canonicalTimeZone,
  collapseSpaces,
  isNameTooLong,
  MAX_NAME_LENGTH,
  normalizeEmail,
  parseLanguage,
  parseRole,
  parseStartDate,
  splitList,
} from './field-values.ts';
import type { ColumnKey, ColumnMap } from './headers.ts';
import { type MessageParams, message } from './messages.ts';
import type { CsvDelimiter, CsvRecord } from './read-records.ts';
import type { ImportLanguage, ImportRole, ImportRow, RowError, RowErrorCode } from './types.ts';

/** What every row of one file is validated against. */
export interface RowContext {
  columns: ColumnMap;
  delimiter: CsvDelimiter;
  language: ImportLanguage;
}

/** A row's normalised values (invalid ones left null) and its problems. */
export interface ValidatedRow {
  row: ImportRow;
  /** The lower-cased address when it is valid, for duplicate detection across rows. */
  email: string | null;
  errors: RowError[];
}

function cell(record: CsvRecord, columns: ColumnMap, key: ColumnKey): string {
  const index = columns[key];
  // csv-parse trims ASCII whitespace only; trim() also takes the no-break spaces Excel leaves.
  return index === undefined ? '' : (record.fields[index] ?? '').trim();
}

function orNull(text: string): string | null {
  return text === '' ? null : text;
}

/** The full name column when filled in, else first name, infix and last name joined. */
function nameOf(record: CsvRecord, columns: ColumnMap): string {
  const full = collapseSpaces(cell(record, columns, 'name'));
  if (full !== '') return full;
  const parts = [
    cell(record, columns, 'firstName'),
    cell(record, columns, 'infix'),
    cell(record, columns, 'lastName'),
  ];
  return collapseSpaces(parts.join(' '));
}

/** Normalises one data record and lists every problem in it (duplicates are the caller's job). */
/** Longest department, location or team name (the same as the groups API). */
export const MAX_GROUP_NAME_LENGTH = 120;

export function validateRow(record: CsvRecord, context: RowContext): ValidatedRow {
  const { columns, delimiter, language } = context;
  const errors: RowError[] = [];
  const fail = (field: string, code: RowErrorCode, params: MessageParams = {}): null => {
    errors.push({ line: record.line, field, code, reason: message(language, code, params) });
    return null;
  };
  const get = (key: ColumnKey) => cell(record, columns, key);

  const rawEmail = get('email');
  const email =
    rawEmail === ''
      ? fail('email', 'missing_email')
      : (normalizeEmail(rawEmail) ?? fail('email', 'invalid_email', { value: rawEmail }));

  const name = nameOf(record, columns);
  if (name === '') fail('name', 'missing_name');
  else if (isNameTooLong(name)) fail('name', 'name_too_long', { count: MAX_NAME_LENGTH });

  const rawLanguage = get('language');
  const rowLanguage =
    rawLanguage === ''
      ? null
      : (parseLanguage(rawLanguage) ?? fail('language', 'invalid_language', { value: rawLanguage }));

  const rawZone = get('timeZone');
  const timeZone =
    rawZone === ''
      ? null
      : (canonicalTimeZone(rawZone) ?? fail('timeZone', 'invalid_time_zone', { value: rawZone }));

  const rawDate = get('startDate');
  const startDate =
    rawDate === ''
      ? null
      : (parseStartDate(rawDate) ?? fail('startDate', 'invalid_start_date', { value: rawDate }));

  const roles: ImportRole[] = [];
  for (const rawRole of splitList(get('roles'), delimiter)) {
    const role = parseRole(rawRole) ?? fail('roles', 'unknown_role', { value: rawRole });
    if (role !== null && !roles.includes(role)) roles.push(role);
  }

  // Group names share the groups API's limit; a longer one would fail the whole merge.
  const groupName = (field: 'department' | 'location' | 'teams', value: string | null): string | null =>
    value !== null && value.length > MAX_GROUP_NAME_LENGTH ? fail(field, 'group_name_too_long', { count: MAX_GROUP_NAME_LENGTH }) : value;
  const department = groupName('department', orNull(collapseSpaces(get('department'))));
  const location = groupName('location', orNull(collapseSpaces(get('location'))));

  const teams: string[] = [];
  for (const team of splitList(get('teams'), delimiter)) {
    if (groupName('teams', team) === null) continue;
    // "Sales" and "sales" in one cell are the same team typed twice.
    const key = team.toLowerCase();
    if (!teams.some((kept) => kept.toLowerCase() === key)) teams.push(team);
  }

  return {
    row: {
      line: record.line,
      email: email ?? '',
      name,
      language: rowLanguage,
      timeZone,
      startDate,
      department,
      location,
      teams,
      roles: roles.length > 0 ? roles : null,
    },
    email,
    errors,
  };
}
