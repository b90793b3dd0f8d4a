import { eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { clickRollupsDaily, clickRollupsHourly, clicks, shares } from '../db/schema/index.ts';
import type { SharedItemType } from '../db/schema/sharing.ts';
import type { Network } from '../db/schema/stories.ts';

/** What a share was at the time it was made: every rollup and touchpoint carries it. */
export interface ShareDimensions {
  shareId: string;
  personId: string;
  itemType: SharedItemType;
  storyId: string | null;
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

/** The dimensions of shares, by id (the click writer caches them with the link). */
export async function shareDimensionsOf(tx: Tx, shareIds: string[]): Promise<Map<string, ShareDimensions>> {
  if (shareIds.length === 0) return new Map();
  const rows = await tx
    .select({
      shareId: shares.id,
      personId: shares.personId,
      itemType: shares.itemType,
      storyId: shares.storyId,
      campaignId: shares.campaignId,
      network: shares.network,
      audienceId: shares.audienceId,
      departmentId: shares.departmentId,
      personaKey: shares.personaKey,
    })
    .from(shares)
    .where(shareIds.length === 1 ? eq(shares.id, shareIds[0] as string) : inArray(shares.id, shareIds));
  return new Map(rows.map((row) => [row.shareId, row]));
}

const pairKey = (linkCode: string, visitorHash: string) => `${linkCode}\u0000${visitorHash}`;
const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);

/**
 * Writes a batch of clicks and adds them to the hourly and daily rollups, in the caller's
 * transaction. Idempotent: a click already stored (same id, e.g. replayed from the spool) is
 * skipped and counted nowhere. Answers the clicks that were new.
 */
export async function storeClicks(tx: Tx, batch: readonly ClickInput[]): Promise<ClickInput[]> {
  if (batch.length === 0) return [];
  const ordered = [...batch].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : 1));
  const flags = await uniqueness(tx, ordered);
  const inserted = await tx
    .insert(clicks)
    .values(
      ordered.map((click) => ({
        id: click.id,
        linkCode: click.linkCode,
        shareId: click.share.shareId,
        occurredAt: click.occurredAt,
        bot: click.bot,
        kind: click.kind,
        device: click.device,
        referrerHost: click.referrerHost,
        visitorHash: click.visitorHash,
        uniqueClick: click.bot ? null : (flags.get(click.id)?.unique ?? true),
      })),
    )
    .onConflictDoNothing({ target: clicks.id })
    .returning({ id: clicks.id });
  const fresh = new Set(inserted.map((row) => row.id));
  const stored = ordered.filter((click) => fresh.has(click.id));
  await addToRollups(tx, stored, flags);
  return stored;
}

/**
 * For each person's click: is it unique (no click of the same visitor on the link in the previous
 * 30 minutes) and the visitor's first on the link that day? Earlier clicks come from the database
 * (one query for the batch) and from earlier clicks in the same batch.
 */
async function uniqueness(tx: Tx, ordered: readonly ClickInput[]): Promise<Map<string, { unique: boolean; firstOfDay: boolean }>> {
  const flags = new Map<string, { unique: boolean; firstOfDay: boolean }>();
  const people = ordered.filter((click) => !click.bot && click.visitorHash);
  if (people.length === 0) return flags;
  const earliest = people[0]?.occurredAt ?? new Date();
  const since = new Date(Math.min(earliest.getTime() - UNIQUE_WINDOW_MS, Date.parse(`${dayOf(earliest)}T00:00:00Z`)));
  const codes = [...new Set(people.map((click) => click.linkCode))];
  const hashes = [...new Set(people.map((click) => click.visitorHash as string))];
  const rows = await tx
    .select({ linkCode: clicks.linkCode, visitorHash: clicks.visitorHash, last: sql<string>`max(${clicks.occurredAt})` })
    .from(clicks)
    .where(
      sql`${clicks.linkCode} in ${codes} and ${clicks.visitorHash} in ${hashes} and ${clicks.occurredAt} >= ${since} and ${clicks.bot} = false`,
    )
    .groupBy(clicks.linkCode, clicks.visitorHash);
  const last = new Map<string, number>();
  for (const row of rows) if (row.visitorHash) last.set(pairKey(row.linkCode, row.visitorHash), new Date(row.last).getTime());
  for (const click of people) {
    const key = pairKey(click.linkCode, click.visitorHash as string);
    const at = click.occurredAt.getTime();
    const previous = last.get(key);
    const seenToday = previous !== undefined && dayOf(new Date(previous)) === dayOf(click.occurredAt);
    flags.set(click.id, { unique: previous === undefined || at - previous >= UNIQUE_WINDOW_MS, firstOfDay: !seenToday });
    if (previous === undefined || previous < at) last.set(key, at);
  }
  return flags;
}

interface Counters {
  humanClicks: number;
  uniqueClicks: number;
  visitors: number;
  previews: number;
  botClicks: number;
}

function countInto(counters: Counters, click: ClickInput, flags: Map<string, { unique: boolean; firstOfDay: boolean }>): void {
  if (click.kind === 'preview') counters.previews++;
  else if (click.bot) counters.botClicks++;
  else {
    counters.humanClicks++;
    const flag = flags.get(click.id);
    // Without a visitor hash a person's click cannot be matched to another: it counts as unique.
    if (flag?.unique ?? true) counters.uniqueClicks++;
    if (flag?.firstOfDay ?? true) counters.visitors++;
  }
}

const zero = (): Counters => ({ humanClicks: 0, uniqueClicks: 0, visitors: 0, previews: 0, botClicks: 0 });

/** Adds clicks to the rollups: one upsert per table for the whole batch, rows in key order so concurrent writers never deadlock. */
async function addToRollups(tx: Tx, stored: readonly ClickInput[], flags: Map<string, { unique: boolean; firstOfDay: boolean }>): Promise<void> {
  if (stored.length === 0) return;
  const hourly = new Map<string, { hour: Date; share: ShareDimensions; counters: Counters }>();
  const daily = new Map<string, { day: string; share: ShareDimensions; counters: Counters }>();
  for (const click of stored) {
    const hour = hourOf(click.occurredAt);
    const day = dayOf(click.occurredAt);
    const h = hourly.get(`${hour.toISOString()}|${click.share.shareId}`) ?? { hour, share: click.share, counters: zero() };
    const d = daily.get(`${day}|${click.share.shareId}`) ?? { day, share: click.share, counters: zero() };
    countInto(h.counters, click, flags);
    countInto(d.counters, click, flags);
    hourly.set(`${hour.toISOString()}|${click.share.shareId}`, h);
    daily.set(`${day}|${click.share.shareId}`, d);
  }
  const set = (table: string) => {
    const add = (column: string) => sql.raw(`"${table}"."${column}" + excluded."${column}"`);
    return { humanClicks: add('human_clicks'), uniqueClicks: add('unique_clicks'), visitors: add('visitors'), previews: add('previews'), botClicks: add('bot_clicks') };
  };
  const byKey = <T>(entries: Map<string, T>) => [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
  await tx
    .insert(clickRollupsHourly)
    .values(byKey(hourly).map((row) => ({ hour: row.hour, ...row.share, ...row.counters })))
    .onConflictDoUpdate({ target: [clickRollupsHourly.hour, clickRollupsHourly.shareId], set: set('click_rollups_hourly') });
  await tx
    .insert(clickRollupsDaily)
    .values(byKey(daily).map((row) => ({ day: row.day, ...row.share, ...row.counters })))
    .onConflictDoUpdate({ target: [clickRollupsDaily.day, clickRollupsDaily.shareId], set: set('click_rollups_daily') });
}
