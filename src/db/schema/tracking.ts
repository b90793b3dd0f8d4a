import { date, index, integer, pgTable, primaryKey, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { at, id } from './columns.ts';
import type { SharedItemType } from './sharing.ts';
import type { Network } from './stories.ts';

/**
 * The daily random salt of the visitor hash (the Plausible method): a new one each UTC day,
 * deleted after 48 hours, so a visitor cannot be followed from one day to the next.
 */
export const visitorSalts = pgTable('visitor_salts', {
  day: date('day', { mode: 'string' }).primaryKey(),
  salt: text('salt').notNull(),
  createdAt: at('created_at').notNull(),
});

/**
 * The dimensions every click rollup and touchpoint carries, as they were at the time of the
 * share: reports break down by them without reading shares or raw clicks.
 */
const shareDimensions = () => ({
  shareId: uuid('share_id').notNull(),
  personId: uuid('person_id').notNull(),
  itemType: text('item_type').$type<SharedItemType>().notNull(),
  storyId: uuid('story_id'),
  vacancyId: uuid('vacancy_id'),
  campaignId: uuid('campaign_id'),
  network: text('network').$type<Network>().notNull(),
  audienceId: uuid('audience_id'),
  departmentId: uuid('department_id'),
  personaKey: text('persona_key'),
});

/** Counters kept per bucket and share, updated by the click writer in the same transaction as the clicks. */
const clickCounters = () => ({
  /** People's clicks (visits). */
  humanClicks: integer('human_clicks').notNull().default(0),
  /** Visits that are not a repeat of the same visitor on the same link within 30 minutes. */
  uniqueClicks: integer('unique_clicks').notNull().default(0),
  /** First visit of a visitor to the link that day: summed over days, this is "unique visitors" (a sum of daily uniques). */
  visitors: integer('visitors').notNull().default(0),
  /** Link-preview crawlers. */
  previews: integer('previews').notNull().default(0),
  /** Other bots and HEAD requests. */
  botClicks: integer('bot_clicks').notNull().default(0),
});

/** Clicks per share and hour (UTC hour start). */
export const clickRollupsHourly = pgTable(
  'click_rollups_hourly',
  { hour: at('hour').notNull(), ...shareDimensions(), ...clickCounters() },
  (t) => [primaryKey({ columns: [t.hour, t.shareId] }), index('click_rollups_hourly_story_idx').on(t.storyId, t.hour)],
);

/** Clicks per share and UTC day. */
export const clickRollupsDaily = pgTable(
  'click_rollups_daily',
  { day: date('day', { mode: 'string' }).notNull(), ...shareDimensions(), ...clickCounters() },
  (t) => [
    primaryKey({ columns: [t.day, t.shareId] }),
    index('click_rollups_daily_share_idx').on(t.shareId, t.day),
    index('click_rollups_daily_story_idx').on(t.storyId, t.day),
    index('click_rollups_daily_person_idx').on(t.personId, t.day),
    index('click_rollups_daily_campaign_idx').on(t.campaignId, t.day),
    index('click_rollups_daily_vacancy_idx').on(t.vacancyId, t.day),
  ],
);

export const conversionTypes = ['apply_started', 'application', 'hire', 'lead', 'signup'] as const;
export type ConversionType = (typeof conversionTypes)[number];
export const conversionSources = ['script', 'api', 'import'] as const;
export type ConversionSource = (typeof conversionSources)[number];

/**
 * What a visitor did next, reported by the careers site (t.js), an ATS (API) or a CSV import.
 * Idempotent on external_id: a repeat report returns the first one.
 */
export const conversions = pgTable(
  'conversions',
  {
    id: id(),
    externalId: text('external_id').notNull(),
    type: text('type').$type<ConversionType>().notNull(),
    source: text('source').$type<ConversionSource>().notNull(),
    occurredAt: at('occurred_at').notNull(),
    receivedAt: at('received_at').notNull(),
    /** The vacancy in Podium (linked to vacancies by the recruitment domain). */
    vacancyId: uuid('vacancy_id'),
    /** The ATS's own job id, until it is linked to a vacancy. */
    vacancyRef: text('vacancy_ref'),
    /** Click ids as reported (unknown ones included), for the record. */
    reportedClickIds: uuid('reported_click_ids').array().notNull(),
    /** Human clicks found within the lookback (the touchpoints' count). */
    touchpointCount: integer('touchpoint_count').notNull(),
    firstTouchAt: at('first_touch_at'),
    lastTouchAt: at('last_touch_at'),
  },
  (t) => [
    uniqueIndex('conversions_external_key').on(t.externalId),
    index('conversions_occurred_idx').on(t.occurredAt),
    index('conversions_type_idx').on(t.type, t.occurredAt),
    index('conversions_vacancy_idx').on(t.vacancyId, t.occurredAt),
    // Conversions waiting for their vacancy to be imported (linked when a sync adds it).
    index('conversions_unlinked_ref_idx').on(t.vacancyRef).where(sql`${t.vacancyId} is null`),
  ],
);

/**
 * One human click behind a conversion, within the 90-day lookback, with its credit under three
 * models (first touch, last touch, linear). A copy of the click's dimensions, so attribution
 * outlives the raw clicks' retention.
 */
export const conversionTouchpoints = pgTable(
  'conversion_touchpoints',
  {
    conversionId: uuid('conversion_id')
      .notNull()
      .references(() => conversions.id, { onDelete: 'cascade' }),
    clickId: uuid('click_id').notNull(),
    /** 1 for the first touch, counting up in time order. */
    position: integer('position').notNull(),
    occurredAt: at('occurred_at').notNull(),
    ...shareDimensions(),
    creditFirst: real('credit_first').notNull(),
    creditLast: real('credit_last').notNull(),
    creditLinear: real('credit_linear').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversionId, t.clickId] }),
    index('conversion_touchpoints_share_idx').on(t.shareId),
    index('conversion_touchpoints_story_idx').on(t.storyId),
    index('conversion_touchpoints_person_idx').on(t.personId),
    index('conversion_touchpoints_campaign_idx').on(t.campaignId),
  ],
);
