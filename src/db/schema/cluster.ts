import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';
import { at } from './columns.ts';

/**
 * Request counters of the rate limits, shared by every node on one PostgreSQL database: one row per
 * route and client key (a keyed hash of the client address, or of the person or token), counted in
 * a fixed window that ends at `expires_at`. Rows past their window are swept by whichever node
 * counts next; the embedded single-node engine counts in memory and leaves this table empty.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    key: text('key').primaryKey(),
    hits: bigint('hits', { mode: 'number' }).notNull(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [index('rate_limit_hits_expires_idx').on(t.expiresAt)],
);
