import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { campaigns, groups, reportSubscriptions, themes } from '../db/schema/index.ts';
import { getSetting } from '../settings/service.ts';
import type { AnalyticsFilter } from './filters.ts';
import { analyticsOverview } from './overview.ts';
import { renderReportMail } from './reports-mail.ts';
import { completedPeriod, type ReportPeriod } from './reports-period.ts';
import type { ReportFilters } from './reports-schema.ts';
import { filtersOf, mayReceiveReport, recipientsOf } from './reports.ts';

type ReportRow = typeof reportSubscriptions.$inferSelect;

export interface ReportRunResult {
  sent: number;
  skipped: number;
  failed: number;
}

/** The filters in words, names looked up where the filter holds an id. */
async function describeFilters(ctx: AppContext, filters: ReportFilters, language: 'nl' | 'en'): Promise<string> {
  const db = ctx.database.db;
  const ids = [filters.department, filters.location].filter((v): v is string => !!v);
  const groupNames = new Map(ids.length ? (await db.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, ids))).map((g) => [g.id, g.name]) : []);
  const theme = filters.theme ? (await db.select().from(themes).where(eq(themes.id, filters.theme)).limit(1))[0] : undefined;
  const campaign = filters.campaign ? (await db.select({ name: campaigns.name }).from(campaigns).where(eq(campaigns.id, filters.campaign)).limit(1))[0] : undefined;
  const parts: [string, string | undefined][] = [
    [language === 'nl' ? 'Afdeling' : 'Department', filters.department && (groupNames.get(filters.department) ?? filters.department)],
    [language === 'nl' ? 'Locatie' : 'Location', filters.location && (groupNames.get(filters.location) ?? filters.location)],
    ['Persona', filters.persona],
    [language === 'nl' ? 'Thema' : 'Theme', filters.theme && (theme ? (language === 'nl' ? theme.nameNl : theme.nameEn) : filters.theme)],
    ['Format', filters.format],
    [language === 'nl' ? 'Campagne' : 'Campaign', filters.campaign && (campaign?.name ?? filters.campaign)],
    [language === 'nl' ? 'Netwerk' : 'Network', filters.network],
    [language === 'nl' ? 'Doelgroep' : 'Audience', filters.audience],
  ];
  return parts
    .filter(([, value]) => value)
    .map(([label, value]) => `${label}: ${value}`)
    .join(', ');
}

/** The dashboard link with the same period and filters. */
function dashboardUrl(ctx: AppContext, period: ReportPeriod, filters: ReportFilters): string {
  const query = new URLSearchParams({ from: period.from, to: period.to });
  for (const [key, value] of Object.entries(filters)) if (typeof value === 'string') query.set(key, value);
  return `${ctx.config.baseUrl}/analytics?${query}`;
}

/**
 * Sends one report for its last complete period, at most once per period: the period is claimed
 * (last_period set in one conditional UPDATE) before any mail goes out, so a retry or a second node
 * finds it taken. When not a single recipient could be reached the claim is given back, so the job's
 * retry sends it later; recipients already reached are never sent the same period twice.
 */
async function sendReport(ctx: AppContext, row: ReportRow, now: Date): Promise<'sent' | 'skipped' | 'failed'> {
  const db = ctx.database.db;
  const period = completedPeriod(row.frequency, now);
  if (row.lastPeriod === period.key) return 'skipped';
  const [claimed] = await db
    .update(reportSubscriptions)
    .set({ lastPeriod: period.key, lastSentAt: now })
    .where(and(eq(reportSubscriptions.id, row.id), or(isNull(reportSubscriptions.lastPeriod), ne(reportSubscriptions.lastPeriod, period.key))))
    .returning({ id: reportSubscriptions.id });
  if (!claimed) return 'skipped';
  const giveBack = () => db.update(reportSubscriptions).set({ lastPeriod: row.lastPeriod, lastSentAt: row.lastSentAt }).where(eq(reportSubscriptions.id, row.id));
  let delivered = 0;
  try {
    const recipients = (await recipientsOf(db, row.recipientIds)).filter(mayReceiveReport);
    if (recipients.length === 0) return 'skipped';
    const filters = filtersOf(row);
    const filter: AnalyticsFilter = { ...filters, from: period.from, to: period.to, compare: 'previous' };
    // One mail for all recipients: only admins may see a group under five, so only an all-admin list does.
    const overview = await analyticsOverview(ctx, filter, { admin: recipients.every((r) => r.roles.includes('admin')) });
    const organisation = (await getSetting(db, 'organisation.name')) ?? ctx.config.organisationName;
    const content = { organisation, reportName: row.name, frequency: row.frequency, period, filters: await describeFilters(ctx, filters, row.language), overview, url: dashboardUrl(ctx, period, filters) };
    const mail = renderReportMail(row.language, content);
    for (const recipient of recipients) {
      try {
        await ctx.mailer.send({ ...mail, to: recipient.email, personId: recipient.id, kind: 'analytics_report' });
        delivered += 1;
      } catch (error) {
        ctx.log.warn({ err: error, report: row.id, period: period.key }, 'scheduled report not delivered to one recipient');
      }
    }
  } catch (error) {
    await giveBack();
    throw error;
  }
  if (delivered > 0) return 'sent';
  await giveBack();
  return 'failed';
}

/**
 * The 'analytics.reports' job: every scheduled report whose last complete period has not been sent
 * yet is sent now (weekly reports on Monday, monthly ones on the 1st; a missed run catches up later).
 * Throws when a report reached nobody, so the queue retries it.
 */
export async function sendDueReports(ctx: AppContext): Promise<ReportRunResult> {
  const now = ctx.clock.now();
  const rows = await ctx.database.db.select().from(reportSubscriptions);
  const result: ReportRunResult = { sent: 0, skipped: 0, failed: 0 };
  for (const row of rows) result[await sendReport(ctx, row, now)] += 1;
  if (result.failed > 0) throw new Error(`${result.failed} scheduled report(s) reached no recipient; retrying`);
  return result;
}

/** Registers the scheduled-report worker: hourly, so a report goes out early on Monday or the 1st. */
export async function startReportWorkers(ctx: AppContext): Promise<void> {
  await ctx.jobs.work('analytics.reports', async () => {
    const result = await sendDueReports(ctx);
    ctx.log.info({ reports: result }, 'scheduled analytics reports');
  });
  await ctx.jobs.schedule('analytics.reports', '23 * * * *');
}
