// Public surface of the people CSV import: parse and validate, no database.
export { CsvFileError } from './csv-file-error.ts';
export { DEFAULT_MAX_ROWS, parsePeopleCsv } from './parse-people-csv.ts';
export type {
  CsvFileErrorCode,
  ImportLanguage,
  ImportRole,
  ImportRow,
  ParsedPeopleCsv,
  ParsePeopleCsvOptions,
  RowError,
  RowErrorCode,
} from './types.ts';
