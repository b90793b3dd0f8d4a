import { type MessageParams, message } from './messages.ts';
import type { CsvFileErrorCode, ImportLanguage } from './types.ts';

/** The file as a whole cannot be imported (empty, not a CSV, no header, missing column, too many rows). */
export class CsvFileError extends Error {
  readonly code: CsvFileErrorCode;
  /** Physical line the problem was found on, when there is one. */
  readonly line: number | null;

  constructor(
    code: CsvFileErrorCode,
    language: ImportLanguage,
    params: MessageParams = {},
  ) {
    super(message(language, code, params));
    this.name = 'CsvFileError';
    this.code = code;
    this.line = params.line ?? null;
  }
}
