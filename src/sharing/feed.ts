import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { audiences, campaigns, campaignStories, images, shares, shareSuggestions, stories, storyThemes, storyVariants, themes } from '../db/schema/index.ts';
import type { Language } from '../db/schema/people.ts';
import { AppError } from '../http/errors.ts';
import { decodeCursor, encodeCursor } from '../http/pagination.ts';
import { imageUrl, storyCanonicalUrl } from '../public/urls.ts';
import type { FeedCard, FeedQuery } from './schema.ts';
import { todayFor } from './today.ts';

/** A uuid no person has: keeps the SQL one shape for organisation tokens, which belong to no group. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

/** Published, inside its publish window, and targeted at one of the person's groups or at everyone. */
function visibleTo(personId: string, now: Date, q: string | undefined): SQL {
  const conditions = [
    eq(stories.status, 'published'),
    isNotNull(stories.publishedAt),
    or(isNull(stories.publishAt), lte(stories.publishAt, now)),
    or(isNull(stories.expireAt), gt(stories.expireAt, now)),
    sql`(not exists (select 1 from story_target_groups stg where stg.story_id = ${stories.id})
      or exists (select 1 from story_target_groups stg join group_memberships gm on gm.group_id = stg.group_id
                 where stg.story_id = ${stories.id} and gm.person_id = ${personId}))`,
  ];
  // Both configurations: a Dutch query finds Dutch stems, an English one English stems.
  if (q) conditions.push(sql`${stories.searchVector} @@ (websearch_to_tsquery('dutch', ${q}) || websearch_to_tsquery('english', ${q}))`);
  return and(...conditions) as SQL;
}

/** Campaigns running today and targeted at the person (or at everyone). */
function activeCampaignFor(campaignId: SQL | typeof campaigns.id, personId: string, today: string): SQL {
  return sql`${campaigns.startsOn} <= ${today} and ${campaigns.endsOn} >= ${today}
    and (not exists (select 1 from campaign_target_groups ctg where ctg.campaign_id = ${campaignId})
      or exists (select 1 from campaign_target_groups ctg join group_memberships gm on gm.group_id = ctg.group_id
                 where ctg.campaign_id = ${campaignId} and gm.person_id = ${personId}))`;
}

/** The story is part of a campaign that is active for the person: it is highlighted at the top of the feed. */
function highlighted(personId: string, today: string): SQL {
  return sql`exists (select 1 from campaign_stories cs join campaigns on campaigns.id = cs.campaign_id
    where cs.story_id = ${stories.id} and ${activeCampaignFor(campaigns.id, personId, today)})`;
}

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
export async function listFeed(ctx: AppContext, personId: string | null, language: Language, query: FeedQuery): Promise<{ items: FeedCard[]; nextCursor: string | null }> {
  const tx = ctx.database.db;
  const now = ctx.clock.now();
  const me = personId ?? NOBODY;
  const [[audience], today] = await Promise.all([tx.select().from(audiences).where(eq(audiences.key, query.audience)).limit(1), todayFor(tx, personId, now)]);
  if (!audience) throw new AppError(400, 'unknown_audience', 'error.unknown_audience', { key: query.audience });
  const visible = visibleTo(me, now, query.q || undefined);
  const highlight = highlighted(me, today);

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
  return { items: await presentCards(ctx, page, { id: audience.id, key: audience.key, name: audienceName }, me, today, language), nextCursor };
}

async function presentCards(ctx: AppContext, page: StoryRow[], audience: { id: string; key: string; name: string }, me: string, today: string, language: Language): Promise<FeedCard[]> {
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
      .where(and(inArray(campaignStories.storyId, ids), activeCampaignFor(campaigns.id, me, today)))
      .orderBy(sql`${campaigns.startsOn} desc`, asc(campaigns.slug)),
    // One grouped pass over the page's shares, not a count per card.
    tx
      .select({
        storyId: shares.storyId,
        mine: sql<number>`count(*) filter (where ${shares.personId} = ${me})`.mapWith(Number),
        colleagues: sql<number>`count(*) filter (where ${shares.personId} <> ${me})`.mapWith(Number),
      })
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
      sharedByMe: count?.mine ?? 0,
      colleagueShares: count?.colleagues ?? 0,
    };
  });
}
