import { and, isNull, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { conversions, vacancies } from '../db/schema/index.ts';

/**
 * The imported vacancy an ATS job id names (a conversion's `vacancyRef` is matched against
 * `vacancies.external_id`), as an SQL subquery. Several sources may hold the same id (two job
 * boards of one ATS, a careers page beside the ATS feed); the rule that picks one:
 *
 *   1. a vacancy that was open when the conversion happened (opened at or before it, not closed before it),
 *   2. then the most recently opened,
 *   3. then the lowest id,
 *
 * so the same conversion links to the same vacancy whenever the rule runs (on recording, or when a
 * later sync brings the vacancy in). Vacancies made by hand carry no external id and never match.
 * @example db.update(conversions).set({ vacancyId: vacancyForRefSql(sql`${conversions.vacancyRef}`, sql`${conversions.occurredAt}`) })
 */
export function vacancyForRefSql(ref: SQL, occurredAt: SQL): SQL<string | null> {
  const v = sql.raw('ref_vacancy');
  return sql<string | null>`(select ${v}.id from ${vacancies} ${v}
    where ${v}.external_id = ${ref}
    order by (${v}.opened_at <= ${occurredAt} and (${v}.closed_at is null or ${v}.closed_at >= ${occurredAt})) desc, ${v}.opened_at desc, ${v}.id
    limit 1)`;
}

/**
 * Links the conversions that named one of a source's vacancies by its ATS job id before that
 * vacancy was imported (a careers site may report an application the hour a job goes live, before
 * the next sync). Only conversions without a vacancy are touched: a link, once made, stays.
 * Run in the sync's transaction after it added vacancies; answers how many were linked.
 */
export async function linkConversionsOfSource(tx: Tx, sourceId: string): Promise<number> {
  const c = conversions;
  const linked = await tx
    .update(c)
    .set({ vacancyId: vacancyForRefSql(sql`${c.vacancyRef}`, sql`${c.occurredAt}`) })
    .where(and(isNull(c.vacancyId), sql`${c.vacancyRef} in (select ${vacancies.externalId} from ${vacancies} where ${vacancies.sourceId} = ${sourceId})`))
    .returning({ id: c.id });
  return linked.length;
}
