import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, id, timestamps } from './columns.ts';

export const roles = ['admin', 'editor', 'recruiter', 'ambassador'] as const;
export type Role = (typeof roles)[number];

/** invited → active → paused → opted_out → alumni (the revolving-door ambassador keeps their links). */
export const ambassadorStatuses = ['invited', 'active', 'paused', 'opted_out', 'alumni'] as const;
export type AmbassadorStatus = (typeof ambassadorStatuses)[number];

export const languages = ['nl', 'en'] as const;
export type Language = (typeof languages)[number];

export const notificationChannels = ['email', 'in_app', 'web_push', 'slack'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

export const groupKinds = ['department', 'location', 'team'] as const;
export type GroupKind = (typeof groupKinds)[number];

/**
 * Everyone Podium knows: employees (ambassadors or not), programme staff and alumni.
 * A person row is never deleted while shares point at it: erasure anonymises it instead.
 */
export const people = pgTable(
  'people',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    language: text('language').$type<Language>().notNull().default('en'),
    timeZone: text('time_zone').notNull().default('Europe/Amsterdam'),
    startDate: date('start_date', { mode: 'string' }),
    roles: text('roles').array().$type<Role[]>().notNull().default(sql`'{ambassador}'::text[]`),
    ambassadorStatus: text('ambassador_status').$type<AmbassadorStatus>().notNull().default('invited'),
    /** false once an admin deactivates the account: no sign-in, links keep working. */
    active: boolean('active').notNull().default(true),
    notificationChannels: text('notification_channels')
      .array()
      .$type<NotificationChannel[]>()
      .notNull()
      .default(sql`'{email,in_app}'::text[]`),
    passwordHash: text('password_hash'),
    /** A private address an alumnus leaves behind to keep signing in after leaving. */
    personalEmail: text('personal_email'),
    /** Self-reported LinkedIn network size (reach estimates, personas). */
    networkSize: integer('network_size'),
    /** Free-form profile preferences later issues add to without a migration per flag. */
    preferences: jsonb('preferences').$type<Record<string, unknown>>().notNull().default({}),
    statusChangedAt: at('status_changed_at'),
    deactivatedAt: at('deactivated_at'),
    erasedAt: at('erased_at'),
    lastSeenAt: at('last_seen_at'),
    /** When the person left the organisation (status alumni); their links and attribution stay. */
    leftAt: at('left_at'),
    /** When a leaver joined the alumni programme (keeps sharing public stories); null: not joined. */
    alumniJoinedAt: at('alumni_joined_at'),
    /** One-click unsubscribe from nudge e-mails (RFC 8058); null: subscribed. */
    nudgeMailUnsubscribedAt: at('nudge_mail_unsubscribed_at'),
    /** One-click unsubscribe from the weekly digest; null: subscribed. */
    digestUnsubscribedAt: at('digest_unsubscribed_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('people_email_key').on(sql`lower(${t.email})`),
    index('people_status_idx').on(t.ambassadorStatus),
    index('people_name_idx').on(sql`lower(${t.name})`),
  ],
);

/** Departments, locations and teams; a person belongs to any number of them. */
export const groups = pgTable(
  'groups',
  {
    id: id(),
    kind: text('kind').$type<GroupKind>().notNull(),
    name: text('name').notNull(),
    /** Identifier in an identity provider or HR system (SCIM, claims). */
    externalId: text('external_id'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('groups_kind_name_key').on(t.kind, sql`lower(${t.name})`)],
);

export const groupMemberships = pgTable(
  'group_memberships',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull().$defaultFn(() => new Date()),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.personId] }), index('group_memberships_person_idx').on(t.personId)],
);

/**
 * Consent to the ambassador programme: one row per opt-in, closed by an opt-out, so the history
 * of which social-media policy version was accepted when is kept.
 */
export const consents = pgTable(
  'consents',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    policyVersion: text('policy_version').notNull(),
    givenAt: at('given_at').notNull(),
    withdrawnAt: at('withdrawn_at'),
  },
  (t) => [index('consents_person_idx').on(t.personId)],
);

/** Every change of a person's ambassador status, for lifecycle reports and persona flows. */
export const personStatusChanges = pgTable(
  'person_status_changes',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status').$type<AmbassadorStatus>(),
    toStatus: text('to_status').$type<AmbassadorStatus>().notNull(),
    changedAt: at('changed_at').notNull(),
  },
  (t) => [index('person_status_changes_person_idx').on(t.personId, t.changedAt)],
);

/** A CSV import of employees: validated, staged in short transactions, then merged in one. */
export const peopleImports = pgTable('people_imports', {
  id: id(),
  createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
  status: text('status').$type<'running' | 'completed' | 'failed' | 'rejected'>().notNull(),
  phase: text('phase').$type<'validating' | 'staging' | 'applying' | 'inviting' | 'done'>().notNull(),
  total: integer('total').notNull().default(0),
  processed: integer('processed').notNull().default(0),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  invited: integer('invited').notNull().default(0),
  errors: jsonb('errors').$type<{ line: number; reason: string }[]>().notNull().default([]),
  message: text('message'),
  invite: boolean('invite').notNull().default(true),
  ...timestamps(),
  finishedAt: at('finished_at'),
});

/** Staging rows of an import; merged set-wise into people, then deleted. */
export const peopleImportRows = pgTable(
  'people_import_rows',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => peopleImports.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    /** Id for the person if the row creates one (ids are made by the application). */
    personId: uuid('person_id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    language: text('language'),
    timeZone: text('time_zone'),
    startDate: date('start_date', { mode: 'string' }),
    department: text('department'),
    location: text('location'),
    teams: text('teams').array(),
    roles: text('roles').array(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.line] })],
);
