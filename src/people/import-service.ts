import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { recordAudit } from '../audit/service.ts';
import type { Auth } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { type GroupKind, groups, peopleImportRows, peopleImports } from '../db/schema/index.ts';
import type { Language } from '../db/schema/people.ts';
import { AppError, notFound } from '../http/errors.ts';
import { peopleChanged } from './changes.ts';
import { CsvFileError, type ImportRow, type ParsedPeopleCsv, parsePeopleCsv } from './csv/index.ts';
import { rehireStagedRows, rehiresOfImport } from './rehire.ts';

const STAGE_BATCH = 1000;
/** An import still "running" after this long was interrupted (the process stopped). */
const STALE_AFTER_MS = 30 * 60_000;
/** Advisory lock key that serialises starting imports across nodes ("podium:people-import"). */
const IMPORT_LOCK = 7_301_554_211;

/** Parses and validates a CSV file; a file-level problem becomes a 400 with the reason. */
export function validatePeopleCsv(bytes: Uint8Array, language: Language): ParsedPeopleCsv {
  try {
    return parsePeopleCsv(bytes, { messagesIn: language });
  } catch (error) {
    if (error instanceof CsvFileError) throw new AppError(400, `csv_${error.code}`, 'error.csv', { detail: error.message });
    throw error;
  }
}

/** The report a dry run answers with. */
export function dryRunReport(parsed: ParsedPeopleCsv) {
  return {
    id: null,
    status: 'validated' as const,
    total: parsed.total,
    valid: parsed.rows.length,
    invalid: parsed.total - parsed.rows.length,
    errors: parsed.errors.map((e) => ({ line: e.line, reason: e.reason })),
    delimiter: parsed.delimiter,
    encoding: parsed.encoding,
  };
}

/**
 * Starts an import: rows are staged in short transactions, then merged into people in one
 * set-based transaction, so a file is imported whole or not at all and requests never wait long.
 * Returns the import record at once; the work goes on in the background.
 */
export async function startPeopleImport(
  ctx: AppContext,
  auth: Auth,
  parsed: ParsedPeopleCsv,
  options: { skipInvalid: boolean; invite: boolean },
) {
  const db = ctx.database.db;
  const invalid = parsed.total - parsed.rows.length;
  if (invalid > 0 && !options.skipInvalid) {
    throw new AppError(422, 'import_invalid_rows', 'error.import_invalid_rows', { count: invalid }, dryRunReport(parsed).errors);
  }
  const now = ctx.clock.now();
  // Check and insert under one lock, so two uploads at the same moment cannot both start.
  const record = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
    await tx
      .update(peopleImports)
      .set({ status: 'failed', phase: 'done', message: 'interrupted', finishedAt: now })
      .where(and(eq(peopleImports.status, 'running'), lt(peopleImports.updatedAt, new Date(now.getTime() - STALE_AFTER_MS))));
    const [running] = await tx.select({ id: peopleImports.id }).from(peopleImports).where(eq(peopleImports.status, 'running')).limit(1);
    if (running) throw new AppError(409, 'import_running', 'error.import_running');
    const [inserted] = await tx
      .insert(peopleImports)
      .values({
        createdBy: auth.kind === 'anonymous' ? null : auth.personId,
        status: 'running',
        phase: 'staging',
        total: parsed.rows.length,
        errors: dryRunReport(parsed).errors,
        invite: options.invite,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return inserted;
  });
  if (!record) throw new Error('import insert returned nothing');
  const done = runImport(ctx, auth, record.id, parsed.rows, options.invite).catch(async (error: unknown) => {
    ctx.log.error({ err: error, importId: record.id }, 'people import failed');
    await db
      .update(peopleImports)
      .set({ status: 'failed', phase: 'done', message: (error as Error).message.slice(0, 300), finishedAt: ctx.clock.now(), updatedAt: ctx.clock.now() })
      .where(eq(peopleImports.id, record.id))
      .catch(() => {});
    await db.delete(peopleImportRows).where(eq(peopleImportRows.importId, record.id)).catch(() => {});
  });
  runningImports.add(done);
  void done.finally(() => runningImports.delete(done));
  return record;
}

/** Imports still working in this process; graceful shutdown waits for them. */
export const runningImports = new Set<Promise<void>>();

async function progress(tx: Tx, id: string, values: Partial<typeof peopleImports.$inferInsert>, now: Date) {
  await tx.update(peopleImports).set({ ...values, updatedAt: now }).where(eq(peopleImports.id, id));
}

async function runImport(ctx: AppContext, auth: Auth, importId: string, rows: ImportRow[], invite: boolean): Promise<void> {
  const db = ctx.database.db;
  for (let i = 0; i < rows.length; i += STAGE_BATCH) {
    const batch = rows.slice(i, i + STAGE_BATCH);
    await db.insert(peopleImportRows).values(
      batch.map((r) => ({
        importId,
        line: r.line,
        personId: uuidv7(),
        email: r.email,
        name: r.name,
        language: r.language,
        timeZone: r.timeZone,
        startDate: r.startDate,
        department: r.department,
        location: r.location,
        teams: r.teams,
        roles: r.roles,
      })),
    );
    await progress(db, importId, { processed: Math.min(i + STAGE_BATCH, rows.length) }, ctx.clock.now());
  }
  await progress(db, importId, { phase: 'applying' }, ctx.clock.now());
  const result = await db.transaction(async (tx) => mergeStagedRows(tx, ctx, auth, importId, rows));
  peopleChanged(ctx);
  let invited = 0;
  // Returning colleagues are invited like new ones: they sign in with their (new) work e-mail.
  const toInvite = [...result.createdIds, ...result.rehiredIds];
  if (invite && toInvite.length > 0) {
    await progress(db, importId, { phase: 'inviting', created: result.created, updated: result.updated }, ctx.clock.now());
    await ctx.jobs.sendMany('people.invite', toInvite.map((personId) => ({ personId })));
    invited = toInvite.length;
  }
  await progress(
    db,
    importId,
    { status: 'completed', phase: 'done', created: result.created, updated: result.updated, invited, finishedAt: ctx.clock.now() },
    ctx.clock.now(),
  );
}

async function ensureGroups(tx: Tx, kind: GroupKind, names: string[], now: Date): Promise<void> {
  const wanted = new Map(names.map((n) => [n.toLowerCase(), n]));
  if (wanted.size === 0) return;
  const existing = await tx.select({ name: groups.name }).from(groups).where(and(eq(groups.kind, kind), inArray(sql`lower(${groups.name})`, [...wanted.keys()])));
  for (const row of existing) wanted.delete(row.name.toLowerCase());
  if (wanted.size === 0) return;
  await tx
    .insert(groups)
    .values([...wanted.values()].map((name) => ({ id: uuidv7(), kind, name, createdAt: now, updatedAt: now })))
    .onConflictDoNothing();
}

/** The set-based merge: one transaction, a handful of statements whatever the file's size. */
async function mergeStagedRows(tx: Tx, ctx: AppContext, auth: Auth, importId: string, rows: ImportRow[]) {
  const now = ctx.clock.now();
  await ensureGroups(tx, 'department', rows.flatMap((r) => (r.department ? [r.department] : [])), now);
  await ensureGroups(tx, 'location', rows.flatMap((r) => (r.location ? [r.location] : [])), now);
  await ensureGroups(tx, 'team', rows.flatMap((r) => r.teams), now);
  // Alumni named by work or personal e-mail are taken back first, so the merge updates their own row (rehire.ts).
  const rehired = await rehireStagedRows(tx, auth, importId, now);

  const merged = await tx.execute<{ id: string; inserted: boolean }>(sql`
    insert into people (id, email, name, language, time_zone, start_date, roles, ambassador_status, status_changed_at, created_at, updated_at)
    select r.person_id, r.email, r.name, coalesce(r.language, 'en'), coalesce(r.time_zone, 'Europe/Amsterdam'), r.start_date,
           coalesce(r.roles, '{ambassador}'::text[]), 'invited', ${now}, ${now}, ${now}
    from people_import_rows r where r.import_id = ${importId}
    on conflict (lower(email)) do update set
      name = excluded.name,
      language = coalesce((select s.language from people_import_rows s where s.import_id = ${importId} and s.email = excluded.email), people.language),
      time_zone = coalesce((select s.time_zone from people_import_rows s where s.import_id = ${importId} and s.email = excluded.email), people.time_zone),
      start_date = coalesce(excluded.start_date, people.start_date),
      -- An import never takes the admin role away: that stays a deliberate act in the UI.
      roles = case when (select s.roles from people_import_rows s where s.import_id = ${importId} and s.email = excluded.email) is null then people.roles
                   when 'admin' = any(people.roles) and not 'admin' = any(excluded.roles) then array_append(excluded.roles, 'admin')
                   else excluded.roles end,
      updated_at = excluded.updated_at
    where people.erased_at is null
    returning id, (xmax = 0) as inserted`);
  const resultRows = (Array.isArray(merged) ? merged : (merged as { rows: { id: string; inserted: boolean }[] }).rows) as { id: string; inserted: boolean }[];
  const createdIds = resultRows.filter((r) => r.inserted).map((r) => r.id);

  // Memberships: a department or location in the file replaces the person's current one; teams are added.
  for (const [kind, column] of [
    ['department', sql`r.department`],
    ['location', sql`r.location`],
  ] as const) {
    await tx.execute(sql`
      delete from group_memberships gm using people p, people_import_rows r, groups g
      where r.import_id = ${importId} and ${column} is not null and lower(p.email) = r.email
        and gm.person_id = p.id and gm.group_id = g.id and g.kind = ${kind}`);
    await tx.execute(sql`
      insert into group_memberships (group_id, person_id, created_at)
      select g.id, p.id, ${now} from people_import_rows r
      join people p on lower(p.email) = r.email
      join groups g on g.kind = ${kind} and lower(g.name) = lower(${column})
      where r.import_id = ${importId}
      on conflict do nothing`);
  }
  await tx.execute(sql`
    insert into group_memberships (group_id, person_id, created_at)
    select g.id, p.id, ${now} from people_import_rows r
    cross join lateral unnest(r.teams) as team(name)
    join people p on lower(p.email) = r.email
    join groups g on g.kind = 'team' and lower(g.name) = lower(team.name)
    where r.import_id = ${importId}
    on conflict do nothing`);
  if (createdIds.length > 0) {
    await tx.execute(sql`
      insert into person_status_changes (id, person_id, from_status, to_status, changed_at)
      select r.person_id, r.person_id, null, 'invited', ${now} from people_import_rows r
      where r.import_id = ${importId} and r.person_id in (select p.id from people p where p.created_at = ${now})`);
  }
  await tx.delete(peopleImportRows).where(eq(peopleImportRows.importId, importId));
  const created = createdIds.length;
  const updated = resultRows.length - created;
  await recordAudit(tx, auth, now, { action: 'people.imported', subjectType: 'people_import', subjectId: importId, after: { created, updated } });
  return { created, updated, createdIds, rehiredIds: rehired.map((r) => r.personId) };
}

/** The import record as the API shows it. */
export async function getPeopleImport(ctx: AppContext, id: string) {
  const [row] = await ctx.database.db.select().from(peopleImports).where(eq(peopleImports.id, id)).limit(1);
  if (!row) throw notFound('import_not_found', id);
  return {
    id: row.id,
    status: row.status,
    phase: row.phase,
    processed: row.processed,
    total: row.total,
    created: row.created,
    updated: row.updated,
    invited: row.invited,
    errors: row.errors,
    message: row.message,
    rehired: await rehiresOfImport(ctx.database.db, row.id),
  };
}
