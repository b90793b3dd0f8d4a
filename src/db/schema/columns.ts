import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';

/** Primary key made by the application (UUIDv7: time-ordered, and needs no database function newer than PostgreSQL 15). */
export const id = () => uuid('id').primaryKey().$defaultFn(() => uuidv7());

/** A timestamp with time zone, as a JS Date. */
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** created_at / updated_at pair kept by the application. */
export const timestamps = () => ({
  createdAt: at('created_at').notNull().$defaultFn(() => new Date()),
  updatedAt: at('updated_at').notNull().$defaultFn(() => new Date()),
});
