import { desc, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { recordAudit } from '../audit/service.ts';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { people, reportSubscriptions } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { nextPeriod } from './reports-period.ts';
import { type ReportFilters, type ReportInput, type ReportPatch, type ReportView, reportFilters } from './reports-schema.ts';

type ReportRow = typeof reportSubscriptions.$inferSelect;
export interface Recipient {
  id: string;
  name: string;
  email: string;
  language: 'nl' | 'en';
  roles: string[];
  active: boolean;
  ambassadorStatus: string;
  erasedAt: Date | null;
}

/** Whether a person may receive analytics figures by mail: who may read the dashboards, still here. */
export const mayReceiveReport = (p: Recipient): boolean =>
  p.active && p.erasedAt === null && p.ambassadorStatus !== 'alumni' && (p.roles.includes('admin') || p.roles.includes('editor'));

/** The people behind recipient ids (unknown ids are left out). */
export async function recipientsOf(tx: Tx, ids: readonly string[]): Promise<Recipient[]> {
  if (ids.length === 0) return [];
  return tx
    .select({ id: people.id, name: people.name, email: people.email, language: people.language, roles: people.roles, active: people.active, ambassadorStatus: people.ambassadorStatus, erasedAt: people.erasedAt })
    .from(people)
    .where(inArray(people.id, [...ids]));
}

async function checkRecipients(tx: Tx, ids: string[]): Promise<void> {
  const found = new Map((await recipientsOf(tx, ids)).map((p) => [p.id, p]));
  for (const id of ids) {
    const person = found.get(id);
    if (!person || person.erasedAt !== null) throw new AppError(400, 'report_recipient_unknown', 'error.report_recipient_unknown', { id });
    if (!mayReceiveReport(person)) throw new AppError(400, 'report_recipient_not_allowed', 'error.report_recipient_not_allowed', { name: person.name });
  }
}

/** Stored filters read back leniently: one that no longer parses (a removed option) is dropped, not fatal. */
export function filtersOf(row: ReportRow): ReportFilters {
  const parsed = reportFilters.safeParse(row.filters);
  return parsed.success ? parsed.data : {};
}

async function present(tx: Tx, rows: ReportRow[], now: Date): Promise<ReportView[]> {
  const everyone = new Map((await recipientsOf(tx, [...new Set(rows.flatMap((r) => r.recipientIds))])).map((p) => [p.id, p]));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    frequency: row.frequency,
    filters: filtersOf(row),
    recipients: row.recipientIds.flatMap((id) => {
      const p = everyone.get(id);
      return p && p.erasedAt === null ? [{ id: p.id, name: p.name, email: p.email }] : [];
    }),
    language: row.language,
    lastPeriod: row.lastPeriod,
    lastSentAt: row.lastSentAt?.toISOString() ?? null,
    nextPeriod: nextPeriod(row.frequency, now, row.lastPeriod).key,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

async function reportRow(tx: Tx, id: string): Promise<ReportRow> {
  const [row] = await tx.select().from(reportSubscriptions).where(eq(reportSubscriptions.id, id)).limit(1);
  if (!row) throw new AppError(404, 'report_not_found', 'error.report_not_found');
  return row;
}

export async function listReports(ctx: AppContext): Promise<ReportView[]> {
  const db = ctx.database.db;
  return present(db, await db.select().from(reportSubscriptions).orderBy(desc(reportSubscriptions.createdAt)), ctx.clock.now());
}

export async function getReport(ctx: AppContext, id: string): Promise<ReportView> {
  const db = ctx.database.db;
  const [view] = await present(db, [await reportRow(db, id)], ctx.clock.now());
  if (!view) throw new AppError(404, 'report_not_found', 'error.report_not_found');
  return view;
}

export async function createReport(ctx: AppContext, auth: SignedIn, input: ReportInput): Promise<ReportView> {
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    await checkRecipients(tx, input.recipientIds);
    const [created] = await tx
      .insert(reportSubscriptions)
      .values({ id: uuidv7(), name: input.name, frequency: input.frequency, filters: input.filters, recipientIds: input.recipientIds, language: input.language, createdBy: auth.personId, createdAt: now, updatedAt: now })
      .returning();
    if (!created) throw new Error('report insert returned nothing');
    await recordAudit(tx, auth, now, { action: 'analytics.report_created', subjectType: 'report_subscription', subjectId: created.id, after: input });
    return created;
  });
  return getReport(ctx, row.id);
}

export async function updateReport(ctx: AppContext, auth: SignedIn, id: string, patch: ReportPatch): Promise<ReportView> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const before = await reportRow(tx, id);
    if (patch.recipientIds) await checkRecipients(tx, patch.recipientIds);
    await tx
      .update(reportSubscriptions)
      .set({ ...patch, updatedAt: now })
      .where(eq(reportSubscriptions.id, id));
    await recordAudit(tx, auth, now, {
      action: 'analytics.report_updated',
      subjectType: 'report_subscription',
      subjectId: id,
      before: { name: before.name, frequency: before.frequency, filters: before.filters, recipientIds: before.recipientIds, language: before.language },
      after: patch,
    });
  });
  return getReport(ctx, id);
}

export async function deleteReport(ctx: AppContext, auth: SignedIn, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const before = await reportRow(tx, id);
    await tx.delete(reportSubscriptions).where(eq(reportSubscriptions.id, id));
    await recordAudit(tx, auth, now, { action: 'analytics.report_deleted', subjectType: 'report_subscription', subjectId: id, before: { name: before.name, frequency: before.frequency } });
  });
}
