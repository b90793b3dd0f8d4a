import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, id, timestamps } from './columns.ts';
import { groups, type Language, people } from './people.ts';
import { themes } from './stories.ts';

export const vacancySourceTypes = ['recruitee', 'greenhouse', 'lever', 'personio', 'workable', 'jsonld', 'csv'] as const;
export type VacancySourceType = (typeof vacancySourceTypes)[number];

/** Where vacancies come from: an applicant tracking system's public feed, a careers page, or CSV uploads. */
export const vacancySources = pgTable(
  'vacancy_sources',
  {
    id: id(),
    type: text('type').$type<VacancySourceType>().notNull(),
    name: text('name').notNull(),
    /** The feed or careers page; null for CSV sources (files are uploaded). */
    url: text('url'),
    active: boolean('active').notNull().default(true),
    /** How often the scheduled job syncs this source. */
    syncIntervalMinutes: integer('sync_interval_minutes').notNull().default(60),
    lastSyncedAt: at('last_synced_at'),
    /** Why the last sync changed nothing (fetch or parse error), shown in the UI; null after a good sync. */
    lastError: text('last_error'),
    createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [uniqueIndex('vacancy_sources_url_key').on(t.type, t.url)],
);

export const vacancyStatuses = ['open', 'closed'] as const;
export type VacancyStatus = (typeof vacancyStatuses)[number];
export const urgencies = ['low', 'normal', 'high', 'critical'] as const;
export type Urgency = (typeof urgencies)[number];

/** A job opening, imported (source + external id) or made by hand (no source). */
export const vacancies = pgTable(
  'vacancies',
  {
    id: id(),
    sourceId: uuid('source_id').references(() => vacancySources.id, { onDelete: 'set null' }),
    externalId: text('external_id'),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    /** The department as the source names it, and the department group it was matched to. */
    departmentName: text('department_name'),
    departmentId: uuid('department_id').references(() => groups.id, { onDelete: 'set null' }),
    location: text('location'),
    employmentType: text('employment_type'),
    /** Sanitised HTML. */
    descriptionHtml: text('description_html').notNull().default(''),
    applyUrl: text('apply_url'),
    openings: integer('openings').notNull().default(1),
    language: text('language').$type<Language>(),
    status: text('status').$type<VacancyStatus>().notNull().default('open'),
    urgency: text('urgency').$type<Urgency>().notNull().default('normal'),
    /** True once someone set the themes by hand: rules no longer change them. */
    themesOverridden: boolean('themes_overridden').notNull().default(false),
    openedAt: at('opened_at').notNull(),
    closedAt: at('closed_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('vacancies_source_external_key').on(t.sourceId, t.externalId),
    uniqueIndex('vacancies_slug_key').on(t.slug),
    index('vacancies_status_idx').on(t.status, t.openedAt),
  ],
);

/** The themes of a vacancy: from rules (department, title keywords) or set by hand. */
export const vacancyThemes = pgTable(
  'vacancy_themes',
  {
    vacancyId: uuid('vacancy_id')
      .notNull()
      .references(() => vacancies.id, { onDelete: 'cascade' }),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => themes.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.vacancyId, t.themeId] }), index('vacancy_themes_theme_idx').on(t.themeId)],
);

/** Ties themes to hiring: a department, or a keyword in a vacancy's title, brings a theme. */
export const themeRules = pgTable(
  'theme_rules',
  {
    id: id(),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => themes.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'department' | 'keyword'>().notNull(),
    departmentId: uuid('department_id').references(() => groups.id, { onDelete: 'cascade' }),
    keyword: text('keyword'),
    ...timestamps(),
  },
  (t) => [index('theme_rules_theme_idx').on(t.themeId)],
);

export const vacancySyncStatuses = ['applied', 'failed', 'awaiting_confirmation', 'confirmed', 'dismissed'] as const;
export type VacancySyncStatus = (typeof vacancySyncStatuses)[number];

/** One sync of a source and what it did (or would do, while a mass close waits for an admin). */
export const vacancySyncs = pgTable(
  'vacancy_syncs',
  {
    id: id(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => vacancySources.id, { onDelete: 'cascade' }),
    startedAt: at('started_at').notNull(),
    finishedAt: at('finished_at'),
    status: text('status').$type<VacancySyncStatus>().notNull(),
    added: integer('added').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    closed: integer('closed').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    /** Entries the feed carried that could not be used, with reasons. */
    problems: jsonb('problems').$type<{ externalId: string | null; message: string }[]>().notNull().default([]),
    error: text('error'),
    triggeredBy: uuid('triggered_by').references(() => people.id, { onDelete: 'set null' }),
  },
  (t) => [index('vacancy_syncs_source_idx').on(t.sourceId, t.startedAt)],
);
