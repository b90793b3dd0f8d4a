import { and, desc, eq, exists, gt, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { images, type Language, stories, type StoryFormat, type StoryStatus, storyThemes, themes } from '../db/schema/index.ts';

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
 * The cheap first look at a story page: whether it may be shown, and a version that changes with
 * anything the page shows (the story's revision, its translations, image alt text, featured
 * colleagues' names and approvals, theme names), so a cached page is never stale.
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
        (select max(extract(epoch from th.updated_at)) from story_themes st join themes th on th.id = st.theme_id where st.story_id = stories.id))`,
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

