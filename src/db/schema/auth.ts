import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, id } from './columns.ts';
import { people, type Role } from './people.ts';

/** Signed-in browser sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    /** How the session began: magic_link, password, setup, sso. */
    method: text('method').notNull(),
  },
  (t) => [uniqueIndex('sessions_token_key').on(t.tokenHash), index('sessions_person_idx').on(t.personId)],
);

/** Single-use links sent by e-mail: sign-in, first-run set-up, invitations. */
export const signInLinks = pgTable(
  'sign_in_links',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    purpose: text('purpose').$type<'sign_in' | 'setup' | 'invite'>().notNull(),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'cascade' }),
    email: text('email'),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [uniqueIndex('sign_in_links_token_key').on(t.tokenHash)],
);

/** Scopes a token may carry besides its role. */
export const tokenScopes = ['analytics', 'scim'] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** API tokens for integrations: shown once, stored hashed, each with one role, revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** First characters of the token, so an admin can tell tokens apart without the secret. */
    prefix: text('prefix').notNull(),
    role: text('role').$type<Role>().notNull(),
    /** Extra read access beyond the role, e.g. `analytics` for a BI tool reading the dashboards' API. */
    scopes: text('scopes').array().$type<TokenScope[]>().notNull().default(sql`'{}'::text[]`),
    /** The person the token acts for (their shares, their profile); null for organisation tokens. */
    personId: uuid('person_id').references(() => people.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
    /** Internal tokens (the CLI's control token) are hidden from the admin list. */
    internal: boolean('internal').notNull().default(false),
    createdAt: at('created_at').notNull(),
    lastUsedAt: at('last_used_at'),
    expiresAt: at('expires_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash)],
);
