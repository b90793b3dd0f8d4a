import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { images, shares, shareSuggestions, stories, storyThemes, storyVariants, themes } from '../db/schema/index.ts';
import type { Language } from '../db/schema/people.ts';
import { imageUrl, storyCanonicalUrl } from '../public/urls.ts';
import type { FeedCard } from './schema.ts';

/** A card as everyone with the same audience and language sees it: no campaign or reasons (they are the reader's), and colleagueShares holds all shares. */
export type BaseCard = Omit<FeedCard, 'reasons' | 'campaign'>;

/** Cards for some stories, in four queries run side by side (one grouped pass over the shares, not a count per card). */
export async function presentCards(ctx: AppContext, ids: readonly string[], audience: { id: string; key: string; name: string }, language: Language): Promise<BaseCard[]> {
  if (ids.length === 0) return [];
  const tx = ctx.database.db;
  const list = [...ids];
  const [storyRows, themeRows, variantRows, counts] = await Promise.all([
    tx
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
      .where(inArray(stories.id, list)),
    tx
      .select({ storyId: storyThemes.storyId, id: themes.id, key: themes.key, nameNl: themes.nameNl, nameEn: themes.nameEn })
      .from(storyThemes)
      .innerJoin(themes, eq(themes.id, storyThemes.themeId))
      .where(inArray(storyThemes.storyId, list))
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
      .where(and(inArray(storyVariants.storyId, list), eq(storyVariants.audienceId, audience.id)))
      .orderBy(asc(shareSuggestions.network), asc(shareSuggestions.position), asc(shareSuggestions.id)),
    tx
      .select({ storyId: shares.storyId, total: sql<number>`count(*)`.mapWith(Number) })
      .from(shares)
      .where(inArray(shares.storyId, list))
      .groupBy(shares.storyId),
  ]);
  return storyRows.map((story) => {
    const variant = variantRows.find((v) => v.storyId === story.id);
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
      sharedByMe: 0,
      colleagueShares: count?.total ?? 0,
    };
  });
}
