import { CsvFileError } from './csv-file-error.ts';
import { decodeCsvBytes } from './decode.ts';
import { type ColumnMap, mapHeader } from './headers.ts';
import { message, REQUIRED_COLUMN_LABELS } from './messages.ts';
import { readRecords } from './read-records.ts';
import type { ImportLanguage, ImportRow, ParsedPeopleCsv, ParsePeopleCsvOptions, RowError } from './types.ts';
import { validateRow } from './validate-row.ts';

/** Default upper limit on data rows in one import. */
export const DEFAULT_MAX_ROWS = 50_000;

function assertRequiredColumns(columns: ColumnMap, language: ImportLanguage): void {
  if (Object.keys(columns).length === 0) throw new CsvFileError('missing_header', language);
  const labels = REQUIRED_COLUMN_LABELS[language];
  const missing: string[] = [];
  if (columns.email === undefined) missing.push(labels.email);
  const hasSplitName = columns.firstName !== undefined && columns.lastName !== undefined;
  if (columns.name === undefined && !hasSplitName) missing.push(labels.name);
  if (missing.length > 0) throw new CsvFileError('missing_column', language, { columns: missing });
}

/**
 * Parses and validates an employee CSV file (UTF-8 or Windows-1252, comma or semicolon,
 * English or Dutch headers). Row problems are collected in `errors`; problems with the
 * file as a whole throw CsvFileError.
 * @example
 * const { rows, errors } = parsePeopleCsv(await readFile('people.csv'), { messagesIn: 'nl' });
 */
export function parsePeopleCsv(
  bytes: Uint8Array,
  options: ParsePeopleCsvOptions = {},
): ParsedPeopleCsv {
  const language = options.messagesIn ?? 'en';
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const { text, encoding } = decodeCsvBytes(bytes);
  if (!/\S/.test(text)) throw new CsvFileError('empty_file', language);

  const { delimiter, header, data } = readRecords(text, maxRows, language);
  const columns = mapHeader(header.fields);
  assertRequiredColumns(columns, language);

  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const firstLineByEmail = new Map<string, number>();
  for (const record of data) {
    const validated = validateRow(record, { columns, delimiter, language });
    const { email } = validated;
    if (email !== null) {
      const firstLine = firstLineByEmail.get(email);
      if (firstLine === undefined) firstLineByEmail.set(email, record.line);
      else {
        validated.errors.push({
          line: record.line,
          field: 'email',
          code: 'duplicate_email',
          reason: message(language, 'duplicate_email', { value: email, line: firstLine }),
        });
      }
    }
    if (validated.errors.length === 0) rows.push(validated.row);
    else errors.push(...validated.errors);
  }
  return { encoding, delimiter, total: data.length, rows, errors };
}
