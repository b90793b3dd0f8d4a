import { z } from 'zod';
import { AppError } from './errors.ts';

/** `?limit=&cursor=` for every list endpoint. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};

/** The list envelope every list endpoint answers with. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Encodes a keyset position as an opaque cursor. */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** What one part of a cursor must be: a database compares it with a typed column, so a bad part is a 400 here, not a 500 there. */
export type CursorPart = 'string' | 'number' | 'uuid' | 'timestamp';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const partIsValid: Record<CursorPart, (part: unknown) => boolean> = {
  string: (part) => typeof part === 'string' && !part.includes('\0'),
  number: (part) => typeof part === 'number' && Number.isFinite(part),
  uuid: (part) => typeof part === 'string' && uuidPattern.test(part),
  timestamp: (part) => typeof part === 'string' && !Number.isNaN(Date.parse(part)),
};

/** Decodes a cursor made by encodeCursor; a tampered cursor is a 400, never a 500. */
export function decodeCursor(cursor: string | undefined, shape: CursorPart[]): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === shape.length && parts.every((p, i) => partIsValid[shape[i] ?? 'string'](p))) return parts;
  } catch {
    // fall through to the error below
  }
  throw new AppError(400, 'invalid_cursor', 'error.invalid_cursor');
}

/** Splits a limit+1 query result into a page and the cursor of the next page. */
export function page<T>(rows: T[], limit: number, cursorOf: (row: T) => (string | number)[]): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
