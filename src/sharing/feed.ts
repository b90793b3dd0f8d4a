import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { type AppContext, perContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { audiences, campaigns, campaignStories, images, shares, shareSuggestions, stories, storyThemes, storyVariants, themes } from '../db/schema/index.ts';
import type { Language } from '../db/schema/people.ts';
import { AppError } from '../http/errors.ts';
import { decodeCursor, encodeCursor } from '../http/pagination.ts';
import { imageUrl, storyCanonicalUrl } from '../public/urls.ts';
import type { FeedCard, FeedQuery } from './schema.ts';
import { RecentCache } from '../public/cache.ts';
import { dateIn } from './today.ts';
import { peopleGeneration } from '../people/changes.ts';

/** The reader's groups as one uuid[] parameter (a text literal, so both engines take it alike). */
const groupArray = (groups: readonly string[]): SQL => sql`${`{${groups.join(',')}}`}::uuid[]`;

/** Published, inside its publish window, and targeted at one of the reader's groups or at everyone. */
function visibleTo(groups: readonly string[], now: Date, q: string | undefined): SQL {
  const conditions = [
    eq(stories.status, 'published'),
    isNotNull(stories.publishedAt),
    or(isNull(stories.publishAt), lte(stories.publishAt, now)),
    or(isNull(stories.expireAt), gt(stories.expireAt, now)),
    sql`(not exists (select 1 from story_target_groups stg where stg.story_id = ${stories.id})
      or exists (select 1 from story_target_groups stg where stg.story_id = ${stories.id} and stg.group_id = any(${groupArray(groups)})))`,
  ];
  // Both configurations: a Dutch query finds Dutch stems, an English one English stems.
  if (q) conditions.push(sql`${stories.searchVector} @@ (websearch_to_tsquery('dutch', ${q}) || websearch_to_tsquery('english', ${q}))`);
  return and(...conditions) as SQL;
}

/** Campaigns running today and targeted at one of the reader's groups (or at everyone). */
function activeCampaignFor(campaignId: SQL | typeof campaigns.id, groups: readonly string[], today: string): SQL {
  return sql`${campaigns.startsOn} <= ${today} and ${campaigns.endsOn} >= ${today}
    and (not exists (select 1 from campaign_target_groups ctg where ctg.campaign_id = ${campaignId})
      or exists (select 1 from campaign_target_groups ctg where ctg.campaign_id = ${campaignId} and ctg.group_id = any(${groupArray(groups)})))`;
}

/** The story is part of a campaign that is active for the reader: it is highlighted at the top of the feed. */
function highlighted(groups: readonly string[], today: string): SQL {
  return sql`exists (select 1 from campaign_stories cs join campaigns on campaigns.id = cs.campaign_id
    where cs.story_id = ${stories.id} and ${activeCampaignFor(campaigns.id, groups, today)})`;
}

interface Reader {
  groups: string[];
  today: string;
  /** How often the reader shared each story (story id → count). */
  sharedByMe: Map<string, number>;
}

/**
 * A reader is remembered for a few seconds (a person scrolling the feed asks for several pages).
 * Their own new share forgets them at once; a change to people or groups moves the generation on.
 */
const recentReaders = perContext(() => new RecentCache<{ groups: string[]; timeZone: string; sharedByMe: Map<string, number> }>(5_000, 10_000));
const readerKey = (ctx: AppContext, personId: string) => `${peopleGeneration(ctx)}:${personId}`;

/** Called when a person shares: their own share counts in the feed change. */
export function forgetReader(ctx: AppContext, personId: string): void {
  recentReaders(ctx).delete(readerKey(ctx, personId));
}

async function readerOf(ctx: AppContext, personId: string | null, now: Date): Promise<Reader> {
  if (!personId) return { groups: [], today: dateIn('UTC', now), sharedByMe: new Map() };
  const key = readerKey(ctx, personId);
  let known = recentReaders(ctx).get(key, now.getTime());
  if (!known) {
    known = await loadReader(ctx.database.db, personId);
    recentReaders(ctx).set(key, known, now.getTime());
  }
  return { groups: known.groups, today: dateIn(known.timeZone, now), sharedByMe: known.sharedByMe };
}

/** Who is reading, in one query: their groups (targeting), their time zone (campaign days) and their own share counts. */
async function loadReader(tx: Tx, personId: string) {
  const [row] = await tx
    .execute(sql`
    select p.time_zone,
      (select coalesce(string_agg(gm.group_id::text, ',' order by gm.group_id), '') from group_memberships gm where gm.person_id = p.id) as groups,
      (select coalesce(string_agg(s.story_id::text || ':' || s.n, ','), '')
         from (select story_id, count(*) as n from shares where person_id = p.id and story_id is not null group by story_id) s) as mine
    from people p where p.id = ${personId}`)
    .then((result) => rowsOf<{ time_zone: string; groups: string; mine: string }>(result));
  const sharedByMe = new Map<string, number>();
  for (const pair of row?.mine ? row.mine.split(',') : []) {
    const [storyId = '', n = '0'] = pair.split(':');
    sharedByMe.set(storyId, Number(n));
  }
  return { groups: row?.groups ? row.groups.split(',') : [], timeZone: row?.time_zone ?? 'UTC', sharedByMe };
}

/** Drizzle's execute answers rows on PGlite and a result with rows on node-postgres. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

/**
 * The shared part of a feed page (stories, variants, themes, campaigns, total share counts) is the
 * same for everyone with the same groups, audience and day: it is kept for a few seconds, so a busy
 * feed costs each reader only their own share counts. A newly published story shows within that time.
 */
interface SharedPage {
  cards: FeedCard[];
  nextCursor: string | null;
  /** The page written as JSON for readers without shares of their own on it, made on first use. */
  body?: Buffer;
}
const sharedPages = perContext(() => new RecentCache<SharedPage>(10_000, 2_000));

type Phase = 1 | 0;


async function storiesOfPhase(tx: Tx, phase: Phase, visible: SQL, highlight: SQL, after: { publishedAt: string; id: string } | null, limit: number) {
  return tx
    .select({
      id: stories.id,
      slug: stories.slug,
      title: stories.title,
      summary: stories.summary,
      format: stories.format,
      language: stories.language,
      externalUrl: stories.externalUrl,
      heroImageId: stories.heroImageId,
      heroImageAlt: images.altText,
      publishedAt: stories.publishedAt,
    })
    .from(stories)
    .leftJoin(images, eq(images.id, stories.heroImageId))
    .where(
      and(
        visible,
        phase === 1 ? highlight : sql`not ${highlight}`,
        after ? sql`(${stories.publishedAt}, ${stories.id}) < (${after.publishedAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(sql`${stories.publishedAt} desc`, sql`${stories.id} desc`)
    .limit(limit);
}

type StoryRow = Awaited<ReturnType<typeof storiesOfPhase>>[number] & { phase: Phase };

/**
 * The ambassador feed: stories of campaigns active for the person first, then every other visible
 * story, newest first. Two keyset-paged phases rather than one sort on "highlighted", so the big
 * phase walks the (status, published_at) index and stops after a page instead of sorting all stories.
 */
/**
 * The feed page as JSON bytes. A reader who has shared none of the page's stories gets the bytes
 * the shared page was written to once; otherwise their own counts are written in.
 */
export async function feedBody(ctx: AppContext, personId: string | null, language: Language, query: FeedQuery): Promise<Buffer> {
  const { reader, shared } = await feedParts(ctx, personId, language, query);
  if (!shared.cards.some((card) => reader.sharedByMe.has(card.story.id))) {
    shared.body ??= Buffer.from(JSON.stringify({ items: shared.cards, nextCursor: shared.nextCursor }));
    return shared.body;
  }
  return Buffer.from(JSON.stringify(personalise(shared, reader)));
}

type FeedPage = { items: FeedCard[]; nextCursor: string | null };

async function feedParts(ctx: AppContext, personId: string | null, language: Language, query: FeedQuery) {
  const now = ctx.clock.now();
  const reader = await readerOf(ctx, personId, now);
  const key = JSON.stringify([reader.groups, reader.today, query.audience, query.q ?? '', query.cursor ?? '', query.limit, language]);
  let shared = sharedPages(ctx).get(key, now.getTime());
  if (!shared) {
    shared = await sharedPage(ctx, reader, language, query, now);
    sharedPages(ctx).set(key, shared, now.getTime());
  }
  return { reader, shared };
}

/** The reader's own shares: the one personal part of the feed. */
function personalise(shared: SharedPage, reader: Reader): FeedPage {
  const items = shared.cards.map((card) => {
    const own = reader.sharedByMe.get(card.story.id) ?? 0;
    return { ...card, sharedByMe: own, colleagueShares: Math.max(0, card.colleagueShares - own) };
  });
  return { items, nextCursor: shared.nextCursor };
}

/** The feed page as everyone with these groups sees it; colleagueShares holds all shares until the reader's own are taken off. */
async function sharedPage(ctx: AppContext, reader: Reader, language: Language, query: FeedQuery, now: Date): Promise<SharedPage> {
  const tx = ctx.database.db;
  const [audience] = await tx.select().from(audiences).where(eq(audiences.key, query.audience)).limit(1);
  if (!audience) throw new AppError(400, 'unknown_audience', 'error.unknown_audience', { key: query.audience });
  const visible = visibleTo(reader.groups, now, query.q || undefined);
  const highlight = highlighted(reader.groups, reader.today);

  const cursor = decodeCursor(query.cursor, ['number', 'timestamp', 'uuid']);
  const after = cursor ? { publishedAt: String(cursor[1]), id: String(cursor[2]) } : null;
  const rows: StoryRow[] = [];
  if (cursor && cursor[0] === 0) {
    for (const row of await storiesOfPhase(tx, 0, visible, highlight, after, query.limit + 1)) rows.push({ ...row, phase: 0 });
  } else {
    // Both phases at once (in parallel on PostgreSQL): the first page usually needs both.
    const [first, rest] = await Promise.all([
      storiesOfPhase(tx, 1, visible, highlight, after, query.limit + 1),
      storiesOfPhase(tx, 0, visible, highlight, null, query.limit + 1),
    ]);
    for (const row of first) rows.push({ ...row, phase: 1 });
    for (const row of rest) rows.push({ ...row, phase: 0 });
  }
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last?.publishedAt ? encodeCursor([last.phase, last.publishedAt.toISOString(), last.id]) : null;
  const audienceName = language === 'nl' ? audience.nameNl : audience.nameEn;
  return { cards: await presentCards(ctx, page, { id: audience.id, key: audience.key, name: audienceName }, reader, language), nextCursor };
}

async function presentCards(ctx: AppContext, page: StoryRow[], audience: { id: string; key: string; name: string }, reader: Reader, language: Language): Promise<FeedCard[]> {
  if (page.length === 0) return [];
  const tx = ctx.database.db;
  const ids = page.map((s) => s.id);
  const [themeRows, variantRows, campaignRows, counts] = await Promise.all([
    tx
      .select({ storyId: storyThemes.storyId, id: themes.id, key: themes.key, nameNl: themes.nameNl, nameEn: themes.nameEn })
      .from(storyThemes)
      .innerJoin(themes, eq(themes.id, storyThemes.themeId))
      .where(inArray(storyThemes.storyId, ids))
      .orderBy(asc(themes.key)),
    tx
      .select({
        id: storyVariants.id,
        storyId: storyVariants.storyId,
        headline: storyVariants.headline,
        teaser: storyVariants.teaser,
        suggestionId: shareSuggestions.id,
        network: shareSuggestions.network,
        text: shareSuggestions.text,
      })
      .from(storyVariants)
      .leftJoin(shareSuggestions, eq(shareSuggestions.variantId, storyVariants.id))
      .where(and(inArray(storyVariants.storyId, ids), eq(storyVariants.audienceId, audience.id)))
      .orderBy(asc(shareSuggestions.network), asc(shareSuggestions.position), asc(shareSuggestions.id)),
    tx
      .select({ storyId: campaignStories.storyId, id: campaigns.id, slug: campaigns.slug, name: campaigns.name })
      .from(campaignStories)
      .innerJoin(campaigns, eq(campaigns.id, campaignStories.campaignId))
      .where(and(inArray(campaignStories.storyId, ids), activeCampaignFor(campaigns.id, reader.groups, reader.today)))
      .orderBy(sql`${campaigns.startsOn} desc`, asc(campaigns.slug)),
    // One grouped pass over the page's shares, not a count per card.
    tx
      .select({ storyId: shares.storyId, total: sql<number>`count(*)`.mapWith(Number) })
      .from(shares)
      .where(inArray(shares.storyId, ids))
      .groupBy(shares.storyId),
  ]);
  return page.map((story) => {
    const variant = variantRows.find((v) => v.storyId === story.id);
    const campaign = campaignRows.find((c) => c.storyId === story.id);
    const count = counts.find((c) => c.storyId === story.id);
    return {
      story: {
        id: story.id,
        slug: story.slug,
        title: story.title,
        format: story.format,
        language: story.language,
        url: storyCanonicalUrl(ctx.config, story),
        heroImage: story.heroImageId
          ? { id: story.heroImageId, url: imageUrl(ctx.config, story.heroImageId, 'original'), shareUrl: imageUrl(ctx.config, story.heroImageId, 'share'), altText: story.heroImageAlt ?? '' }
          : null,
        publishedAt: story.publishedAt?.toISOString() ?? null,
        themes: themeRows.filter((th) => th.storyId === story.id).map((th) => ({ id: th.id, key: th.key, name: language === 'nl' ? th.nameNl : th.nameEn })),
      },
      audience: { key: audience.key, name: audience.name },
      headline: variant?.headline ?? story.title,
      teaser: variant?.teaser ?? story.summary,
      suggestions: variantRows
        .filter((v) => v.storyId === story.id)
        .flatMap((v) => (v.suggestionId !== null && v.network !== null && v.text !== null ? [{ id: v.suggestionId, network: v.network, text: v.text }] : [])),
      campaign: campaign ? { id: campaign.id, slug: campaign.slug, name: campaign.name } : null,
      sharedByMe: 0,
      colleagueShares: count?.total ?? 0,
    };
  });
}
