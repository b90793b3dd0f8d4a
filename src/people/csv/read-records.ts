import { CsvError, parse } from 'csv-parse/sync';
import { CsvFileError } from './csv-file-error.ts';
import type { ImportLanguage } from './types.ts';

/** Delimiters a people CSV may use: comma, or semicolon as Excel writes in Dutch locales. */
export type CsvDelimiter = ',' | ';';

/** One non-empty CSV record with its trimmed fields. */
export interface CsvRecord {
  /** Physical line the record starts on, counting from 1. */
  line: number;
  fields: string[];
}

/** Lines, delimiter and header/data records of a CSV text. */
export interface CsvRecords {
  delimiter: CsvDelimiter;
  header: CsvRecord;
  data: CsvRecord[];
}

// Excel honours a first line "sep=;" and some people add it so the file opens correctly there.
const SEPARATOR_HINT = /^sep=([,;])[ \t]*(?=\n|$)/i;

/** Picks comma or semicolon by counting both in the first non-blank line, outside quotes. */
export function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  const start = text.search(/\S/);
  for (let i = Math.max(start, 0); i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === '\n') break;
    else if (char === ',') commas++;
    else if (char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

function countNewlines(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) {
    for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) count++;
  }
  return count;
}

/**
 * Splits decoded CSV text into records that know the line they start on.
 * Throws CsvFileError for an empty, binary or malformed file, or one with more than maxRows data rows.
 */
export function readRecords(
  decoded: string,
  maxRows: number,
  language: ImportLanguage,
): CsvRecords {
  if (decoded.includes('\u0000')) throw new CsvFileError('not_csv', language);
  // One line ending everywhere, so csv-parse counts lines the way an editor shows them.
  let text = decoded.replace(/\r\n?/g, '\n');
  let delimiter: CsvDelimiter;
  const hint = SEPARATOR_HINT.exec(text);
  if (hint) {
    delimiter = hint[1] === ';' ? ';' : ',';
    // Blank the hint but keep its line, so it is skipped as empty and line numbers stay physical.
    text = text.slice(hint[0].length);
  } else {
    delimiter = detectDelimiter(text);
  }

  const records: CsvRecord[] = [];
  try {
    parse(text, {
      delimiter,
      record_delimiter: '\n',
      trim: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (fields: string[], context) => {
        // Excel writes rows of only delimiters (";;;;") below the data; they are empty lines too.
        if (fields.every((field) => field === '')) return null;
        // The header is records[0], so more than maxRows + 1 records means too many data rows.
        if (records.length > maxRows) {
          throw new CsvFileError('too_many_rows', language, { count: maxRows });
        }
        // context.lines is the line the record ends on; a record spans more only through
        // newlines inside quoted fields, and those survive in the field values.
        records.push({ line: context.lines - countNewlines(fields), fields });
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : undefined;
      throw new CsvFileError('malformed_csv', language, { line });
    }
    throw error;
  }

  const [header, ...data] = records;
  if (header === undefined) throw new CsvFileError('empty_file', language);
  return { delimiter, header, data };
}
