import { date, index, integer, jsonb, pgTable, primaryKey, real, text, uuid } from 'drizzle-orm/pg-core';
import { at, id, timestamps } from './columns.ts';
import { type Language, people } from './people.ts';
import { themes } from './stories.ts';

export const reportFrequencies = ['weekly', 'monthly'] as const;
export type ReportFrequency = (typeof reportFrequencies)[number];

/** A scheduled report: the key figures of a (filtered) dashboard mailed weekly or monthly to chosen people. */
export const reportSubscriptions = pgTable(
  'report_subscriptions',
  {
    id: id(),
    name: text('name').notNull(),
    frequency: text('frequency').$type<ReportFrequency>().notNull(),
    /** The dashboard filter the figures are computed for (department, persona, campaign, …). */
    filters: jsonb('filters').$type<Record<string, string>>().notNull().default({}),
    recipientIds: uuid('recipient_ids').array().notNull(),
    language: text('language').$type<Language>().notNull().default('en'),
    createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
    lastSentAt: at('last_sent_at'),
    /** The last period sent (e.g. 2026-W48 or 2026-11), so a retry never sends a period twice. */
    lastPeriod: text('last_period'),
    ...timestamps(),
  },
  (t) => [index('report_subscriptions_frequency_idx').on(t.frequency)],
);

/** The content gap per theme as it was each day, so the gap can be shown over time. */
export const contentGapSnapshots = pgTable(
  'content_gap_snapshots',
  {
    day: date('day', { mode: 'string' }).notNull(),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => themes.id, { onDelete: 'cascade' }),
    pressure: real('pressure').notNull(),
    supply: real('supply').notNull(),
    need: real('need').notNull(),
    openVacancies: integer('open_vacancies').notNull(),
    recentStories: integer('recent_stories').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.themeId] })],
);
