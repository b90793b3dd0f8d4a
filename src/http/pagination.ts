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

/** Decodes a cursor made by encodeCursor; a tampered cursor is a 400, never a 500. */
export function decodeCursor(cursor: string | undefined, shape: ('string' | 'number')[]): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === shape.length && parts.every((p, i) => typeof p === shape[i])) return parts;
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
