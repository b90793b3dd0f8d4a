import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import { vacancySources } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { adapters, csvBodyFromBytes } from './adapters/index.ts';
import { type AdapterResult, InvalidFeedError, SOURCE_LABELS } from './adapters/types.ts';
import { applyFeed, type SyncReport } from './sync.ts';

/** Problems listed with a file none of whose rows could be used. */
const MAX_PROBLEMS_SHOWN = 100;

/**
 * Brings in the vacancies of an uploaded CSV file for a csv source, as a sync would a fetched
 * feed, and answers the same report. A file that is not a vacancy CSV, or whose rows are all
 * unusable, changes nothing and is a 4xx saying why; a file that would close more than half of
 * the open vacancies waits (`awaiting_confirmation`) until it is uploaded again with
 * `confirmMassClose` — Podium does not keep the file, so there is nothing to confirm later.
 */
export async function uploadVacancyCsv(ctx: AppContext, auth: SignedIn, sourceId: string, bytes: Uint8Array, options: { confirmMassClose: boolean }): Promise<SyncReport> {
  const db = ctx.database.db;
  const [source] = await db.select().from(vacancySources).where(eq(vacancySources.id, sourceId)).limit(1);
  if (!source) throw notFound('vacancy_source_not_found', sourceId);
  if (source.type !== 'csv') throw new AppError(409, 'vacancy_source_not_csv', 'error.vacancy_source_not_csv', { type: SOURCE_LABELS[source.type] });
  const startedAt = ctx.clock.now();
  let parsed: AdapterResult;
  try {
    parsed = adapters.csv(csvBodyFromBytes(bytes), { url: source.url ?? '' });
  } catch (error) {
    if (error instanceof InvalidFeedError) throw new AppError(400, 'vacancy_csv_invalid', 'error.vacancy_csv_invalid', { detail: error.message });
    throw error;
  }
  // Every row unusable is a broken export, not a wish to close every vacancy.
  if (parsed.vacancies.length === 0 && parsed.problems.length > 0) {
    throw new AppError(422, 'vacancy_csv_no_rows', 'error.vacancy_csv_no_rows', { problem: parsed.problems[0]?.message ?? '' }, { problems: parsed.problems.slice(0, MAX_PROBLEMS_SHOWN) });
  }
  const report = await applyFeed(ctx, source.id, parsed, startedAt, { triggeredBy: auth.personId, confirmMassClose: options.confirmMassClose });
  await recordAudit(db, auth, ctx.clock.now(), {
    action: 'vacancy_source.uploaded',
    subjectType: 'vacancy_source',
    subjectId: source.id,
    after: { status: report.status, added: report.added, updated: report.updated, closed: report.closed, failed: report.failed },
  });
  return report;
}
