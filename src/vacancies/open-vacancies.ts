import { and, asc, desc, eq, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { type Language, themes, urgencies, vacancies, vacancyThemes } from '../db/schema/index.ts';
import { decodeCursor, encodeCursor } from '../http/pagination.ts';
import { text } from '../http/text.ts';

export const openVacancyQuery = z.object({
  q: text().trim().max(200).optional().describe('Words in the title, department or location'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** An open vacancy as every signed-in person sees it, to find one to share: no description, sources or ATS links. */
export const openVacancySchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    department: z.string().nullable(),
    location: z.string().nullable(),
    employmentType: z.string().nullable(),
    urgency: z.enum(urgencies),
    openedAt: z.iso.datetime(),
    /** Named in the reader's language. */
    themes: z.array(z.object({ id: z.uuid(), key: z.string(), name: z.string() })),
  })
  .meta({ id: 'OpenVacancy' });
export type OpenVacancy = z.infer<typeof openVacancySchema>;

// Most urgent first: those are the ones where a colleague's share helps most. Then newest opened.
const urgencyRank = sql<number>`case ${vacancies.urgency} when 'critical' then 3 when 'high' then 2 when 'normal' then 1 else 0 end`;

/** Escapes LIKE's wildcards so a search for "100%" means the text. */
const containing = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The open vacancies, most urgent first and then newest opened, keyset-paged; `q` searches the
 * title, department and location. Readable by every signed-in person, so it carries only what
 * helps someone pick a vacancy to share.
 */
export async function listOpenVacancies(ctx: AppContext, language: Language, query: z.output<typeof openVacancyQuery>): Promise<{ items: OpenVacancy[]; nextCursor: string | null }> {
  const db = ctx.database.db;
  const cursor = decodeCursor(query.cursor, ['number', 'timestamp', 'uuid']);
  const conditions: (SQL | undefined)[] = [eq(vacancies.status, 'open')];
  if (query.q) {
    const pattern = containing(query.q);
    conditions.push(or(ilike(vacancies.title, pattern), ilike(vacancies.departmentName, pattern), ilike(vacancies.location, pattern)));
  }
  if (cursor) {
    const [rank, at, id] = [Number(cursor[0]), new Date(String(cursor[1])), String(cursor[2])];
    conditions.push(
      or(
        lt(urgencyRank, rank),
        and(sql`${urgencyRank} = ${rank}`, or(lt(vacancies.openedAt, at), and(eq(vacancies.openedAt, at), lt(vacancies.id, id)))),
      ),
    );
  }
  const rows = await db
    .select({
      id: vacancies.id,
      slug: vacancies.slug,
      title: vacancies.title,
      department: vacancies.departmentName,
      location: vacancies.location,
      employmentType: vacancies.employmentType,
      urgency: vacancies.urgency,
      openedAt: vacancies.openedAt,
      rank: urgencyRank,
    })
    .from(vacancies)
    .where(and(...conditions))
    .orderBy(desc(urgencyRank), desc(vacancies.openedAt), desc(vacancies.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const themesOf = new Map<string, OpenVacancy['themes']>();
  if (page.length > 0) {
    const themeRows = await db
      .select({ vacancyId: vacancyThemes.vacancyId, id: themes.id, key: themes.key, nameNl: themes.nameNl, nameEn: themes.nameEn })
      .from(vacancyThemes)
      .innerJoin(themes, eq(themes.id, vacancyThemes.themeId))
      .where(inArray(vacancyThemes.vacancyId, page.map((row) => row.id)))
      .orderBy(asc(themes.key));
    for (const row of themeRows) {
      const theme = { id: row.id, key: row.key, name: language === 'nl' ? row.nameNl : row.nameEn };
      themesOf.set(row.vacancyId, [...(themesOf.get(row.vacancyId) ?? []), theme]);
    }
  }
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      department: row.department,
      location: row.location,
      employmentType: row.employmentType,
      urgency: row.urgency,
      openedAt: row.openedAt.toISOString(),
      themes: themesOf.get(row.id) ?? [],
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([Number(last.rank), last.openedAt.toISOString(), last.id]) : null,
  };
}
