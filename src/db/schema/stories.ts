import { sql } from 'drizzle-orm';
import { boolean, customType, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, id, timestamps } from './columns.ts';
import { groups, type Language, people } from './people.ts';

export const storyFormats = ['interview', 'column', 'behind_the_scenes', 'expertise', 'news', 'vacancy_spotlight', 'external_article'] as const;
export type StoryFormat = (typeof storyFormats)[number];

/** idea → draft → in_review → approved → published → archived (changes requested sends it back to draft). */
export const storyStatuses = ['idea', 'draft', 'in_review', 'approved', 'published', 'archived'] as const;
export type StoryStatus = (typeof storyStatuses)[number];

export const networks = ['linkedin', 'x', 'facebook', 'whatsapp', 'email', 'link'] as const;
export type Network = (typeof networks)[number];

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Managed list of themes; the recruitment domain ties them to hiring needs. */
export const themes = pgTable(
  'themes',
  {
    id: id(),
    key: text('key').notNull(),
    nameNl: text('name_nl').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [uniqueIndex('themes_key_key').on(t.key)],
);

/** Managed list of audiences (candidates, colleagues, press, public affairs, partners & customers). */
export const audiences = pgTable(
  'audiences',
  {
    id: id(),
    key: text('key').notNull(),
    nameNl: text('name_nl').notNull(),
    nameEn: text('name_en').notNull(),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [uniqueIndex('audiences_key_key').on(t.key)],
);

/** Uploaded images: the original and a 1200×627 share image derived for link previews. */
export const images = pgTable('images', {
  id: id(),
  /** Storage key of the original (relative to the storage root). */
  originalKey: text('original_key').notNull(),
  /** Storage key of the 1200×627 share image. */
  shareKey: text('share_key').notNull(),
  mimeType: text('mime_type').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  bytes: integer('bytes').notNull(),
  altText: text('alt_text').notNull().default(''),
  uploadedBy: uuid('uploaded_by').references(() => people.id, { onDelete: 'set null' }),
  createdAt: at('created_at').notNull(),
});

/** A subscribed newsroom RSS/Atom feed; new items arrive as draft external-article stories. */
export const newsroomFeeds = pgTable('newsroom_feeds', {
  id: id(),
  url: text('url').notNull(),
  name: text('name').notNull(),
  language: text('language').$type<Language>().notNull().default('nl'),
  active: boolean('active').notNull().default(true),
  lastFetchedAt: at('last_fetched_at'),
  lastError: text('last_error'),
  createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
  ...timestamps(),
});

/**
 * A story: the piece that gives colleagues the stage. Translations share a translation group.
 * The canonical URL is the hosted story page unless an external URL is set.
 */
export const stories = pgTable(
  'stories',
  {
    id: id(),
    translationGroupId: uuid('translation_group_id').notNull(),
    language: text('language').$type<Language>().notNull(),
    format: text('format').$type<StoryFormat>().notNull(),
    status: text('status').$type<StoryStatus>().notNull(),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    summary: text('summary').notNull().default(''),
    bodyMarkdown: text('body_markdown').notNull().default(''),
    heroImageId: uuid('hero_image_id').references(() => images.id, { onDelete: 'set null' }),
    authorId: uuid('author_id').references(() => people.id, { onDelete: 'set null' }),
    /** Who submitted it (any employee may submit an idea or draft). */
    submittedBy: uuid('submitted_by').references(() => people.id, { onDelete: 'set null' }),
    /** The editor it is assigned to (interview requests, ideas). */
    assignedTo: uuid('assigned_to').references(() => people.id, { onDelete: 'set null' }),
    externalUrl: text('external_url'),
    publishAt: at('publish_at'),
    expireAt: at('expire_at'),
    publishedAt: at('published_at'),
    archivedAt: at('archived_at'),
    /** Planned date on the editorial calendar (ideas and drafts). */
    plannedFor: date('planned_for', { mode: 'string' }),
    newsroomFeedId: uuid('newsroom_feed_id').references(() => newsroomFeeds.id, { onDelete: 'set null' }),
    /** The feed item's guid, so an item is imported once. */
    newsroomGuid: text('newsroom_guid'),
    /** Bumped on every change: the link cache and public pages key on it. */
    revision: integer('revision').notNull().default(1),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`to_tsvector(case when language = 'nl' then 'dutch'::regconfig else 'english'::regconfig end, coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(body_markdown, ''))`,
    ),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('stories_slug_key').on(t.slug),
    index('stories_status_idx').on(t.status, t.publishedAt),
    index('stories_translation_idx').on(t.translationGroupId),
    index('stories_search_idx').using('gin', t.searchVector),
    uniqueIndex('stories_newsroom_key').on(t.newsroomFeedId, t.newsroomGuid),
  ],
);

export const storyThemes = pgTable(
  'story_themes',
  {
    storyId: uuid('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => themes.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.themeId] }), index('story_themes_theme_idx').on(t.themeId)],
);

/** Whose feed shows the story; no rows means everyone's. */
export const storyTargetGroups = pgTable(
  'story_target_groups',
  {
    storyId: uuid('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.groupId] }), index('story_target_groups_group_idx').on(t.groupId)],
);

/**
 * The colleagues a story gives the stage, with their quote as it will appear and their approval:
 * no publication without every featured colleague's approval (an admin override is logged).
 */
export const storyFeatured = pgTable(
  'story_featured',
  {
    storyId: uuid('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    quote: text('quote').notNull().default(''),
    position: integer('position').notNull().default(0),
    approval: text('approval').$type<'not_requested' | 'pending' | 'approved' | 'changes_requested'>().notNull().default('not_requested'),
    approvalComment: text('approval_comment'),
    requestedAt: at('requested_at'),
    decidedAt: at('decided_at'),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.personId] }), index('story_featured_person_idx').on(t.personId)],
);

/** Per story and audience: headline and teaser. */
export const storyVariants = pgTable(
  'story_variants',
  {
    id: id(),
    storyId: uuid('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    audienceId: uuid('audience_id')
      .notNull()
      .references(() => audiences.id, { onDelete: 'cascade' }),
    headline: text('headline').notNull(),
    teaser: text('teaser').notNull().default(''),
    ...timestamps(),
  },
  (t) => [uniqueIndex('story_variants_story_audience_key').on(t.storyId, t.audienceId)],
);

/** Suggested share texts per variant and network (several each). */
export const shareSuggestions = pgTable(
  'share_suggestions',
  {
    id: id(),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => storyVariants.id, { onDelete: 'cascade' }),
    network: text('network').$type<Network>().notNull(),
    text: text('text').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('share_suggestions_variant_idx').on(t.variantId, t.network)],
);

/** The editorial history of a story: transitions, comments, approval decisions, overrides. */
export const storyEvents = pgTable(
  'story_events',
  {
    id: id(),
    storyId: uuid('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => people.id, { onDelete: 'set null' }),
    kind: text('kind').$type<'transition' | 'comment' | 'approval' | 'override'>().notNull(),
    fromStatus: text('from_status').$type<StoryStatus>(),
    toStatus: text('to_status').$type<StoryStatus>(),
    comment: text('comment'),
    at: at('at').notNull(),
  },
  (t) => [index('story_events_story_idx').on(t.storyId, t.at)],
);

export const campaignGoals = ['employer_branding', 'recruitment', 'launch', 'other'] as const;
export type CampaignGoal = (typeof campaignGoals)[number];

/** A named set of stories with a goal, a period and target groups; its slug becomes utm_campaign. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: id(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    goal: text('goal').$type<CampaignGoal>().notNull(),
    themeId: uuid('theme_id').references(() => themes.id, { onDelete: 'set null' }),
    description: text('description').notNull().default(''),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('campaigns_slug_key').on(t.slug)],
);

export const campaignStories = pgTable(
  'campaign_stories',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    storyId: uuid('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.storyId] }), index('campaign_stories_story_idx').on(t.storyId)],
);

export const campaignTargetGroups = pgTable(
  'campaign_target_groups',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.groupId] })],
);
