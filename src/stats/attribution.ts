import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { audiences, campaigns, conversions, conversionTouchpoints, type Language, people, stories } from '../db/schema/index.ts';
import type { Network } from '../db/schema/stories.ts';
import { decodeCursor, page } from '../http/pagination.ts';
import { localName } from '../stories/presenter.ts';
import { dayRange } from './range.ts';
import type { AttributionDimension, AttributionItem, AttributionQuery, AttributionReport } from './schema.ts';
import { occurredWithin } from './service.ts';
import { listedIndividually } from '../people/visibility.ts';

const tp = conversionTouchpoints;

/** The touchpoint column each dimension groups by (the share's dimensions, as they were when it was made). */
const dimensionColumn = { ambassador: tp.personId, story: tp.storyId, campaign: tp.campaignId, network: tp.network, audience: tp.audienceId } as const;
const creditColumn = { first: tp.creditFirst, last: tp.creditLast, linear: tp.creditLinear } as const;

const networkNames: Record<Network, string> = { linkedin: 'LinkedIn', x: 'X', facebook: 'Facebook', whatsapp: 'WhatsApp', email: 'E-mail', link: 'Link' };

/** Names of the keys on one page: a person's name, a story's title, a campaign's or audience's name, a network's label. */
async function namesOf(tx: Tx, by: AttributionDimension, keys: string[], language: Language): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  if (by === 'network') return new Map(keys.map((key) => [key, networkNames[key as Network] ?? key]));
  if (by === 'ambassador') {
    // Paused, opted-out and erased people are not named (people/visibility.ts): their credit stays in the report, unnamed.
    const rows = await tx.select({ id: people.id, name: people.name, ambassadorStatus: people.ambassadorStatus, erasedAt: people.erasedAt }).from(people).where(inArray(people.id, keys));
    return new Map(rows.filter((r) => listedIndividually(r)).map((r) => [r.id, r.name]));
  }
  if (by === 'story') return new Map((await tx.select({ id: stories.id, name: stories.title }).from(stories).where(inArray(stories.id, keys))).map((r) => [r.id, r.name]));
  if (by === 'campaign') return new Map((await tx.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(inArray(campaigns.id, keys))).map((r) => [r.id, r.name]));
  const rows = await tx.select({ id: audiences.id, nameNl: audiences.nameNl, nameEn: audiences.nameEn }).from(audiences).where(inArray(audiences.id, keys));
  return new Map(rows.map((r) => [r.id, localName(language, r)]));
}

/**
 * Credit for conversions of a type per ambassador, story, campaign, network or audience under a
 * model (first touch, last touch, linear), most credited first. Sums the credit the touchpoints
 * got when the conversion was recorded; never reads raw clicks.
 */
export async function attributionReport(ctx: AppContext, query: AttributionQuery, language: Language): Promise<AttributionReport> {
  const range = dayRange(query);
  const db = ctx.database.db;
  const key = sql<string | null>`${dimensionColumn[query.by]}::text`;
  // Rounded to 4 decimals as numeric, so the order and the cursor compare exactly whatever order the sum ran in.
  const credit = sql<string>`round(sum(${creditColumn[query.model]})::numeric, 4)`;
  const where = and(eq(conversions.type, query.type), ...occurredWithin(range));
  const cursor = decodeCursor(query.cursor, ['string', 'string']);
  const after: SQL | undefined = cursor
    ? sql`(${credit} < ${cursor[0]}::numeric or (${credit} = ${cursor[0]}::numeric and coalesce(${key}, '') > ${cursor[1]}))`
    : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({ key, credit, conversions: sql<number>`count(distinct ${tp.conversionId})::int`, touchpoints: sql<number>`count(*)::int` })
      .from(tp)
      .innerJoin(conversions, eq(conversions.id, tp.conversionId))
      .where(where)
      .groupBy(dimensionColumn[query.by])
      .having(after)
      .orderBy(sql`${credit} desc`, sql`coalesce(${key}, '') asc`)
      .limit(query.limit + 1),
    db
      .select({ credit })
      .from(tp)
      .innerJoin(conversions, eq(conversions.id, tp.conversionId))
      .where(where),
  ]);
  const result = page(rows, query.limit, (row) => [String(row.credit), row.key ?? '']);
  const names = await namesOf(db, query.by, result.items.flatMap((row) => (row.key ? [row.key] : [])), language);
  // An unnamed ambassador is not identified by id either.
  const hidden = (key: string | null) => query.by === 'ambassador' && key !== null && !names.has(key);
  const items: AttributionItem[] = result.items.map((row) => ({
    key: hidden(row.key) ? null : row.key,
    name: row.key ? (names.get(row.key) ?? null) : null,
    credit: Number(row.credit),
    conversions: row.conversions,
    touchpoints: row.touchpoints,
  }));
  return {
    items,
    nextCursor: result.nextCursor,
    model: query.model,
    by: query.by,
    type: query.type,
    from: range.from,
    to: range.to,
    totalCredit: Number(total?.credit ?? 0),
  };
}
