import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { themes, vacancies, vacancySources, vacancyThemes } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { decodeCursor, encodeCursor } from '../http/pagination.ts';
import { forgetThemePressure } from './pressure.ts';
import type { z } from 'zod';
import type { sourceBody, vacancyPatch, vacancyQuery } from './schema.ts';
import { SOURCE_LABELS } from './adapters/types.ts';

type SourceRow = typeof vacancySources.$inferSelect;
type VacancyRow = typeof vacancies.$inferSelect;

export const presentSource = (row: SourceRow) => ({
  id: row.id,
  type: row.type,
  name: row.name,
  url: row.url,
  active: row.active,
  syncIntervalMinutes: row.syncIntervalMinutes,
  lastSyncedAt: row.lastSyncedAt?.toISOString() ?? null,
  lastError: row.lastError,
});

/** Adds a source (audited); the first sync is the caller's to start. One source per type and URL. */
export async function createSource(ctx: AppContext, auth: SignedIn, input: z.output<typeof sourceBody>) {
  const now = ctx.clock.now();
  try {
    return await ctx.database.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(vacancySources)
        .values({
          type: input.type,
          url: input.url ?? null,
          name: input.name ?? (input.url ? `${SOURCE_LABELS[input.type]} (${new URL(input.url).host})` : `${SOURCE_LABELS[input.type]} (upload)`),
          syncIntervalMinutes: input.syncIntervalMinutes ?? 60,
          createdBy: auth.personId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!row) throw new Error('source insert returned nothing');
      await recordAudit(tx, auth, now, { action: 'vacancy_source.created', subjectType: 'vacancy_source', subjectId: row.id, after: { type: row.type, url: row.url } });
      return presentSource(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, 'vacancy_source_exists', 'error.vacancy_source_exists', { url: input.url ?? '' });
    throw error;
  }
}

export async function listSources(ctx: AppContext) {
  const rows = await ctx.database.db.select().from(vacancySources).orderBy(vacancySources.name);
  return { items: rows.map(presentSource), nextCursor: null };
}

async function themeIdsOf(ctx: AppContext, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await ctx.database.db.select().from(vacancyThemes).where(inArray(vacancyThemes.vacancyId, ids));
  for (const row of rows) out.set(row.vacancyId, [...(out.get(row.vacancyId) ?? []), row.themeId]);
  return out;
}

const presentVacancy = (row: VacancyRow, themeIds: string[]) => ({
  id: row.id,
  sourceId: row.sourceId,
  externalId: row.externalId,
  slug: row.slug,
  title: row.title,
  department: row.departmentName,
  departmentId: row.departmentId,
  location: row.location,
  employmentType: row.employmentType,
  descriptionHtml: row.descriptionHtml,
  applyUrl: row.applyUrl,
  openings: row.openings,
  status: row.status,
  urgency: row.urgency,
  themeIds: themeIds.sort(),
  themesOverridden: row.themesOverridden,
  openedAt: row.openedAt.toISOString(),
  closedAt: row.closedAt?.toISOString() ?? null,
});

/** Vacancies, newest opened first, keyset-paged. */
export async function listVacancies(ctx: AppContext, query: z.output<typeof vacancyQuery>) {
  const cursor = decodeCursor(query.cursor, ['timestamp', 'uuid']);
  const after = cursor ? { at: new Date(String(cursor[0])), id: String(cursor[1]) } : null;
  const rows = await ctx.database.db
    .select()
    .from(vacancies)
    .where(
      and(
        query.status ? eq(vacancies.status, query.status) : undefined,
        after ? or(lt(vacancies.openedAt, after.at), and(eq(vacancies.openedAt, after.at), lt(vacancies.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(vacancies.openedAt), desc(vacancies.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const themesOf = await themeIdsOf(ctx, page.map((row) => row.id));
  return {
    items: page.map((row) => presentVacancy(row, themesOf.get(row.id) ?? [])),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.openedAt.toISOString(), last.id]) : null,
  };
}

/** Recruitment sets urgency and openings, or the themes by hand (audited). */
export async function patchVacancy(ctx: AppContext, auth: SignedIn, id: string, input: z.output<typeof vacancyPatch>) {
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(vacancies).where(eq(vacancies.id, id)).limit(1);
    if (!before) throw notFound('vacancy_not_found', id);
    if (input.themeIds) {
      const known = input.themeIds.length ? await tx.select({ id: themes.id }).from(themes).where(inArray(themes.id, input.themeIds)) : [];
      const unknown = input.themeIds.filter((themeId) => !known.some((theme) => theme.id === themeId));
      if (unknown.length) throw new AppError(400, 'theme_unknown', 'error.theme_unknown', { id: unknown[0] ?? '' });
      await tx.delete(vacancyThemes).where(eq(vacancyThemes.vacancyId, id));
      if (input.themeIds.length) await tx.insert(vacancyThemes).values([...new Set(input.themeIds)].map((themeId) => ({ vacancyId: id, themeId })));
    }
    const [after] = await tx
      .update(vacancies)
      .set({ urgency: input.urgency, openings: input.openings, themesOverridden: input.themeIds ? true : undefined, updatedAt: now })
      .where(eq(vacancies.id, id))
      .returning();
    if (!after) throw notFound('vacancy_not_found', id);
    await recordAudit(tx, auth, now, {
      action: 'vacancy.updated',
      subjectType: 'vacancy',
      subjectId: id,
      before: { urgency: before.urgency, openings: before.openings },
      after: { urgency: after.urgency, openings: after.openings, ...(input.themeIds ? { themeIds: input.themeIds } : {}) },
    });
    return after;
  });
  forgetThemePressure(ctx);
  return presentVacancy(row, (await themeIdsOf(ctx, [row.id])).get(row.id) ?? []);
}
