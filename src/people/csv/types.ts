/** Language the import's messages are written in. */
export type ImportLanguage = 'nl' | 'en';

/** A role a person can be given on import. */
export type ImportRole = 'admin' | 'editor' | 'recruiter' | 'ambassador';

/** One valid person from the CSV file, normalised and ready to upsert. */
export interface ImportRow {
  /** Physical line in the file where this record starts (the header is line 1). */
  line: number;
  /** Lower-cased. */
  email: string;
  name: string;
  language: 'nl' | 'en' | null;
  /** Canonical IANA zone id, e.g. "Europe/Amsterdam". */
  timeZone: string | null;
  /** YYYY-MM-DD. */
  startDate: string | null;
  department: string | null;
  location: string | null;
  teams: string[];
  /** null when the file has no roles for this person, so the caller can keep existing roles. */
  roles: ImportRole[] | null;
}

/** One problem with one field of one row. */
export interface RowError {
  line: number;
  /** The ImportRow field at fault, or null when the problem is not about one field. */
  field: string | null;
  /** Stable machine code, see RowErrorCode. */
  code: string;
  /** Human text in the requested language. */
  reason: string;
}

/** Result of parsing a people CSV: valid rows plus every row-level problem. */
export interface ParsedPeopleCsv {
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ',' | ';';
  /** Number of data rows in the file (empty lines excluded), valid or not. */
  total: number;
  rows: ImportRow[];
  errors: RowError[];
}

/** Options for parsePeopleCsv. */
export interface ParsePeopleCsvOptions {
  /** Language of RowError.reason and CsvFileError.message; default 'en'. */
  messagesIn?: ImportLanguage;
  /** Largest number of data rows accepted; default 50,000. */
  maxRows?: number;
}

/** Codes of row-level problems. */
export type RowErrorCode =
  | 'missing_email'
  | 'invalid_email'
  | 'duplicate_email'
  | 'missing_name'
  | 'name_too_long'
  | 'group_name_too_long'
  | 'invalid_language'
  | 'invalid_time_zone'
  | 'invalid_start_date'
  | 'unknown_role';

/** Codes of problems with the file as a whole. */
export type CsvFileErrorCode =
  | 'empty_file'
  | 'not_csv'
  | 'malformed_csv'
  | 'missing_header'
  | 'missing_column'
  | 'too_many_rows';
