import { inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { clicks, type ConversionSource, conversions, conversionTouchpoints } from '../db/schema/index.ts';
import { type ShareDimensions, shareDimensionsOf } from '../links/store.ts';
import { vacancyForRefSql } from '../vacancies/referrals.ts';
import { attribute, type ReportedClick, type Touchpoint } from './attribution.ts';
import { type CheckedConversion, type ConversionInput, checkConversion } from './input.ts';
import { presentConversion } from './presenter.ts';
import type { ConversionView } from './schema.ts';
import { emitConversionsRecorded } from '../webhooks/events.ts';

/** Keeps `in (…)` lists well below PostgreSQL's limit on bind parameters. */
const ID_CHUNK = 5_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The stored clicks among the ids, with the share each belongs to. */
async function clicksByIds(tx: Tx, ids: readonly string[]): Promise<Map<string, ReportedClick>> {
  const found = new Map<string, ReportedClick>();
  for (const part of chunks(ids, ID_CHUNK)) {
    const rows = await tx
      .select({ id: clicks.id, shareId: clicks.shareId, occurredAt: clicks.occurredAt, bot: clicks.bot })
      .from(clicks)
      .where(inArray(clicks.id, part));
    for (const row of rows) found.set(row.id, row);
  }
  return found;
}

/**
 * The vacancy a conversion is for. The reporter's vacancyId first; else the ATS's job id
 * (vacancyRef) names it, matched against the imported vacancies when stored (see
 * vacancyForRefSql; a vacancy imported later is linked by its sync); a conversion that names
 * neither takes the vacancy of its last touchpoint on a vacancy share, if any. A vacancyRef is
 * never overruled by the touchpoints: the ATS knows which job the candidate applied for.
 */
function vacancyOf(item: CheckedConversion, touches: readonly Touchpoint[], dimensions: ReadonlyMap<string, ShareDimensions>) {
  if (item.vacancyId) return item.vacancyId;
  if (item.vacancyRef) return vacancyForRefSql(sql`${item.vacancyRef}`, sql`${item.occurredAt.toISOString()}::timestamptz`);
  for (let i = touches.length - 1; i >= 0; i--) {
    const vacancyId = dimensions.get(touches[i]?.shareId ?? '')?.vacancyId;
    if (vacancyId) return vacancyId;
  }
  return null;
}

/**
 * Stores the conversions that are not stored yet, each with its touchpoints (attribution happens
 * now, once, so reports never join raw clicks and survive their retention). A conversion whose
 * external id is already stored is left as it was: `insert … on conflict do nothing`, so even
 * concurrent repeats store it once. Answers the touchpoint count of each conversion that was new,
 * by external id.
 */
export async function storeConversions(tx: Tx, items: readonly CheckedConversion[], source: ConversionSource, receivedAt: Date): Promise<Map<string, number>> {
  if (items.length === 0) return new Map();
  const found = await clicksByIds(tx, [...new Set(items.flatMap((item) => item.clickIds))]);
  const dimensions = await shareDimensionsOf(tx, [...new Set([...found.values()].map((click) => click.shareId))]);
  // In key order, so two imports of overlapping files cannot deadlock on the unique index.
  const plans = [...items]
    .sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0))
    .map((item) => {
      const reported = item.clickIds.flatMap((id) => {
        const click = found.get(id);
        return click && dimensions.has(click.shareId) ? [click] : [];
      });
      return { item, touches: attribute(item.occurredAt, reported) };
    });
  const inserted = await tx
    .insert(conversions)
    .values(
      plans.map(({ item, touches }) => ({
        externalId: item.externalId,
        type: item.type,
        source,
        occurredAt: item.occurredAt,
        receivedAt,
        vacancyId: vacancyOf(item, touches, dimensions),
        vacancyRef: item.vacancyRef,
        reportedClickIds: item.clickIds,
        touchpointCount: touches.length,
        firstTouchAt: touches[0]?.occurredAt ?? null,
        lastTouchAt: touches.at(-1)?.occurredAt ?? null,
      })),
    )
    .onConflictDoNothing({ target: conversions.externalId })
    .returning({ id: conversions.id, externalId: conversions.externalId });
  const idOf = new Map(inserted.map((row) => [row.externalId, row.id]));
  const touchpointRows = plans.flatMap(({ item, touches }) => {
    const conversionId = idOf.get(item.externalId);
    if (!conversionId) return [];
    return touches.flatMap((touch) => {
      // Always there: clicks of unknown shares were left out before attribution.
      const share = dimensions.get(touch.shareId);
      if (!share) return [];
      const { clickId, position, occurredAt, creditFirst, creditLast, creditLinear } = touch;
      return [{ conversionId, clickId, position, occurredAt, ...share, creditFirst, creditLast, creditLinear }];
    });
  });
  for (const part of chunks(touchpointRows, 1_000)) await tx.insert(conversionTouchpoints).values(part);
  return new Map(plans.filter(({ item }) => idOf.has(item.externalId)).map(({ item, touches }) => [item.externalId, touches.length]));
}

/** Stored conversions with their touchpoints, by external id. */
export async function loadConversions(tx: Tx, externalIds: readonly string[]): Promise<Map<string, ConversionView>> {
  const out = new Map<string, ConversionView>();
  for (const part of chunks([...new Set(externalIds)], ID_CHUNK)) {
    const rows = await tx.select().from(conversions).where(inArray(conversions.externalId, part));
    if (rows.length === 0) continue;
    const touches = await tx
      .select()
      .from(conversionTouchpoints)
      .where(
        inArray(
          conversionTouchpoints.conversionId,
          rows.map((row) => row.id),
        ),
      );
    for (const row of rows) out.set(row.externalId, presentConversion(row, touches.filter((touch) => touch.conversionId === row.id)));
  }
  return out;
}

/**
 * Records one conversion reported by a careers site, an ATS or an import, attributing it to the
 * people's clicks behind its click ids within the 90-day lookback. Idempotent on externalId: a
 * repeat (also a concurrent one) stores nothing and answers the first result.
 * @example const { created, conversion } = await recordConversion(ctx, { type: 'application', externalId: 'app-1', clickId }, 'api')
 */
export async function recordConversion(ctx: AppContext, input: ConversionInput, source: ConversionSource): Promise<{ created: boolean; conversion: ConversionView }> {
  const now = ctx.clock.now();
  const checked = checkConversion(input, now);
  const created = await ctx.database.db.transaction(async (tx) => {
    const stored = await storeConversions(tx, [checked], source, now);
    await emitConversionsRecorded(ctx, tx, stored.keys());
    return stored;
  });
  // Read after commit: a repeat that waited on a concurrent first report sees the report that won.
  const conversion = (await loadConversions(ctx.database.db, [checked.externalId])).get(checked.externalId);
  if (!conversion) throw new Error(`conversion ${checked.externalId} was neither stored nor found`);
  return { created: created.has(checked.externalId), conversion };
}
