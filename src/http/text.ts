import { z } from 'zod';

/**
 * Text PostgreSQL can store: it refuses the NUL character in text columns, so without this check
 * a stray `\u0000` in a name or search reaches the database and answers 500 instead of 400.
 */
export const text = () => z.string().refine((value) => !value.includes('\0'), { message: 'must not contain the NUL character' });
