import type { ConversionType } from '../db/schema/tracking.ts';
import type { Language } from '../db/schema/people.ts';
import { AppError } from '../http/errors.ts';
import { t } from '../i18n/index.ts';
import { CsvFileError } from '../people/csv/csv-file-error.ts';
import { decodeCsvBytes } from '../people/csv/decode.ts';
import { parseStartDate } from '../people/csv/field-values.ts';
import { normalizeHeader } from '../people/csv/headers.ts';
import { type CsvRecord, readRecords } from '../people/csv/read-records.ts';
import { type CheckedConversion, checkConversion } from './input.ts';

/** Largest number of data rows in one conversions file. */
export const MAX_IMPORT_ROWS = 10_000;

type Column = 'externalId' | 'type' | 'occurredAt' | 'clickIds' | 'vacancyRef';

// As ATS exports and people name them, normalised like the people import's headers.
const ALIASES: Record<Column, readonly string[]> = {
  externalId: ['external id', 'id', 'application id', 'reference', 'sollicitatie id', 'sollicitatienummer', 'referentie'],
  type: ['type', 'conversion type', 'conversion', 'event', 'soort'],
  occurredAt: ['occurred at', 'date', 'datum', 'applied at', 'created at', 'timestamp', 'tijdstip', 'sollicitatiedatum'],
  clickIds: ['click ids', 'click id', 'pcid', 'pcids'],
  vacancyRef: ['vacancy ref', 'vacancy', 'vacancy id', 'job id', 'job ref', 'requisition id', 'vacature', 'vacature id', 'vacaturenummer'],
};
// Compared without spaces, so "External ID", "external_id", "externalId" and "EXTERNALID" all match.
const headerKey = (header: string) => normalizeHeader(header).replaceAll(' ', '');
const COLUMN_BY_HEADER = new Map<string, Column>();
for (const [column, names] of Object.entries(ALIASES) as [Column, readonly string[]][]) {
  for (const name of names) COLUMN_BY_HEADER.set(headerKey(name), column);
}
const REQUIRED: readonly Column[] = ['externalId', 'type', 'clickIds'];

const TYPES = new Map<string, ConversionType>([
  ['apply_started', 'apply_started'],
  ['application', 'application'],
  ['sollicitatie', 'application'],
  ['hire', 'hire'],
  ['aanname', 'hire'],
  ['lead', 'lead'],
  ['signup', 'signup'],
  ['sign_up', 'signup'],
]);

/** One data row of the file: checked and ready to store, or what is wrong with it. */
export type ParsedRow = { line: number; conversion: CheckedConversion } | { line: number; externalId: string | null; error: string };

export interface ParsedConversionCsv {
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ',' | ';';
  rows: ParsedRow[];
}

const ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/;

/**
 * The time in a cell: ISO 8601 with an offset; a date and time without one is read as UTC; a
 * date alone (YYYY-MM-DD or DD-MM-YYYY) as the end of that day, so the day's clicks come before
 * it, but never later than now. Empty is now. Null when it is not a time.
 */
export function parseOccurredAt(raw: string, now: Date): Date | null {
  if (raw === '') return now;
  if (ZONED.test(raw)) {
    const at = new Date(raw.replace(' ', 'T'));
    return Number.isNaN(at.getTime()) ? null : at;
  }
  const local = LOCAL.exec(raw);
  if (local) {
    const at = new Date(`${local[1]}T${local[2]}Z`);
    return Number.isNaN(at.getTime()) ? null : at;
  }
  const day = parseStartDate(raw);
  if (!day) return null;
  return new Date(Math.min(Date.parse(`${day}T23:59:59.999Z`), now.getTime()));
}

/** Click ids in a cell, separated by spaces, `|`, commas or semicolons; `pcid=` before one is allowed. */
export function splitClickIds(raw: string): string[] {
  return raw
    .split(/[\s|,;]+/)
    .map((token) => token.replace(/^pcid[=:]/i, ''))
    .filter((token) => token !== '');
}

function mapHeader(fields: readonly string[]): Partial<Record<Column, number>> {
  const columns: Partial<Record<Column, number>> = {};
  fields.forEach((field, index) => {
    const column = COLUMN_BY_HEADER.get(headerKey(field));
    if (column !== undefined && columns[column] === undefined) columns[column] = index;
  });
  return columns;
}

function parseRow(record: CsvRecord, columns: Partial<Record<Column, number>>, language: Language, now: Date): ParsedRow {
  const cell = (column: Column) => {
    const index = columns[column];
    return index === undefined ? '' : (record.fields[index] ?? '').trim();
  };
  const externalId = cell('externalId') || null;
  const fail = (error: string): ParsedRow => ({ line: record.line, externalId, error });
  if (externalId === null) return fail(t(language, 'conversion.import.external_id_missing'));
  const rawType = cell('type');
  const type = TYPES.get(rawType.toLowerCase().replace(/[\s-]+/g, '_'));
  if (!type) return fail(t(language, 'error.conversion_type_unknown', { type: rawType, types: [...new Set(TYPES.values())].join(', ') }));
  const rawTime = cell('occurredAt');
  const occurredAt = parseOccurredAt(rawTime, now);
  if (!occurredAt) return fail(t(language, 'error.conversion_time_invalid', { value: rawTime.slice(0, 60) }));
  try {
    return { line: record.line, conversion: checkConversion({ externalId, type, occurredAt, clickIds: splitClickIds(cell('clickIds')), vacancyRef: cell('vacancyRef') || null }, now) };
  } catch (error) {
    if (error instanceof AppError) return fail(t(language, error.messageKey, error.params));
    throw error;
  }
}

/**
 * Reads a conversions CSV the way the people import reads employees (UTF-8 or Windows-1252,
 * comma or semicolon, `sep=` hint) and checks every row on its own, so a bad row is reported and
 * never stops the good ones. A file that cannot be read at all is a 400.
 * @example parseConversionCsv(Buffer.from('externalId,type,clickIds\napp-1,application,0190…'), 'en', now)
 */
export function parseConversionCsv(bytes: Uint8Array, language: Language, now: Date): ParsedConversionCsv {
  try {
    const { text, encoding } = decodeCsvBytes(bytes);
    if (!/\S/.test(text)) throw new CsvFileError('empty_file', language);
    const { delimiter, header, data } = readRecords(text, MAX_IMPORT_ROWS, language);
    const columns = mapHeader(header.fields);
    const missing = REQUIRED.filter((column) => columns[column] === undefined);
    if (missing.length > 0) throw new AppError(400, 'csv_missing_column', 'error.csv', { detail: t(language, 'conversion.import.missing_columns', { columns: missing.join(', ') }) });
    return { encoding, delimiter, rows: data.map((record) => parseRow(record, columns, language, now)) };
  } catch (error) {
    if (error instanceof CsvFileError) throw new AppError(400, `csv_${error.code}`, 'error.csv', { detail: error.message });
    throw error;
  }
}
