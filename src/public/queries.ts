import { and, desc, eq, exists, gt, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { images, type Language, stories, type StoryFormat, type StoryStatus, storyThemes, themes, vacancies, type VacancySourceType, vacancySources, type VacancyStatus } from '../db/schema/index.ts';

/** A theme as the public pages name it. */
export interface PublicTheme {
  key: string;
  nameNl: string;
  nameEn: string;
}

/** Is a story on the public site: published and due, or archived (links are forever). */
export const isVisible = (story: { status: StoryStatus; publishAt: Date | null }, now: Date): boolean =>
  story.status === 'archived' || (story.status === 'published' && (story.publishAt === null || story.publishAt <= now));

// The correlated subqueries below name the outer row as `stories.<column>` on purpose: Drizzle
// leaves columns unqualified in a single-table select, and an unqualified `id` inside a subquery
// would bind to the subquery's own table.

/**
 * The open vacancies a story page shows (at most 3): sharing a theme with the story, the most
 * urgent first, then those in the story's language (or of no stated language), then the longest
 * open. `columns` reads the rows as `rv`; the version and the page use the same selection.
 */
const relatedVacancies = (columns: SQL) => sql`(select ${columns} from (
    select v.id, v.slug, v.title, v.department_name, v.location, v.language, v.updated_at,
      row_number() over (order by case v.urgency when 'critical' then 4 when 'high' then 3 when 'normal' then 2 else 1 end desc,
        case when v.language = stories.language then 2 when v.language is null then 1 else 0 end desc, v.opened_at, v.id) as position
    from vacancies v
    where v.status = 'open'
      and v.id in (select vt.vacancy_id from story_themes st join vacancy_themes vt on vt.theme_id = st.theme_id where st.story_id = stories.id)
    order by position limit 3) rv)`;

/**
 * The cheap first look at a story page: whether it may be shown, and a version that changes with
 * anything the page shows (the story's revision, its translations, image alt text, featured
 * colleagues' names and approvals, theme names, the related open vacancies), so a cached page is
 * never stale.
 */
export async function storyPageVersion(tx: Tx, slug: string, now: Date) {
  const [row] = await tx
    .select({
      id: stories.id,
      status: stories.status,
      publishAt: stories.publishAt,
      version: sql<string>`concat_ws('|', ${stories.revision}, extract(epoch from ${stories.updatedAt}),
        (select string_agg(t.id::text || ':' || t.revision || ':' || t.status || ':' || (coalesce(t.publish_at, '-infinity') <= ${now})::text, ',' order by t.id)
           from stories t where t.translation_group_id = stories.translation_group_id and t.id <> stories.id),
        (select md5(i.alt_text) from images i where i.id = stories.hero_image_id),
        (select string_agg(f.person_id::text || ':' || f.approval || ':' || extract(epoch from p.updated_at), ',' order by f.person_id)
           from story_featured f join people p on p.id = f.person_id where f.story_id = stories.id),
        (select max(extract(epoch from th.updated_at)) from story_themes st join themes th on th.id = st.theme_id where st.story_id = stories.id),
        ${relatedVacancies(sql`string_agg(rv.id::text || ':' || extract(epoch from rv.updated_at), ',' order by rv.id)`)})`,
    })
    .from(stories)
    .where(eq(stories.slug, slug))
    .limit(1);
  return row ?? null;
}

export interface StoryPageData {
  id: string;
  slug: string;
  title: string;
  summary: string;
  bodyMarkdown: string;
  language: Language;
  format: StoryFormat;
  status: StoryStatus;
  externalUrl: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
  heroImage: { id: string; altText: string; width: number; height: number } | null;
  author: string | null;
  themes: PublicTheme[];
  featured: { name: string; quote: string }[];
  translations: { slug: string; language: Language; title: string }[];
  /** Open vacancies with the story's themes (at most 3), linking to their pages. */
  vacancies: RelatedVacancy[];
}

/** An open vacancy as a story page lists it. */
export interface RelatedVacancy {
  slug: string;
  title: string;
  department: string | null;
  location: string | null;
  language: Language | null;
}

/** Everything a story page shows, in one query. */
export async function loadStoryPage(tx: Tx, id: string, now: Date): Promise<StoryPageData | null> {
  const [row] = await tx
    .select({
      id: stories.id,
      slug: stories.slug,
      title: stories.title,
      summary: stories.summary,
      bodyMarkdown: stories.bodyMarkdown,
      language: stories.language,
      format: stories.format,
      status: stories.status,
      externalUrl: stories.externalUrl,
      publishedAt: sql<string | null>`coalesce(${stories.publishedAt}, ${stories.publishAt})`,
      updatedAt: stories.updatedAt,
      heroId: images.id,
      heroAlt: images.altText,
      heroWidth: images.width,
      heroHeight: images.height,
      author: sql<string | null>`(select p.name from people p where p.id = stories.author_id and p.erased_at is null)`,
      themes: sql<PublicTheme[]>`coalesce((select json_agg(json_build_object('key', th.key, 'nameNl', th.name_nl, 'nameEn', th.name_en) order by th.key)
        from story_themes st join themes th on th.id = st.theme_id where st.story_id = stories.id), '[]'::json)`,
      // Only colleagues who approved appear, and never an erased one.
      featured: sql<{ name: string; quote: string }[]>`coalesce((select json_agg(json_build_object('name', p.name, 'quote', f.quote) order by f.position, p.name)
        from story_featured f join people p on p.id = f.person_id
        where f.story_id = stories.id and f.approval = 'approved' and p.erased_at is null), '[]'::json)`,
      translations: sql<{ slug: string; language: Language; title: string }[]>`coalesce((select json_agg(json_build_object('slug', t.slug, 'language', t.language, 'title', t.title) order by t.language)
        from stories t where t.translation_group_id = stories.translation_group_id and t.id <> stories.id
          and t.status = 'published' and coalesce(t.publish_at, '-infinity') <= ${now}), '[]'::json)`,
      vacancies: sql<RelatedVacancy[]>`coalesce(${relatedVacancies(
        sql`json_agg(json_build_object('slug', rv.slug, 'title', rv.title, 'department', rv.department_name, 'location', rv.location, 'language', rv.language) order by rv.position)`,
      )}, '[]'::json)`,
    })
    .from(stories)
    .leftJoin(images, eq(images.id, stories.heroImageId))
    .where(eq(stories.id, id))
    .limit(1);
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    bodyMarkdown: row.bodyMarkdown,
    language: row.language,
    format: row.format,
    status: row.status,
    externalUrl: row.externalUrl,
    publishedAt: row.publishedAt ? new Date(row.publishedAt) : null,
    updatedAt: row.updatedAt,
    heroImage: row.heroId ? { id: row.heroId, altText: row.heroAlt ?? '', width: row.heroWidth ?? 0, height: row.heroHeight ?? 0 } : null,
    author: row.author,
    themes: row.themes,
    featured: row.featured,
    translations: row.translations,
    vacancies: row.vacancies,
  };
}

export interface ListFilters {
  theme?: string | undefined;
  format?: StoryFormat | undefined;
  language?: Language | undefined;
}

export interface ListedStory {
  id: string;
  slug: string;
  title: string;
  summary: string;
  language: Language;
  format: StoryFormat;
  externalUrl: string | null;
  publishedAt: Date;
  revision: number;
  heroImage: { id: string; altText: string } | null;
  themes: PublicTheme[];
}

/** Published, due and unexpired stories, newest first (hub, feeds, widget). */
export async function listPublishedStories(
  tx: Tx,
  filters: ListFilters,
  now: Date,
  options: { limit: number; offset?: number; withBody?: boolean },
): Promise<(ListedStory & { bodyMarkdown: string })[]> {
  const conditions: SQL[] = [eq(stories.status, 'published'), or(isNull(stories.publishAt), lte(stories.publishAt, now)) as SQL, or(isNull(stories.expireAt), gt(stories.expireAt, now)) as SQL];
  if (filters.format) conditions.push(eq(stories.format, filters.format));
  if (filters.language) conditions.push(eq(stories.language, filters.language));
  if (filters.theme) {
    conditions.push(
      exists(
        tx
          .select({ one: sql`1` })
          .from(storyThemes)
          .innerJoin(themes, eq(themes.id, storyThemes.themeId))
          .where(and(eq(storyThemes.storyId, stories.id), eq(themes.key, filters.theme))),
      ),
    );
  }
  const publishedAt = sql<string>`coalesce(${stories.publishedAt}, ${stories.publishAt}, ${stories.createdAt})`;
  const rows = await tx
    .select({
      id: stories.id,
      slug: stories.slug,
      title: stories.title,
      summary: stories.summary,
      language: stories.language,
      format: stories.format,
      externalUrl: stories.externalUrl,
      revision: stories.revision,
      publishedAt,
      bodyMarkdown: options.withBody ? stories.bodyMarkdown : sql<string>`''`,
      heroId: images.id,
      heroAlt: images.altText,
      themes: sql<PublicTheme[]>`coalesce((select json_agg(json_build_object('key', th.key, 'nameNl', th.name_nl, 'nameEn', th.name_en) order by th.key)
        from story_themes st join themes th on th.id = st.theme_id where st.story_id = stories.id), '[]'::json)`,
    })
    .from(stories)
    .leftJoin(images, eq(images.id, stories.heroImageId))
    .where(and(...conditions))
    .orderBy(desc(publishedAt), desc(stories.id))
    .limit(options.limit)
    .offset(options.offset ?? 0);
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    language: row.language,
    format: row.format,
    externalUrl: row.externalUrl,
    revision: row.revision,
    publishedAt: new Date(row.publishedAt),
    bodyMarkdown: row.bodyMarkdown,
    heroImage: row.heroId ? { id: row.heroId, altText: row.heroAlt ?? '' } : null,
    themes: row.themes,
  }));
}

/** The active themes, for the hub's filter. */
export async function activeThemes(tx: Tx): Promise<PublicTheme[]> {
  return tx.select({ key: themes.key, nameNl: themes.nameNl, nameEn: themes.nameEn }).from(themes).where(eq(themes.active, true)).orderBy(themes.key);
}


export interface VacancyPageData {
  id: string;
  slug: string;
  externalId: string | null;
  title: string;
  department: string | null;
  location: string | null;
  employmentType: string | null;
  /** Sanitised when imported. */
  descriptionHtml: string;
  applyUrl: string | null;
  language: Language | null;
  status: VacancyStatus;
  openedAt: Date;
  closedAt: Date | null;
  /** The system it was imported from (decides the apply link's source parameter); null when made by hand. */
  sourceType: VacancySourceType | null;
  themes: PublicTheme[];
  /** Published stories with the vacancy's themes ("meet the team"), at most 3. */
  stories: ListedStory[];
}

type RelatedStoryRow = Omit<ListedStory, 'publishedAt' | 'heroImage' | 'themes'> & { publishedAt: string; heroId: string | null; heroAlt: string | null };

// As above, the outer row is named `vacancies.<column>` in the correlated subqueries.

/** Everything a vacancy page shows, in one query: the vacancy, its themes and up to 3 related stories. */
export async function loadVacancyPage(tx: Tx, slug: string, now: Date): Promise<VacancyPageData | null> {
  const [row] = await tx
    .select({
      id: vacancies.id,
      slug: vacancies.slug,
      externalId: vacancies.externalId,
      title: vacancies.title,
      department: vacancies.departmentName,
      location: vacancies.location,
      employmentType: vacancies.employmentType,
      descriptionHtml: vacancies.descriptionHtml,
      applyUrl: vacancies.applyUrl,
      language: vacancies.language,
      status: vacancies.status,
      openedAt: vacancies.openedAt,
      closedAt: vacancies.closedAt,
      sourceType: vacancySources.type,
      themes: sql<PublicTheme[]>`coalesce((select json_agg(json_build_object('key', th.key, 'nameNl', th.name_nl, 'nameEn', th.name_en) order by th.key)
        from vacancy_themes vt join themes th on th.id = vt.theme_id where vt.vacancy_id = vacancies.id), '[]'::json)`,
      // Visible stories only (published, due, not expired); in the vacancy's language first.
      stories: sql<RelatedStoryRow[]>`coalesce((select json_agg(json_build_object('id', rs.id, 'slug', rs.slug, 'title', rs.title, 'summary', rs.summary,
          'language', rs.language, 'format', rs.format, 'externalUrl', rs.external_url, 'revision', rs.revision, 'publishedAt', rs.published_at,
          'heroId', rs.hero_id, 'heroAlt', rs.hero_alt) order by rs.position)
        from (select s.id, s.slug, s.title, s.summary, s.language, s.format, s.external_url, s.revision,
            coalesce(s.published_at, s.publish_at, s.created_at) as published_at, i.id as hero_id, i.alt_text as hero_alt,
            row_number() over (order by (vacancies.language is null or s.language = vacancies.language) desc, coalesce(s.published_at, s.publish_at, s.created_at) desc, s.id desc) as position
          from stories s left join images i on i.id = s.hero_image_id
          where s.status = 'published' and coalesce(s.publish_at, '-infinity') <= ${now} and coalesce(s.expire_at, 'infinity') > ${now}
            and s.id in (select st.story_id from vacancy_themes vt join story_themes st on st.theme_id = vt.theme_id where vt.vacancy_id = vacancies.id)
          order by position limit 3) rs), '[]'::json)`,
    })
    .from(vacancies)
    .leftJoin(vacancySources, eq(vacancySources.id, vacancies.sourceId))
    .where(eq(vacancies.slug, slug))
    .limit(1);
  if (!row) return null;
  return {
    ...row,
    stories: row.stories.map(({ heroId, heroAlt, publishedAt, ...story }) => ({
      ...story,
      publishedAt: new Date(publishedAt),
      heroImage: heroId ? { id: heroId, altText: heroAlt ?? '' } : null,
      themes: [],
    })),
  };
}
