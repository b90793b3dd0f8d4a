import type { MessageKey } from '../i18n/index.ts';

/**
 * An error a person can act on: a stable code, an HTTP status and a translated message.
 * @example throw new AppError(404, 'person_not_found', 'error.not_found', { what: id })
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageKey: MessageKey;
  readonly params: Record<string, string | number>;
  readonly details: unknown;
  constructor(status: number, code: string, messageKey: MessageKey, params: Record<string, string | number> = {}, details?: unknown) {
    super(`${code}: ${messageKey}`);
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.messageKey = messageKey;
    this.params = params;
    this.details = details;
  }
}

/** 404 for a missing record of a named kind. */
export const notFound = (code: string, what: string) => new AppError(404, code, 'error.not_found', { what });
