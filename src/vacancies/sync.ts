import { createHash } from 'node:crypto';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import sanitizeHtml from 'sanitize-html';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import type { Language } from '../db/schema/people.ts';
import { groups, type VacancySourceType, type VacancySyncStatus, vacancies, vacancySources, vacancySyncs } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { allowedFetchHosts, fetchOutbound } from '../http/outbound.ts';
import { adapters } from './adapters/index.ts';
import { type AdapterResult, type ImportedVacancy, InvalidFeedError } from './adapters/types.ts';
import { forgetThemePressure } from './pressure.ts';
import { linkConversionsOfSource } from './referrals.ts';
import { applyThemeRules } from './themes.ts';

/** What a sync did (or, awaiting confirmation, would do). */
export interface SyncReport {
  syncId: string;
  status: VacancySyncStatus;
  added: number;
  updated: number;
  closed: number;
  failed: number;
  problems: { externalId: string | null; message: string }[];
  error: string | null;
}

const FETCH_TIMEOUT_MS = 20_000;
const FETCH_MAX_BYTES = 25 * 1024 * 1024;
const accepts: Record<VacancySourceType, string> = {
  recruitee: 'application/json',
  greenhouse: 'application/json',
  lever: 'application/json',
  workable: 'application/json',
  personio: 'application/xml, text/xml;q=0.9',
  jsonld: 'text/html, application/xhtml+xml;q=0.9',
  csv: 'text/csv, text/plain;q=0.9',
};

/** A vacancy's description keeps text structure and links, nothing that runs. */
export function sanitiseDescription(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'u', 'h2', 'h3', 'h4', 'blockquote', 'a'],
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }), div: 'p' },
  }).trim();
}

/**
 * Fetches a source's feed and brings its vacancies in: new ones are added, changed ones updated,
 * open ones that vanished from a valid feed are closed. A feed that cannot be fetched or parsed
 * records why and changes nothing; a valid feed that would close more than half of the open
 * vacancies at once changes nothing until an admin confirms (`confirmMassClose`).
 */
export async function syncSource(ctx: AppContext, sourceId: string, options: { triggeredBy: string | null; confirmMassClose?: boolean }): Promise<SyncReport> {
  const db = ctx.database.db;
  const [source] = await db.select().from(vacancySources).where(eq(vacancySources.id, sourceId)).limit(1);
  if (!source) throw notFound('vacancy_source_not_found', sourceId);
  if (!source.url) throw new AppError(409, 'vacancy_source_upload_only', 'error.vacancy_source_upload_only');
  const startedAt = ctx.clock.now();
  let parsed: AdapterResult;
  try {
    const response = await fetchOutbound(source.url, { allowHosts: await allowedFetchHosts(ctx), timeoutMs: FETCH_TIMEOUT_MS, maxBytes: FETCH_MAX_BYTES, accept: accepts[source.type], userAgent: 'Podium vacancy import' });
    parsed = adapters[source.type](response.body.toString('utf8'), { url: response.url });
  } catch (error) {
    if (!(error instanceof InvalidFeedError) && !(error as Error).name?.startsWith('Outbound')) ctx.log.warn({ err: error, sourceId }, 'vacancy sync failed');
    const message = (error as Error).message.slice(0, 500);
    await db.update(vacancySources).set({ lastError: message, lastSyncedAt: startedAt }).where(eq(vacancySources.id, sourceId));
    return record(ctx, sourceId, startedAt, options.triggeredBy, { status: 'failed', added: 0, updated: 0, closed: 0, failed: 0, problems: [], error: message });
  }
  return applyFeed(ctx, source.id, parsed, startedAt, options);
}

/** The scheduled job: every active source with a URL whose interval has passed since its last sync. */
export async function syncDueSources(ctx: AppContext): Promise<{ sourceId: string; status: VacancySyncStatus }[]> {
  const now = ctx.clock.now();
  const due = await ctx.database.db
    .select({ id: vacancySources.id })
    .from(vacancySources)
    .where(
      and(
        eq(vacancySources.active, true),
        isNotNull(vacancySources.url),
        sql`(${vacancySources.lastSyncedAt} is null or ${vacancySources.lastSyncedAt} + make_interval(mins => ${vacancySources.syncIntervalMinutes}) <= ${now})`,
      ),
    );
  const reports = [];
  for (const source of due) reports.push({ sourceId: source.id, status: (await syncSource(ctx, source.id, { triggeredBy: null })).status });
  return reports;
}

/** Applies a parsed feed to a source's vacancies, in one transaction. */
export async function applyFeed(
  ctx: AppContext,
  sourceId: string,
  parsed: AdapterResult,
  startedAt: Date,
  options: { triggeredBy: string | null; confirmMassClose?: boolean },
): Promise<SyncReport> {
  const now = ctx.clock.now();
  // Sanitising is the costly part of a big feed: done before the transaction (which on PGlite holds
  // the one connection), a slice at a time so the server keeps answering meanwhile.
  const incoming = await sanitised(parsed.vacancies);
  const outcome = await ctx.database.db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: vacancies.id, externalId: vacancies.externalId, status: vacancies.status, title: vacancies.title, fingerprint: fingerprintSql })
      .from(vacancies)
      .where(eq(vacancies.sourceId, sourceId));
    const byExternalId = new Map(existing.map((row) => [row.externalId ?? '', row]));
    const inFeed = new Set(incoming.map((vacancy) => vacancy.externalId));
    const open = existing.filter((row) => row.status === 'open');
    const vanished = open.filter((row) => !inFeed.has(row.externalId ?? ''));
    if (vanished.length > open.length / 2 && vanished.length > 1 && !options.confirmMassClose) {
      return { status: 'awaiting_confirmation' as const, added: 0, updated: 0, closed: vanished.length, touched: [] as string[] };
    }
    const departments = await departmentIds(tx);
    const slugs = new Set((await tx.select({ slug: vacancies.slug }).from(vacancies)).map((row) => row.slug));
    const additions: (typeof vacancies.$inferInsert)[] = [];
    const changes: (VacancyValues & { id: string })[] = [];
    for (const vacancy of incoming) {
      const values = rowOf(vacancy, departments);
      const known = byExternalId.get(vacancy.externalId);
      if (!known) {
        additions.push({ ...values, sourceId, externalId: vacancy.externalId, slug: freeSlug(slugs, vacancy.title), openedAt: vacancy.openedAt ?? now, createdAt: now, updatedAt: now });
      } else if (known.status === 'closed' || known.fingerprint !== fingerprintOf(values)) {
        // Changed, or back in the feed after being closed (then it opens again).
        changes.push({ ...values, id: known.id });
      }
    }
    const touched = [...(await insertVacancies(tx, additions)), ...(await updateVacancies(tx, changes, now))];
    const added = additions.length;
    const updated = changes.length;
    if (vanished.length > 0) {
      await tx
        .update(vacancies)
        .set({ status: 'closed', closedAt: now, updatedAt: now })
        .where(inArray(vacancies.id, vanished.map((row) => row.id)));
    }
    await applyThemeRules(tx, touched);
    // Applications reported with these jobs' ATS ids before they were imported now find them.
    if (added > 0) await linkConversionsOfSource(tx, sourceId);
    await tx.update(vacancySources).set({ lastError: null, lastSyncedAt: now, updatedAt: now }).where(eq(vacancySources.id, sourceId));
    return { status: options.confirmMassClose ? ('confirmed' as const) : ('applied' as const), added, updated, closed: vanished.length, touched };
  });
  // Hiring pressure moves with every vacancy a feed adds, changes or closes.
  if (outcome.status !== 'awaiting_confirmation') forgetThemePressure(ctx);
  return record(ctx, sourceId, startedAt, options.triggeredBy, {
    status: outcome.status,
    added: outcome.added,
    updated: outcome.updated,
    closed: outcome.closed,
    failed: parsed.problems.length,
    problems: parsed.problems,
    error: outcome.status === 'awaiting_confirmation' ? `the feed would close ${outcome.closed} of the open vacancies at once; an admin must confirm` : null,
  });
}

async function record(ctx: AppContext, sourceId: string, startedAt: Date, triggeredBy: string | null, report: Omit<SyncReport, 'syncId'>): Promise<SyncReport> {
  const [row] = await ctx.database.db
    .insert(vacancySyncs)
    .values({ sourceId, startedAt, finishedAt: ctx.clock.now(), triggeredBy, ...report, problems: report.problems.slice(0, 500) })
    .returning({ id: vacancySyncs.id });
  return { syncId: row?.id ?? '', ...report };
}

type VacancyValues = ReturnType<typeof rowOf>;

const languageOf = (value: string | null): Language | null => {
  const code = value?.slice(0, 2).toLowerCase();
  return code === 'nl' || code === 'en' ? code : null;
};

function rowOf(vacancy: ImportedVacancy, departments: Map<string, string>) {
  return {
    title: vacancy.title.slice(0, 300),
    departmentName: vacancy.department,
    departmentId: vacancy.department ? (departments.get(vacancy.department.trim().toLowerCase()) ?? null) : null,
    location: vacancy.location,
    employmentType: vacancy.employmentType,
    // Sanitised by applyFeed before its transaction.
    descriptionHtml: vacancy.descriptionHtml,
    applyUrl: vacancy.applyUrl,
    openings: vacancy.openings ?? 1,
    language: languageOf(vacancy.language),
  };
}

/**
 * What a feed can change about a vacancy, compared as one digest: the database answers 32
 * characters per vacancy rather than every description (megabytes for a big feed). Not a
 * security measure, only change detection, so MD5 (which both engines have built in) will do.
 */
const fingerprintSql = sql<string>`md5(concat_ws('\u001f', ${vacancies.title}, ${vacancies.departmentName}, ${vacancies.location}, ${vacancies.employmentType}, ${vacancies.descriptionHtml}, ${vacancies.applyUrl}, ${vacancies.openings}::text, ${vacancies.language}))`;
const fingerprintOf = (values: VacancyValues) =>
  createHash('md5')
    .update(
      [values.title, values.departmentName, values.location, values.employmentType, values.descriptionHtml, values.applyUrl, String(values.openings), values.language]
        .filter((part) => part !== null)
        .join('\u001f'),
    )
    .digest('hex');

/** Rows per statement when a sync writes: a few hundred vacancies per round trip rather than one. */
const WRITE_BATCH = 500;

/** Descriptions sanitised a slice at a time, yielding to other requests between slices. */
async function sanitised(list: readonly ImportedVacancy[]): Promise<ImportedVacancy[]> {
  const out: ImportedVacancy[] = [];
  for (let i = 0; i < list.length; i += WRITE_BATCH) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const vacancy of list.slice(i, i + WRITE_BATCH)) out.push({ ...vacancy, descriptionHtml: sanitiseDescription(vacancy.descriptionHtml) });
  }
  return out;
}

/** New vacancies, a batch per statement; answers their ids. */
async function insertVacancies(tx: Tx, rows: (typeof vacancies.$inferInsert)[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += WRITE_BATCH) {
    const inserted = await tx.insert(vacancies).values(rows.slice(i, i + WRITE_BATCH)).returning({ id: vacancies.id });
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}

/** Changed vacancies (open again if they were closed), a batch per statement: the new values travel as one JSON parameter. */
async function updateVacancies(tx: Tx, rows: (VacancyValues & { id: string })[], now: Date): Promise<string[]> {
  for (let i = 0; i < rows.length; i += WRITE_BATCH) {
    const batch = rows.slice(i, i + WRITE_BATCH).map((row) => ({
      id: row.id,
      title: row.title,
      department_name: row.departmentName,
      department_id: row.departmentId,
      location: row.location,
      employment_type: row.employmentType,
      description_html: row.descriptionHtml,
      apply_url: row.applyUrl,
      openings: row.openings,
      language: row.language,
    }));
    await tx
      .update(vacancies)
      .set({
        title: sql`u.title`,
        departmentName: sql`u.department_name`,
        departmentId: sql`u.department_id`,
        location: sql`u.location`,
        employmentType: sql`u.employment_type`,
        descriptionHtml: sql`u.description_html`,
        applyUrl: sql`u.apply_url`,
        openings: sql`u.openings`,
        language: sql`u.language`,
        status: 'open',
        closedAt: null,
        updatedAt: now,
      })
      .from(
        sql`jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as u(id uuid, title text, department_name text, department_id uuid, location text,
          employment_type text, description_html text, apply_url text, openings int, language text)`,
      )
      .where(eq(vacancies.id, sql`u.id`));
  }
  return rows.map((row) => row.id);
}

/** Department groups by lower-cased name, so a feed's "Engineering" lands in Podium's Engineering. */
async function departmentIds(tx: Tx): Promise<Map<string, string>> {
  const rows = await tx.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.kind, 'department'));
  return new Map(rows.map((row) => [row.name.trim().toLowerCase(), row.id]));
}

/** A slug from the title, made unique with a number when taken (and then taken). */
function freeSlug(taken: Set<string>, title: string): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'vacancy';
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}
