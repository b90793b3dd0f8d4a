import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { groupMemberships, groups, people, stories, storyFeatured } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { getSetting } from '../settings/service.ts';
import type { CalendarSummaryView } from './schema.ts';

const DAY = 86_400_000;
const MAX_CALENDAR_DAYS = 400;
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The editorial calendar between two dates (inclusive, UTC days): stories published on a day, and
 * stories planned for it (ideas and drafts by their planned date, scheduled stories by publish date).
 */
export async function calendar(ctx: AppContext, from: string, to: string) {
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY);
  if (end.getTime() <= start.getTime()) throw new AppError(400, 'period_invalid', 'error.period_invalid', { start: from, end: to });
  if (end.getTime() - start.getTime() > MAX_CALENDAR_DAYS * DAY) throw new AppError(400, 'calendar_range', 'error.calendar_range', { days: MAX_CALENDAR_DAYS });
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const out = await db
    .select({ id: stories.id, title: stories.title, status: stories.status, format: stories.format, publishedAt: stories.publishedAt })
    .from(stories)
    .where(and(inArray(stories.status, ['published', 'archived']), gte(stories.publishedAt, start), lt(stories.publishedAt, end)));
  const planned = await db
    .select({ id: stories.id, title: stories.title, status: stories.status, format: stories.format, plannedFor: stories.plannedFor, publishAt: stories.publishAt })
    .from(stories)
    .where(
      and(
        notInArray(stories.status, ['published', 'archived']),
        or(and(gte(stories.plannedFor, from), lte(stories.plannedFor, to)), and(isNull(stories.plannedFor), gte(stories.publishAt, start), lt(stories.publishAt, end))),
      ),
    );
  const items = [
    ...out.map((s) => ({
      id: s.id,
      title: s.title,
      status: s.status,
      format: s.format,
      date: dateOf(s.publishedAt as Date),
      // Published with a future publish date: scheduled, still a plan on the calendar.
      kind: (s.publishedAt as Date).getTime() <= now.getTime() ? ('published' as const) : ('planned' as const),
    })),
    ...planned.map((s) => ({ id: s.id, title: s.title, status: s.status, format: s.format, date: s.plannedFor ?? dateOf(s.publishAt as Date), kind: 'planned' as const })),
  ];
  items.sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
  return { items, nextCursor: null };
}

/**
 * Progress on the yearly target and podium coverage: how many different colleagues were featured
 * in stories published this year, per department (a person's department group), and who among the
 * active people has never been featured in a published story.
 */
export async function calendarSummary(ctx: AppContext, year: number | undefined): Promise<CalendarSummaryView> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const y = year ?? now.getUTCFullYear();
  const start = new Date(Date.UTC(y, 0, 1));
  const end = new Date(Date.UTC(y + 1, 0, 1));
  const cutoff = end.getTime() < now.getTime() ? end : now;
  const target = await getSetting(db, 'editorial.yearlyTarget');
  const outThisYear = and(inArray(stories.status, ['published', 'archived']), gte(stories.publishedAt, start), lt(stories.publishedAt, cutoff));
  const [published] = await db.select({ n: sql<number>`count(*)::int` }).from(stories).where(outThisYear);
  const featuredThisYear = await db
    .selectDistinct({ personId: storyFeatured.personId })
    .from(storyFeatured)
    .innerJoin(stories, eq(stories.id, storyFeatured.storyId))
    .where(outThisYear);
  const featuredIds = new Set(featuredThisYear.map((f) => f.personId));

  const departmentRows = await db
    .select({ personId: groupMemberships.personId, id: groups.id, name: groups.name })
    .from(groupMemberships)
    .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
    .where(eq(groups.kind, 'department'));
  const departmentOf = new Map<string, { id: string; name: string }>();
  for (const d of departmentRows.sort((a, b) => a.name.localeCompare(b.name))) if (!departmentOf.has(d.personId)) departmentOf.set(d.personId, { id: d.id, name: d.name });

  const activePeople = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(and(eq(people.active, true), isNull(people.erasedAt)))
    .orderBy(asc(people.name), asc(people.id));
  const everFeatured = new Set(
    (
      await db
        .selectDistinct({ personId: storyFeatured.personId })
        .from(storyFeatured)
        .innerJoin(stories, eq(stories.id, storyFeatured.storyId))
        .where(and(inArray(stories.status, ['published', 'archived']), isNotNull(stories.publishedAt), lte(stories.publishedAt, now)))
    ).map((f) => f.personId),
  );

  const byDepartment = new Map<string, { department: { id: string; name: string } | null; featured: Set<string>; people: number }>();
  const bucket = (department: { id: string; name: string } | null) => {
    const key = department?.id ?? '';
    let entry = byDepartment.get(key);
    if (!entry) {
      entry = { department, featured: new Set(), people: 0 };
      byDepartment.set(key, entry);
    }
    return entry;
  };
  for (const person of activePeople) bucket(departmentOf.get(person.id) ?? null).people++;
  for (const personId of featuredIds) bucket(departmentOf.get(personId) ?? null).featured.add(personId);

  const never = activePeople.filter((p) => !everFeatured.has(p.id));
  const publishedCount = published?.n ?? 0;
  return {
    year: y,
    target,
    published: publishedCount,
    remaining: Math.max(0, target - publishedCount),
    coverage: {
      featuredPeople: featuredIds.size,
      byDepartment: [...byDepartment.values()]
        .map((e) => ({ department: e.department, featuredPeople: e.featured.size, people: e.people }))
        .sort((a, b) => (a.department?.name ?? '\uffff').localeCompare(b.department?.name ?? '\uffff')),
      neverFeatured: never.slice(0, 50).map((p) => ({ id: p.id, name: p.name, department: departmentOf.get(p.id) ?? null })),
      neverFeaturedCount: never.length,
    },
  };
}
