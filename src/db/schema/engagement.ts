import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, id, timestamps } from './columns.ts';
import { type NotificationChannel, people } from './people.ts';

/** The four kinds of colleague from the original idea, plus "not yet known" (new, or too little data). */
export const personaKeys = ['anchored', 'loyal_fan', 'cautious_mover', 'job_hopper', 'unknown'] as const;
export type PersonaKey = (typeof personaKeys)[number];

/**
 * What a person did in the ambassador app per day that leaves no other trace: feed visits and
 * story reads (lurking is a persona signal). One row per person and day, counted up in place.
 */
export const activityDaily = pgTable(
  'activity_daily',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    feedVisits: integer('feed_visits').notNull().default(0),
    storyReads: integer('story_reads').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.personId, t.day] }), index('activity_daily_day_idx').on(t.day)],
);

/**
 * A person's current persona, with the scores, signals and reasons that decided it. A challenger
 * persona must win two weekly runs in a row (or by a clear margin) before it replaces the current one.
 */
export const personPersonas = pgTable(
  'person_personas',
  {
    personId: uuid('person_id')
      .primaryKey()
      .references(() => people.id, { onDelete: 'cascade' }),
    persona: text('persona').$type<PersonaKey>().notNull(),
    since: at('since').notNull(),
    scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
    signals: jsonb('signals').$type<Record<string, number | null>>().notNull().default({}),
    reasons: jsonb('reasons').$type<{ signal: string; value: number | null; effect: number; persona: string }[]>().notNull().default([]),
    challenger: text('challenger').$type<PersonaKey>(),
    challengerWins: integer('challenger_wins').notNull().default(0),
    computedAt: at('computed_at').notNull(),
  },
  (t) => [index('person_personas_persona_idx').on(t.persona)],
);

/** Persona per person per ISO week (Monday), for history and the persona flow report. */
export const personaHistory = pgTable(
  'persona_history',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    week: date('week', { mode: 'string' }).notNull(),
    persona: text('persona').$type<PersonaKey>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.week] }), index('persona_history_week_idx').on(t.week)],
);

/** The optional four-question self-assessment that weighs in on the persona (and lets a person correct it). */
export const personaAssessments = pgTable('persona_assessments', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  answers: jsonb('answers').$type<Record<string, number>>().notNull(),
  answeredAt: at('answered_at').notNull(),
});

export const nudgeTriggers = ['new_story', 'share_clicks', 'share_application', 'vacancy_needs_stories', 'inactive', 'onboarding', 'leaving'] as const;
export type NudgeTrigger = (typeof nudgeTriggers)[number];

/** Subject, body and call to action of a nudge in one language; `{name}`-style variables are filled per person. */
export interface NudgeText {
  subject: string;
  body: string;
  action: string;
}

/** A kind of nudge: whom it targets, what sets it off, how it reaches them and what it says. */
export const nudgeTemplates = pgTable(
  'nudge_templates',
  {
    id: id(),
    key: text('key').notNull(),
    trigger: text('trigger').$type<NudgeTrigger>().notNull(),
    /** Trigger parameters, e.g. `{ clicks: 10 }` or `{ step: 'first_share', afterDays: 3 }`. */
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    personas: text('personas').array().$type<PersonaKey[]>().notNull(),
    channel: text('channel').$type<NotificationChannel>().notNull(),
    texts: jsonb('texts').$type<{ en: NudgeText; nl: NudgeText }>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Share of people (0–50 %) kept out of this template at random, so its uplift can be measured. */
    holdoutPercent: integer('holdout_percent').notNull().default(10),
    ...timestamps(),
  },
  (t) => [uniqueIndex('nudge_templates_key_key').on(t.key)],
);

export const nudgeStatuses = ['scheduled', 'sent', 'failed', 'holdout', 'suppressed'] as const;
export type NudgeStatus = (typeof nudgeStatuses)[number];

/**
 * Every nudge decided for a person: sent, held out (the control group), suppressed by a guardrail,
 * or failed. The send key (template, person, subject, period) makes a second send impossible.
 */
export const nudges = pgTable(
  'nudges',
  {
    id: id(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => nudgeTemplates.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    persona: text('persona').$type<PersonaKey>().notNull(),
    sendKey: text('send_key').notNull(),
    channel: text('channel').$type<NotificationChannel>().notNull(),
    /** What the nudge is about (a story, vacancy or share), for its link and variables. */
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    variables: jsonb('variables').$type<Record<string, string | number>>().notNull().default({}),
    holdout: boolean('holdout').notNull().default(false),
    status: text('status').$type<NudgeStatus>().notNull(),
    /** Why a nudge was suppressed (cap, quiet hours moved it, paused…) or why it failed. */
    reason: text('reason'),
    attempts: integer('attempts').notNull().default(0),
    scheduledFor: at('scheduled_for').notNull(),
    createdAt: at('created_at').notNull(),
    sentAt: at('sent_at'),
    openedAt: at('opened_at'),
    clickedAt: at('clicked_at'),
  },
  (t) => [
    uniqueIndex('nudges_send_key').on(t.sendKey),
    index('nudges_person_idx').on(t.personId, t.createdAt),
    index('nudges_template_idx').on(t.templateId, t.createdAt),
    index('nudges_status_idx').on(t.status, t.scheduledFor),
  ],
);

/** In-app notifications: the bell in the ambassador app. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    nudgeId: uuid('nudge_id').references(() => nudges.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** A path inside Podium (never another site). */
    url: text('url'),
    createdAt: at('created_at').notNull(),
    readAt: at('read_at'),
  },
  (t) => [index('notifications_person_idx').on(t.personId, t.createdAt)],
);

/** A browser's Web Push subscription (RFC 8030 endpoint with the RFC 8291 keys). */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: at('created_at').notNull(),
    lastSuccessAt: at('last_success_at'),
    failures: integer('failures').notNull().default(0),
  },
  (t) => [uniqueIndex('push_subscriptions_endpoint_key').on(t.endpoint), index('push_subscriptions_person_idx').on(t.personId)],
);

/**
 * The weekly digest per person and week: prepared in bulk (top stories ranked as the person's
 * feed, their impact), then sent one job each; the primary key makes a second send impossible.
 */
export const digests = pgTable(
  'digests',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    week: date('week', { mode: 'string' }).notNull(),
    storyIds: uuid('story_ids').array().notNull(),
    impact: jsonb('impact').$type<Record<string, number>>().notNull().default({}),
    status: text('status').$type<'prepared' | 'sent' | 'failed' | 'skipped'>().notNull(),
    preparedAt: at('prepared_at').notNull(),
    sentAt: at('sent_at'),
  },
  (t) => [primaryKey({ columns: [t.personId, t.week] }), index('digests_week_status_idx').on(t.week, t.status)],
);

