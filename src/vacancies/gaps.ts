import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import { hasRole, type SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { type Language, people, stories, themes, type Urgency, vacancies } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { t } from '../i18n/index.ts';
import { pgArray } from '../links/store.ts';
import { createStory } from '../stories/service.ts';
import type { ContentGapsView, ContentGapView, GapRequestInput } from './gap-schema.ts';
import { vacancyPressureSql } from './pressure.ts';
import { rowsOf } from '../db/rows.ts';

/**
 * The content gap: per theme, hiring pressure against content supply.
 *
 *   pressure = Σ over the theme's open vacancies of openings × urgency weight × (1 + days open / 30)
 *              (src/vacancies/pressure.ts; days open counted up to 90)
 *   supply   = Σ over the stories published with the theme in the last 8 weeks of
 *              1 + shares / 5 + humanClicks / 50
 *              (shares made and human clicks counted in those 8 weeks; clicks from click_rollups_daily)
 *   need     = pressure / (1 + supply)
 *
 * So a theme whose one recent story was shared 5 times and clicked 50 times has a supply of 3
 * and a need of a quarter of its pressure. Only active themes with open vacancies (pressure > 0)
 * appear, highest need first (ties: higher pressure first, then by name).
 */
export const SUPPLY_WEEKS = 8;
export const SHARES_PER_STORY = 5;
export const CLICKS_PER_STORY = 50;
/** Who has been on the stage within this many months is not suggested again. */
export const FEATURED_RECENTLY_MONTHS = 6;
export const MAX_SUGGESTED_PEOPLE = 5;
/** How many vacancies and stories each theme lists (the counts cover all of them). */
export const LISTED_PER_THEME = 10;

/** One story's contribution to its themes' supply. */
export const storySupply = (story: { shares: number; humanClicks: number }): number => 1 + story.shares / SHARES_PER_STORY + story.humanClicks / CLICKS_PER_STORY;

/** The ranking key: hiring pressure damped by what is already being told. */
export const themeNeed = (pressure: number, supply: number): number => pressure / (1 + supply);
// Times leave SQL as epoch milliseconds: the two database drivers hand timestamps back differently.
const iso = (ms: number | string): string => new Date(Number(ms)).toISOString();
const isoOrNull = (ms: number | string | null): string | null => (ms === null ? null : iso(ms));
const round = (value: number): number => Math.round(value * 100) / 100;

function monthsBefore(now: Date, months: number): Date {
  const at = new Date(now);
  at.setUTCMonth(at.getUTCMonth() - months);
  return at;
}

interface VacancyRow {
  theme_id: string;
  theme_key: string;
  name_nl: string;
  name_en: string;
  id: string;
  title: string;
  slug: string;
  urgency: Urgency;
  openings: number;
  department_name: string | null;
  opened_ms: number | string;
  pressure: number | string;
}

/** Open vacancies per active theme, each with its pressure (the shared formula, in SQL). */
async function openVacanciesByTheme(tx: Tx, now: Date): Promise<VacancyRow[]> {
  return rowsOf<VacancyRow>(
    await tx.execute(sql`
      select vt.theme_id, t.key as theme_key, t.name_nl, t.name_en, v.id, v.title, v.slug, v.urgency, v.openings, v.department_name,
        (extract(epoch from v.opened_at) * 1000)::float8 as opened_ms, ${vacancyPressureSql(now)} as pressure
      from vacancies v
      join vacancy_themes vt on vt.vacancy_id = v.id
      join themes t on t.id = vt.theme_id
      where v.status = 'open' and t.active`),
  );
}

interface StoryRow {
  theme_id: string;
  id: string;
  title: string;
  slug: string;
  published_ms: number | string;
  shares: number | string;
  human_clicks: number | string;
}

/** Stories published with the themes within the supply window, newest first, with their shares and human clicks in it. */
async function recentStoriesByTheme(tx: Tx, themeIds: string[], since: Date, now: Date): Promise<StoryRow[]> {
  const sinceAt = since.toISOString();
  return rowsOf<StoryRow>(
    await tx.execute(sql`
      select st.theme_id, s.id, s.title, s.slug, (extract(epoch from s.published_at) * 1000)::float8 as published_ms,
        (select count(*) from shares sh where sh.story_id = s.id and sh.created_at >= ${sinceAt}::timestamptz)::int as shares,
        (select coalesce(sum(r.human_clicks), 0) from click_rollups_daily r
          where r.story_id = s.id and r.day >= (${sinceAt}::timestamptz at time zone 'UTC')::date)::int as human_clicks
      from stories s
      join story_themes st on st.story_id = s.id
      where s.status = 'published' and s.published_at >= ${sinceAt}::timestamptz and s.published_at <= ${now.toISOString()}::timestamptz
        and st.theme_id = any(${pgArray(themeIds)}::uuid[])
      order by s.published_at desc, s.id desc`),
  );
}

interface SuggestionRow {
  theme_id: string;
  id: string;
  name: string;
  department: string;
  tell_my_story: boolean;
  last_featured_ms: number | string | null;
}

/**
 * Colleagues to feature per theme: active ambassadors (not paused, opted out, deactivated or
 * erased) in a department of one of the theme's open vacancies, who have not been on the stage
 * in the last six months (featured in an approved or published story, or one published and since
 * archived) and are not already asked (featured in an idea, draft or story in review of the last
 * six months). Those who said "I'd like to tell my story" come first, then whoever was featured
 * longest ago (never featured first). Only names and departments leave this query: no persona.
 */
async function suggestedPeopleByTheme(tx: Tx, themeIds: string[], since: Date): Promise<SuggestionRow[]> {
  const sinceAt = since.toISOString();
  return rowsOf<SuggestionRow>(
    await tx.execute(sql`
      with theme_departments as (
        select distinct vt.theme_id, v.department_id
        from vacancies v join vacancy_themes vt on vt.vacancy_id = v.id
        where v.status = 'open' and v.department_id is not null and vt.theme_id = any(${pgArray(themeIds)}::uuid[])
      ),
      featured as (
        select sf.person_id,
          max(coalesce(s.published_at, s.publish_at, s.updated_at))
            filter (where s.status in ('approved', 'published') or (s.status = 'archived' and s.published_at is not null)) as last_featured_at,
          bool_or(s.status in ('idea', 'draft', 'in_review') and s.created_at >= ${sinceAt}::timestamptz) as asked
        from story_featured sf join stories s on s.id = sf.story_id
        group by sf.person_id
      ),
      candidates as (
        select td.theme_id, p.id, p.name, min(g.name) as department,
          coalesce(p.preferences -> 'tellMyStory' = 'true'::jsonb, false) as tell_my_story,
          max(f.last_featured_at) as last_featured_at
        from theme_departments td
        join groups g on g.id = td.department_id
        join group_memberships gm on gm.group_id = td.department_id
        join people p on p.id = gm.person_id
        left join featured f on f.person_id = p.id
        where p.ambassador_status = 'active' and p.active and p.erased_at is null
          and (f.person_id is null or ((f.last_featured_at is null or f.last_featured_at < ${sinceAt}::timestamptz) and not coalesce(f.asked, false)))
        group by td.theme_id, p.id
      ),
      ranked as (
        select c.*, row_number() over (partition by c.theme_id order by c.tell_my_story desc, c.last_featured_at asc nulls first, lower(c.name), c.id) as n
        from candidates c
      )
      select theme_id, id, name, department, tell_my_story, (extract(epoch from last_featured_at) * 1000)::float8 as last_featured_ms
      from ranked where n <= ${MAX_SUGGESTED_PEOPLE}
      order by theme_id, n`),
  );
}

/**
 * Builds the ranked "themes that need stories" view (programme staff: communications and recruitment).
 * `suggestions: false` leaves out the colleagues to feature (the daily snapshot needs the figures only).
 */
export async function listContentGaps(ctx: AppContext, language: Language, options: { suggestions?: boolean } = {}): Promise<ContentGapsView> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const gaps = new Map<string, ContentGapView & { rawPressure: number; rawSupply: number }>();
  for (const row of await openVacanciesByTheme(db, now)) {
    let gap = gaps.get(row.theme_id);
    if (!gap) {
      gap = {
        theme: { id: row.theme_id, key: row.theme_key, name: language === 'nl' ? row.name_nl : row.name_en },
        pressure: 0,
        supply: 0,
        need: 0,
        vacancyCount: 0,
        vacancies: [],
        storyCount: 0,
        stories: [],
        suggestedPeople: [],
        rawPressure: 0,
        rawSupply: 0,
      };
      gaps.set(row.theme_id, gap);
    }
    const pressure = Number(row.pressure);
    gap.rawPressure += pressure;
    gap.vacancyCount++;
    gap.vacancies.push({
      id: row.id,
      title: row.title,
      slug: row.slug,
      urgency: row.urgency,
      openings: Number(row.openings),
      department: row.department_name,
      openedAt: iso(row.opened_ms),
      pressure: round(pressure),
    });
  }
  for (const [themeId, gap] of gaps) if (!(gap.rawPressure > 0)) gaps.delete(themeId);
  const themeIds = [...gaps.keys()];
  if (themeIds.length > 0) {
    const since = new Date(now.getTime() - SUPPLY_WEEKS * 7 * 86_400_000);
    for (const row of await recentStoriesByTheme(db, themeIds, since, now)) {
      const gap = gaps.get(row.theme_id);
      if (!gap) continue;
      const story = { shares: Number(row.shares), humanClicks: Number(row.human_clicks) };
      gap.rawSupply += storySupply(story);
      gap.storyCount++;
      if (gap.stories.length < LISTED_PER_THEME) gap.stories.push({ id: row.id, title: row.title, slug: row.slug, publishedAt: iso(row.published_ms), ...story });
    }
    const suggested = options.suggestions === false ? [] : await suggestedPeopleByTheme(db, themeIds, monthsBefore(now, FEATURED_RECENTLY_MONTHS));
    for (const row of suggested) {
      gaps.get(row.theme_id)?.suggestedPeople.push({ id: row.id, name: row.name, department: row.department, tellMyStory: row.tell_my_story === true, lastFeaturedAt: isoOrNull(row.last_featured_ms) });
    }
  }
  const ranked = [...gaps.values()]
    .map((gap) => ({ ...gap, rawNeed: themeNeed(gap.rawPressure, gap.rawSupply) }))
    .sort((a, b) => b.rawNeed - a.rawNeed || b.rawPressure - a.rawPressure || a.theme.name.localeCompare(b.theme.name));
  return {
    items: ranked.map(({ rawPressure, rawSupply, rawNeed, ...gap }) => ({
      ...gap,
      pressure: round(rawPressure),
      supply: round(rawSupply),
      need: round(rawNeed),
      vacancies: gap.vacancies.sort((a, b) => b.pressure - a.pressure || b.openedAt.localeCompare(a.openedAt)).slice(0, LISTED_PER_THEME),
    })),
    generatedAt: now.toISOString(),
  };
}

/** What the request refers to, checked before anything is written. */
async function loadRequestSubjects(ctx: AppContext, input: GapRequestInput) {
  const db = ctx.database.db;
  const [theme] = await db.select().from(themes).where(eq(themes.id, input.themeId)).limit(1);
  if (!theme) throw new AppError(400, 'unknown_theme', 'error.unknown_theme', { id: input.themeId });
  if (input.kind === 'interview' && !input.personId) throw new AppError(400, 'content_gap_person_required', 'error.content_gap_person_required');
  const [person] = input.personId
    ? await db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(and(eq(people.id, input.personId), isNull(people.erasedAt)))
        .limit(1)
    : [];
  if (input.personId && !person) throw new AppError(400, 'unknown_person', 'error.unknown_person', { id: input.personId });
  const [vacancy] = input.vacancyId ? await db.select({ id: vacancies.id, title: vacancies.title }).from(vacancies).where(eq(vacancies.id, input.vacancyId)).limit(1) : [];
  if (input.vacancyId && !vacancy) throw new AppError(400, 'content_gap_vacancy_unknown', 'error.content_gap_vacancy_unknown', { id: input.vacancyId });
  if (input.assignedTo) {
    const [assignee] = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.id, input.assignedTo), eq(people.active, true), isNull(people.erasedAt), sql`${people.roles} && array['editor', 'admin']::text[]`))
      .limit(1);
    if (!assignee) throw new AppError(400, 'content_gap_assignee_not_editor', 'error.content_gap_assignee_not_editor', { id: input.assignedTo });
  }
  return { theme, person, vacancy };
}

/** The story's title and summary in the requester's language. */
function requestTexts(language: Language, kind: GapRequestInput['kind'], theme: string, person: string | null, vacancy: string | null) {
  const title =
    kind === 'interview' && person
      ? t(language, 'content_gap.title.interview', { name: person, theme })
      : person
        ? t(language, 'content_gap.title.idea_with', { name: person, theme })
        : t(language, 'content_gap.title.idea', { theme });
  const summary = vacancy ? t(language, 'content_gap.summary.vacancy', { theme, vacancy }) : t(language, 'content_gap.summary', { theme });
  return { title: title.slice(0, 200), summary: summary.slice(0, 1000) };
}

/**
 * Turns a content gap into a story idea: an interview with a suggested colleague (who is featured
 * and asked for approval later, as with any story) or a behind-the-scenes idea. The theme is
 * attached and the story is assigned to the editor given, or to the requester when they are an
 * editor or admin (a recruiter's request waits for an editor, who is told as with any submission).
 */
export async function requestStory(ctx: AppContext, auth: SignedIn, input: GapRequestInput, language: Language): Promise<{ storyId: string; editorUrl: string }> {
  const { theme, person, vacancy } = await loadRequestSubjects(ctx, input);
  const texts = requestTexts(language, input.kind, language === 'nl' ? theme.nameNl : theme.nameEn, person?.name ?? null, vacancy?.title ?? null);
  const story = await createStory(
    ctx,
    auth,
    {
      ...texts,
      language,
      format: input.kind === 'interview' ? 'interview' : 'behind_the_scenes',
      status: 'idea',
      themeIds: [theme.id],
      featured: person ? [{ personId: person.id }] : [],
    },
    language,
  );
  // createStory knows no assignee: the assignment follows in a second step, whose input was
  // checked above, so it cannot leave a half-made request behind for a caller's mistake.
  const assignedTo = input.assignedTo ?? (auth.personId && hasRole(auth, 'editor', 'admin') ? auth.personId : null);
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    if (assignedTo) await tx.update(stories).set({ assignedTo }).where(eq(stories.id, story.id));
    await recordAudit(tx, auth, now, {
      action: 'content_gap.requested',
      subjectType: 'story',
      subjectId: story.id,
      after: { kind: input.kind, themeId: theme.id, personId: person?.id ?? null, vacancyId: vacancy?.id ?? null, assignedTo },
    });
  });
  return { storyId: story.id, editorUrl: `/editorial/stories/${story.id}` };
}
