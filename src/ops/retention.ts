import { sql } from 'drizzle-orm';
import type { Auth } from '../auth/context.ts';
import { recordAudit } from '../audit/service.ts';
import type { Tx } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { personalDataEntries } from '../privacy/register.ts';
import { getSetting, putSetting } from '../settings/service.ts';

/** One kind of personal data that expires, with its period. */
export interface RetentionPeriod {
  key: string;
  description: string;
  defaultDays: number;
  /** The period in force: the admin's choice, or the default. */
  days: number;
}

/** Every entry of the privacy register that expires (raw clicks, outbox, audit log, sessions…), with its period. */
export async function retentionPeriods(tx: Tx): Promise<RetentionPeriod[]> {
  const overrides = await getSetting(tx, 'privacy.retentionDays');
  return personalDataEntries().flatMap((entry) =>
    entry.retention ? [{ key: entry.key, description: entry.description, defaultDays: entry.retention.defaultDays, days: overrides[entry.key] ?? entry.retention.defaultDays }] : [],
  );
}

/**
 * Changes retention periods (`null` restores the default). The nightly `privacy.retention` job
 * applies them; the change is in the audit log.
 */
export async function setRetentionPeriods(tx: Tx, auth: Auth, changes: Record<string, number | null>, now: Date): Promise<RetentionPeriod[]> {
  const expiring = new Map(personalDataEntries().flatMap((entry) => (entry.retention ? [[entry.key, entry.retention.defaultDays] as const] : [])));
  const unknown = Object.keys(changes).filter((key) => !expiring.has(key));
  if (unknown.length > 0) {
    throw new AppError(400, 'validation_failed', 'error.validation', { detail: `${unknown.join(', ')}: no such data with a retention period (known: ${[...expiring.keys()].join(', ')})` });
  }
  const before = await getSetting(tx, 'privacy.retentionDays');
  const after: Record<string, number> = { ...before };
  for (const [key, days] of Object.entries(changes)) {
    if (days === null || days === expiring.get(key)) delete after[key];
    else after[key] = days;
  }
  await putSetting(tx, 'privacy.retentionDays', after, now);
  await recordAudit(tx, auth, now, { action: 'settings.retention_changed', subjectType: 'settings', subjectId: 'privacy.retentionDays', before, after });
  return retentionPeriods(tx);
}

/**
 * Deletes the rows of `table` older than `cutoff` in batches, so that a first run over a year of
 * raw clicks neither holds millions of deleted ids in memory nor one very long statement.
 * `table` and the columns are Podium's own identifiers, never input.
 */
export async function purgeInBatches(tx: Tx, table: string, timeColumn: string, cutoff: Date, batchSize = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await tx.execute<{ n: number }>(
      sql`with gone as (delete from ${sql.identifier(table)} where id in (select id from ${sql.identifier(table)} where ${sql.identifier(timeColumn)} < ${cutoff.toISOString()} limit ${batchSize}) returning 1) select count(*)::int as n from gone`,
    );
    const n = Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
    total += n;
    if (n < batchSize) return total;
  }
}
