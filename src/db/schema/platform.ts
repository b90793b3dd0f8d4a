import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, id } from './columns.ts';
import { apiTokens } from './auth.ts';
import { people } from './people.ts';

/** Who did what to which record, with before/after, for admins. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: at('at').notNull(),
    actorPersonId: uuid('actor_person_id').references(() => people.id, { onDelete: 'set null' }),
    actorTokenId: uuid('actor_token_id').references(() => apiTokens.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action, t.at)],
);

/** Mail Podium sent: kept as the outbox when no SMTP server is configured, and as the send log otherwise. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: id(),
    createdAt: at('created_at').notNull(),
    toAddress: text('to_address').notNull(),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    /** outbox: kept here only; sent: handed to SMTP; failed: SMTP refused it. */
    status: text('status').$type<'outbox' | 'sent' | 'failed'>().notNull(),
    sentAt: at('sent_at'),
    error: text('error'),
  },
  (t) => [index('mail_outbox_created_idx').on(t.createdAt), index('mail_outbox_person_idx').on(t.personId)],
);

/** Organisation-wide settings as typed JSON values, one row per key. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: at('updated_at').notNull(),
});
