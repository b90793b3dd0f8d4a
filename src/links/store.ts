import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database, Tx } from '../db/client.ts';
import { shares } from '../db/schema/index.ts';
import type { SharedItemType } from '../db/schema/sharing.ts';
import type { Network } from '../db/schema/stories.ts';
import { rowsOf } from '../db/rows.ts';

/** What a share was at the time it was made: every rollup and touchpoint carries it. */
export interface ShareDimensions {
  shareId: string;
  personId: string;
  itemType: SharedItemType;
  storyId: string | null;
  vacancyId: string | null;
  campaignId: string | null;
  network: Network;
  audienceId: string | null;
  departmentId: string | null;
  personaKey: string | null;
}

export type ClickKind = 'visit' | 'preview' | 'head' | 'bot';

/** One opening of a link as the redirect saw it: never the IP address or the user agent. */
export interface ClickInput {
  /** UUIDv7; handed to the destination as `pcid` so a later conversion can be joined to it. */
  id: string;
  linkCode: string;
  occurredAt: Date;
  kind: ClickKind;
  /** True for everything that is not a person's visit (crawlers, bots, HEAD requests). */
  bot: boolean;
  device: 'mobile' | 'tablet' | 'desktop' | null;
  referrerHost: string | null;
  /** Hash of (IP, user agent, link host) with the day's salt; null for bots or when no salt was at hand. */
  visitorHash: string | null;
  share: ShareDimensions;
}

/** A repeat click by the same visitor on the same link within this time counts once. */
export const UNIQUE_WINDOW_MS = 30 * 60_000;

/** The columns of a share that make its dimensions (also selected with a link, see cache.ts). */
export const shareDimensionColumns = {
  shareId: shares.id,
  personId: shares.personId,
  itemType: shares.itemType,
  storyId: shares.storyId,
  vacancyId: shares.vacancyId,
  campaignId: shares.campaignId,
  network: shares.network,
  audienceId: shares.audienceId,
  departmentId: shares.departmentId,
  personaKey: shares.personaKey,
};

/** The dimensions of shares, by id (the click writer caches them with the link). */
export async function shareDimensionsOf(tx: Tx, shareIds: string[]): Promise<Map<string, ShareDimensions>> {
  if (shareIds.length === 0) return new Map();
  const rows = await tx
    .select(shareDimensionColumns)
    .from(shares)
    .where(shareIds.length === 1 ? eq(shares.id, shareIds[0] as string) : inArray(shares.id, shareIds));
  return new Map(rows.map((row) => [row.shareId, row]));
}

/**
 * Writes a batch of clicks and adds them to the hourly and daily rollups — in ONE statement, so a
 * batch costs a single round trip and is atomic on its own (or part of the caller's transaction).
 * Idempotent: a click already stored (same id, e.g. replayed from the spool) is skipped and counted
 * nowhere. A person's click is unique unless the same visitor opened the same link in the 30
 * minutes before; it adds a daily visitor when it is the visitor's first on the link that UTC day.
 * Earlier clicks are looked up in the table and, within the batch, with window functions.
 * Answers the clicks that were new.
 */
export async function storeClicks(tx: Tx, batch: readonly ClickInput[]): Promise<ClickInput[]> {
  if (batch.length === 0) return [];
  return newClicks(batch, rowsOf<{ id: string }>(await tx.execute(clickBatch(batch))));
}

const dialect = new PgDialect();

/**
 * `storeClicks` for the redirect path, outside any transaction: the statement's text is the same
 * for every batch (one parameter per column), so PostgreSQL plans it once per connection.
 */
export async function storeClickBatch(database: Database, batch: readonly ClickInput[]): Promise<ClickInput[]> {
  if (batch.length === 0) return [];
  const query = dialect.sqlToQuery(clickBatch(batch));
  return newClicks(batch, await database.queryPrepared<{ id: string }>('podium_store_clicks', query.sql, query.params));
}

function newClicks(batch: readonly ClickInput[], stored: { id: string }[]): ClickInput[] {
  const fresh = new Set(stored.map((row) => row.id));
  return batch.filter((click) => fresh.has(click.id));
}

/** The one statement that stores a batch and adds it to the rollups (see storeClicks). */
function clickBatch(batch: readonly ClickInput[]): SQL {
  const uniqueWindow = sql.raw(`interval '${UNIQUE_WINDOW_MS / 60_000} minutes'`);
  // One parameter per column (arrays unnested), however big the batch: cheap to send and to plan.
  const column = (pick: (click: ClickInput) => string | boolean | null) => pgArray(batch.map(pick));
  const counters = ['human_clicks', 'unique_clicks', 'visitors', 'previews', 'bot_clicks'];
  const addCounters = (table: string) => sql.raw(counters.map((name) => `"${name}" = "${table}"."${name}" + excluded."${name}"`).join(', '));
  const rollup = (table: string, bucket: string, bucketExpression: string) => sql`
    insert into ${sql.identifier(table)} (${sql.identifier(bucket)}, share_id, person_id, item_type, story_id, vacancy_id, campaign_id, network, audience_id,
      department_id, persona_key, human_clicks, unique_clicks, visitors, previews, bot_clicks)
    select ${sql.raw(bucketExpression)} as bucket, share_id, person_id, item_type, story_id, vacancy_id, campaign_id, network, audience_id, department_id, persona_key,
      count(*) filter (where not bot), count(*) filter (where not bot and is_unique), count(*) filter (where not bot and first_of_day),
      count(*) filter (where kind = 'preview'), count(*) filter (where bot and kind <> 'preview')
    from flagged join stored using (id)
    group by 1, share_id, person_id, item_type, story_id, vacancy_id, campaign_id, network, audience_id, department_id, persona_key
    -- Rows in key order, so concurrent writers never wait on each other in a cycle.
    order by 1, share_id
    on conflict (${sql.identifier(bucket)}, share_id) do update set ${addCounters(table)}`;
  return sql`
    with input as (
      select * from unnest(
        ${column((c) => c.id)}::uuid[], ${column((c) => c.linkCode)}::text[], ${column((c) => c.occurredAt.toISOString())}::timestamptz[],
        ${column((c) => c.bot)}::boolean[], ${column((c) => c.kind)}::text[], ${column((c) => c.device)}::text[],
        ${column((c) => c.referrerHost)}::text[], ${column((c) => c.visitorHash)}::text[],
        ${column((c) => c.share.shareId)}::uuid[], ${column((c) => c.share.personId)}::uuid[], ${column((c) => c.share.itemType)}::text[],
        ${column((c) => c.share.storyId)}::uuid[], ${column((c) => c.share.vacancyId)}::uuid[], ${column((c) => c.share.campaignId)}::uuid[],
        ${column((c) => c.share.network)}::text[],
        ${column((c) => c.share.audienceId)}::uuid[], ${column((c) => c.share.departmentId)}::uuid[], ${column((c) => c.share.personaKey)}::text[]
      ) as i(id, link_code, occurred_at, bot, kind, device, referrer_host, visitor_hash,
             share_id, person_id, item_type, story_id, vacancy_id, campaign_id, network, audience_id, department_id, persona_key)
    ),
    -- A click already stored (a replay) is not inserted again, so it is counted nowhere; no
    -- anti-join against the table here, which would grow with it.
    in_batch as (
      select input.*, lag(occurred_at) over (partition by link_code, visitor_hash order by occurred_at, id) as previous_in_batch
      from input
    ),
    -- The visitor's latest earlier click on the link: from the batch (window function) or stored
    -- (one index probe, looking back no further than the window or the start of the day).
    previous as (
      select in_batch.*, greatest(previous_in_batch, stored_before.at) as previous_at,
        date_trunc('day', occurred_at at time zone 'UTC') at time zone 'UTC' as day_start
      from in_batch left join lateral (
        select max(c.occurred_at) as at from clicks c
        where in_batch.visitor_hash is not null and c.link_code = in_batch.link_code and c.visitor_hash = in_batch.visitor_hash
          and c.occurred_at <= in_batch.occurred_at
          and c.occurred_at >= least(in_batch.occurred_at - ${uniqueWindow}, date_trunc('day', in_batch.occurred_at at time zone 'UTC') at time zone 'UTC')
      ) stored_before on true
    ),
    flagged as (
      select previous.*,
        visitor_hash is null or previous_at is null or occurred_at - previous_at >= ${uniqueWindow} as is_unique,
        visitor_hash is null or previous_at is null or previous_at < day_start as first_of_day
      from previous
    ),
    stored as (
      insert into clicks (id, link_code, share_id, occurred_at, bot, kind, device, referrer_host, visitor_hash, unique_click)
      select id, link_code, share_id, occurred_at, bot, kind, device, referrer_host, visitor_hash, case when bot then null else is_unique end
      from flagged
      on conflict (id) do nothing
      returning id
    ),
    hourly as (${rollup('click_rollups_hourly', 'hour', "date_trunc('hour', occurred_at at time zone 'UTC') at time zone 'UTC'")}),
    daily as (${rollup('click_rollups_daily', 'day', "(occurred_at at time zone 'UTC')::date")})
    select id from stored`;
}

/**
 * A PostgreSQL array literal, passed as one text parameter and cast in SQL, so both engines
 * take it alike. Strings are quoted and escaped; null is NULL.
 */
export function pgArray(values: readonly (string | number | boolean | null | undefined)[]): string {
  const items = values.map((value) => {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
  });
  return `{${items.join(',')}}`;
}
