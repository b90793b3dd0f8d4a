import { recordAudit } from '../audit/service.ts';
import type { Auth } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Language } from '../db/schema/people.ts';
import { t } from '../i18n/index.ts';
import { type ParsedRow, parseConversionCsv } from './import-csv.ts';
import type { CheckedConversion } from './input.ts';
import type { ImportReport, ImportRowReport } from './schema.ts';
import { loadConversions, storeConversions } from './service.ts';
import { emitConversionsRecorded } from '../webhooks/events.ts';

/** Rows stored per transaction: short transactions, so redirects and reports never wait long behind an import. */
const ROWS_PER_TRANSACTION = 200;

/**
 * Imports conversions from an ATS export (a CSV file whose rows carry click ids) and reports on
 * every row: created, duplicate (reported before, or earlier in the same file — the first one
 * counts) or error with what is wrong. Bad rows never keep the good ones out.
 */
export async function importConversions(ctx: AppContext, auth: Auth, bytes: Uint8Array, language: Language): Promise<ImportReport> {
  const now = ctx.clock.now();
  const parsed = parseConversionCsv(bytes, language, now);
  const reports: ImportRowReport[] = [];
  const pending: { index: number; line: number; conversion: CheckedConversion }[] = [];
  const firstLine = new Map<string, number>();
  parsed.rows.forEach((row: ParsedRow, index) => {
    if ('error' in row) {
      reports[index] = { row: row.line, status: 'error', message: row.error, externalId: row.externalId, touchpointCount: null };
      return;
    }
    const { externalId } = row.conversion;
    const first = firstLine.get(externalId);
    if (first !== undefined) {
      reports[index] = { row: row.line, status: 'duplicate', message: t(language, 'conversion.import.duplicate_row', { line: first }), externalId, touchpointCount: null };
      return;
    }
    firstLine.set(externalId, row.line);
    pending.push({ index, line: row.line, conversion: row.conversion });
  });

  for (let start = 0; start < pending.length; start += ROWS_PER_TRANSACTION) {
    const part = pending.slice(start, start + ROWS_PER_TRANSACTION);
    const created = await ctx.database.db.transaction(async (tx) => {
      const stored = await storeConversions(tx, part.map((p) => p.conversion), 'import', now);
      await emitConversionsRecorded(ctx, tx, stored.keys());
      return stored;
    });
    const earlier = await loadConversions(
      ctx.database.db,
      part.map((p) => p.conversion.externalId).filter((id) => !created.has(id)),
    );
    for (const { index, line, conversion } of part) {
      const { externalId } = conversion;
      const count = created.get(externalId);
      if (count !== undefined) {
        reports[index] = { row: line, status: 'created', message: t(language, 'conversion.import.created', { count }), externalId, touchpointCount: count };
        continue;
      }
      const first = earlier.get(externalId)?.touchpointCount ?? 0;
      reports[index] = { row: line, status: 'duplicate', message: t(language, 'conversion.import.duplicate_earlier', { count: first }), externalId, touchpointCount: first };
    }
  }

  const tally = (status: ImportRowReport['status']) => reports.filter((r) => r.status === status).length;
  const report: ImportReport = {
    total: reports.length,
    created: tally('created'),
    duplicates: tally('duplicate'),
    errors: tally('error'),
    delimiter: parsed.delimiter,
    encoding: parsed.encoding,
    rows: reports,
  };
  await recordAudit(ctx.database.db, auth, now, {
    action: 'conversions.imported',
    subjectType: 'conversion_import',
    subjectId: null,
    after: { total: report.total, created: report.created, duplicates: report.duplicates, errors: report.errors },
  });
  return report;
}
