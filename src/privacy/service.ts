import { recordAudit } from '../audit/service.ts';
import type { Auth } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import { getPersonRow } from '../people/service.ts';
import { peopleChanged } from '../people/changes.ts';
import { presentPerson } from '../people/presenter.ts';
import { getSetting } from '../settings/service.ts';
import './domains.ts';
import { personalDataEntries } from './register.ts';

/** Everything Podium holds about one person, one section per register entry. */
export async function exportPerson(ctx: AppContext, personId: string): Promise<Record<string, unknown>> {
  const db = ctx.database.db;
  const person = await getPersonRow(db, personId);
  const subject = { id: person.id, email: person.email };
  const out: Record<string, unknown> = { exportedAt: ctx.clock.now().toISOString(), personId: person.id };
  for (const entry of personalDataEntries()) out[entry.key] = await entry.export(db, subject);
  return out;
}

/**
 * Erases a person across every registered domain in one transaction. The person row stays,
 * anonymised, so their shared links keep working and totals stay right.
 */
export async function erasePerson(ctx: AppContext, auth: Auth, personId: string) {
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    const person = await getPersonRow(tx, personId);
    const subject = { id: person.id, email: person.email };
    for (const entry of personalDataEntries()) await entry.erase(tx, subject, now);
    await recordAudit(tx, auth, now, { action: 'person.erased', subjectType: 'person', subjectId: person.id });
    return getPersonRow(tx, personId);
  });
  peopleChanged(ctx);
  return presentPerson(ctx.database.db, row);
}

/** The register as admins see it: what is held, and for how long. */
export async function describeRegister(ctx: AppContext) {
  const overrides = await getSetting(ctx.database.db, 'privacy.retentionDays');
  return personalDataEntries().map((entry) => ({
    key: entry.key,
    description: entry.description,
    tables: entry.tables,
    retentionDays: entry.retention ? (overrides[entry.key] ?? entry.retention.defaultDays) : null,
  }));
}

/** Deletes what has outlived its retention period, entry by entry, each in its own short transaction. */
export async function runRetention(ctx: AppContext): Promise<Record<string, number>> {
  const overrides = await getSetting(ctx.database.db, 'privacy.retentionDays');
  const now = ctx.clock.now().getTime();
  const purged: Record<string, number> = {};
  for (const entry of personalDataEntries()) {
    if (!entry.retention) continue;
    const days = overrides[entry.key] ?? entry.retention.defaultDays;
    purged[entry.key] = await entry.retention.purge(ctx.database.db, new Date(now - days * 86_400_000));
  }
  return purged;
}
