import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, id, timestamps } from './columns.ts';
import { people } from './people.ts';
import { shares } from './sharing.ts';
import { audiences, campaigns, stories } from './stories.ts';
import { vacancies } from './recruitment.ts';

/**
 * A person's account at an identity provider (OpenID Connect): the issuer and its stable subject,
 * so a changed e-mail address at the provider still signs in the same person.
 */
export const identities = pgTable(
  'identities',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** `oidc` for single sign-on; `scim` for the provider's id of a provisioned user. */
    provider: text('provider').$type<'oidc' | 'scim'>().notNull(),
    /** The issuer URL (oidc) or the SCIM client's name; with `subject` it names the account. */
    issuer: text('issuer').notNull(),
    /** The `sub` claim (oidc) or SCIM `externalId`. */
    subject: text('subject').notNull(),
    /** The e-mail address the provider last gave. */
    email: text('email'),
    createdAt: at('created_at').notNull(),
    lastSeenAt: at('last_seen_at'),
  },
  (t) => [uniqueIndex('identities_subject_key').on(t.provider, t.issuer, t.subject), index('identities_person_idx').on(t.personId)],
);

export const linkedinConnectionStatuses = ['connected', 'expired', 'revoked'] as const;
export type LinkedinConnectionStatus = (typeof linkedinConnectionStatuses)[number];

/** A person's LinkedIn account connected through OAuth: the access token is encrypted at rest (see src/crypto). */
export const linkedinConnections = pgTable('linkedin_connections', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  /** The member's `sub` from userinfo: the author is `urn:li:person:{sub}`. */
  memberId: text('member_id').notNull(),
  name: text('name'),
  /** AES-256-GCM ciphertext of the access token (never the token itself). */
  accessTokenEncrypted: text('access_token_encrypted').notNull(),
  /** Granted scopes, space-separated as LinkedIn returns them. */
  scopes: text('scopes').notNull(),
  expiresAt: at('expires_at').notNull(),
  status: text('status').$type<LinkedinConnectionStatus>().notNull(),
  connectedAt: at('connected_at').notNull(),
  /** When the person was reminded to reconnect before expiry (once per token). */
  reconnectNudgedAt: at('reconnect_nudged_at'),
  updatedAt: at('updated_at').notNull(),
});

export const linkedinPostStatuses = ['scheduled', 'posting', 'posted', 'failed', 'cancelled'] as const;
export type LinkedinPostStatus = (typeof linkedinPostStatuses)[number];

/**
 * A post to LinkedIn through the API, now or at a planned moment. The share (with its tracked link)
 * is made when the post is sent, so a cancelled post leaves no share behind.
 */
export const linkedinPosts = pgTable(
  'linkedin_posts',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    itemType: text('item_type').$type<'story' | 'vacancy'>().notNull(),
    storyId: uuid('story_id').references(() => stories.id, { onDelete: 'cascade' }),
    vacancyId: uuid('vacancy_id').references(() => vacancies.id, { onDelete: 'cascade' }),
    /** The person's own words (stored as typed; escaped for the Posts API when sent). */
    text: text('text').notNull(),
    audienceId: uuid('audience_id').references(() => audiences.id, { onDelete: 'set null' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    /** The moment the person chose (null: now). */
    requestedFor: at('requested_for'),
    /** When it will actually go out: the chosen moment, spread apart from colleagues' posts of the same item. */
    scheduledFor: at('scheduled_for').notNull(),
    status: text('status').$type<LinkedinPostStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Why the last attempt failed, as a code the interface translates (token_expired, rate_limited, …). */
    lastError: text('last_error'),
    /** The share made when it was sent; its link is the article's source. */
    shareId: uuid('share_id').references(() => shares.id, { onDelete: 'set null' }),
    /** The post's URN from LinkedIn's `x-restli-id` header. */
    postUrn: text('post_urn'),
    postedAt: at('posted_at'),
    ...timestamps(),
  },
  (t) => [
    index('linkedin_posts_person_idx').on(t.personId, t.scheduledFor),
    index('linkedin_posts_due_idx')
      .on(t.scheduledFor)
      .where(sql`${t.status} = 'scheduled'`),
    index('linkedin_posts_story_idx').on(t.storyId, t.scheduledFor),
  ],
);

export const webhookEvents = ['share.created', 'click.recorded', 'conversion.recorded', 'story.published', 'person.left'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** An HTTPS endpoint an admin registered for events; deliveries are signed with its secret (encrypted at rest). */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: id(),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  events: text('events').array().$type<WebhookEvent[]>().notNull(),
  /** AES-256-GCM ciphertext of the signing secret (it must be readable to sign, so it is not hashed). */
  secretEncrypted: text('secret_encrypted').notNull(),
  active: boolean('active').notNull().default(true),
  /** Deliveries that failed in a row (all retries spent); reset by a success. */
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  disabledAt: at('disabled_at'),
  disabledReason: text('disabled_reason'),
  createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
  ...timestamps(),
});

export const webhookDeliveryStatuses = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/** One event for one endpoint: the signed body, every attempt's outcome, replayable. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    event: text('event').$type<WebhookEvent>().notNull(),
    /** The event's own id (the same for every endpoint), sent in the body for receivers to deduplicate. */
    eventId: uuid('event_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<WebhookDeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at'),
    responseStatus: integer('response_status'),
    /** The first few kilobytes of the last response (or the network error). */
    responseBody: text('response_body'),
    durationMs: integer('duration_ms'),
    /** Set on a delivery made by replaying an earlier one. */
    replayOf: uuid('replay_of'),
    createdAt: at('created_at').notNull(),
    deliveredAt: at('delivered_at'),
  },
  (t) => [
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
    index('webhook_deliveries_event_idx').on(t.eventId),
    // The sweeper's question: which pending deliveries are due.
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** Where each periodic event feed (e.g. click.recorded batches) got to, so a restart neither repeats nor skips. */
export const eventCursors = pgTable('event_cursors', {
  name: text('name').primaryKey(),
  position: jsonb('position').$type<Record<string, unknown>>().notNull(),
  updatedAt: at('updated_at').notNull(),
});
