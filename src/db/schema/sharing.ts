import { boolean, index, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, id } from './columns.ts';
import { groups, people } from './people.ts';
import { vacancies } from './recruitment.ts';
import { audiences, campaigns, type Network, stories } from './stories.ts';

/** What a share (and its link) is about: a story or a vacancy. */
export const sharedItemTypes = ['story', 'vacancy'] as const;
export type SharedItemType = (typeof sharedItemTypes)[number];

/**
 * One ambassador sharing one item on one network, in their own words. Department (and later
 * persona) are kept as they were at the time of the share, for fair breakdowns.
 */
export const shares = pgTable(
  'shares',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    itemType: text('item_type').$type<SharedItemType>().notNull(),
    storyId: uuid('story_id').references(() => stories.id),
    vacancyId: uuid('vacancy_id').references(() => vacancies.id),
    network: text('network').$type<Network>().notNull(),
    audienceId: uuid('audience_id').references(() => audiences.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    /** False when the text is ≥ 90% similar to a suggestion or a colleague's text for the same item. */
    personalised: boolean('personalised').notNull(),
    /** Highest similarity found (0–1) against suggestions and colleagues' texts. */
    similarity: real('similarity').notNull(),
    disclosureAdded: boolean('disclosure_added').notNull().default(true),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    departmentId: uuid('department_id').references(() => groups.id, { onDelete: 'set null' }),
    /** The sharer's persona at the time of the share (the personas issue fills it). */
    personaKey: text('persona_key'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('shares_person_idx').on(t.personId, t.createdAt), index('shares_story_idx').on(t.storyId, t.createdAt), index('shares_vacancy_idx').on(t.vacancyId, t.createdAt)],
);

/**
 * A tracked short link: one per share. What it points at never changes; the destination is the
 * item's current canonical URL, so links keep working after archiving or erasure.
 */
export const links = pgTable(
  'links',
  {
    code: text('code').primaryKey(),
    shareId: uuid('share_id')
      .notNull()
      .references(() => shares.id),
    itemType: text('item_type').$type<SharedItemType>().notNull(),
    storyId: uuid('story_id').references(() => stories.id),
    vacancyId: uuid('vacancy_id').references(() => vacancies.id),
    createdAt: at('created_at').notNull(),
  },
  (t) => [uniqueIndex('links_share_key').on(t.shareId)],
);

/**
 * Every opening of a link. The id is the click id handed to the destination (pcid). No IP
 * address or user agent is stored; the visitor hash uses a salt that rotates daily.
 */
export const clicks = pgTable(
  'clicks',
  {
    id: id(),
    linkCode: text('link_code').notNull(),
    shareId: uuid('share_id').notNull(),
    occurredAt: at('occurred_at').notNull(),
    /** Bots, link-preview crawlers and HEAD requests: recorded, never counted as visits. */
    bot: boolean('bot').notNull(),
    kind: text('kind').$type<'visit' | 'preview' | 'head' | 'bot'>().notNull(),
    device: text('device').$type<'mobile' | 'desktop' | 'tablet' | null>(),
    referrerHost: text('referrer_host'),
    /** Hash of (IP, user agent, link host) with the day's salt; null for bots. Useless once the salt is gone. */
    visitorHash: text('visitor_hash'),
    /** A person's click that is not a repeat of the same visitor on the same link within 30 minutes. */
    uniqueClick: boolean('unique_click'),
  },
  // Few indexes, as every click writes each: the visitor's previous click on a link (unique
  // clicks, daily visitors; its prefix serves per-link reads) and time (retention). Reports read rollups.
  (t) => [index('clicks_link_visitor_idx').on(t.linkCode, t.visitorHash, t.occurredAt), index('clicks_occurred_idx').on(t.occurredAt)],
);
