import { asc, eq, inArray } from 'drizzle-orm';
import type { SignedIn } from '../auth/context.ts';
import type { Config } from '../config.ts';
import type { Tx } from '../db/client.ts';
import {
  audiences,
  campaigns,
  campaignStories,
  groups,
  images,
  type Language,
  people,
  shareSuggestions,
  stories,
  storyEvents,
  storyFeatured,
  storyTargetGroups,
  storyThemes,
  storyVariants,
  themes,
} from '../db/schema/index.ts';
import { imageUrl, storyCanonicalUrl } from '../public/urls.ts';
import { renderStoryMarkdown } from './markdown.ts';
import { accessOf, type StoryRow } from './store.ts';
import { allowedTransitions } from './policy.ts';
import type { StorySummaryView, StoryView, VariantView } from './schema.ts';

/** A name in the reader's language from a name_nl / name_en pair. */
export const localName = (language: Language, row: { nameNl: string; nameEn: string }): string => (language === 'nl' ? row.nameNl : row.nameEn);

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** Presents many stories as summaries with a fixed number of queries, whatever the page size. */
export async function presentStorySummaries(tx: Tx, config: Config, rows: StoryRow[], language: Language): Promise<StorySummaryView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const personIds = [...new Set(rows.flatMap((r) => [r.authorId, r.submittedBy]).filter((id): id is string => id !== null))];
  const imageIds = [...new Set(rows.map((r) => r.heroImageId).filter((id): id is string => id !== null))];
  const [themeRows, featuredRows, personRows, imageRows, activeAudiences, variantRows] = await Promise.all([
    tx
      .select({ storyId: storyThemes.storyId, id: themes.id, key: themes.key, nameNl: themes.nameNl, nameEn: themes.nameEn })
      .from(storyThemes)
      .innerJoin(themes, eq(themes.id, storyThemes.themeId))
      .where(inArray(storyThemes.storyId, ids)),
    tx
      .select({ storyId: storyFeatured.storyId, personId: storyFeatured.personId, name: people.name, approval: storyFeatured.approval, position: storyFeatured.position })
      .from(storyFeatured)
      .innerJoin(people, eq(people.id, storyFeatured.personId))
      .where(inArray(storyFeatured.storyId, ids))
      .orderBy(asc(storyFeatured.position)),
    personIds.length ? tx.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, personIds)) : [],
    imageIds.length ? tx.select({ id: images.id, altText: images.altText }).from(images).where(inArray(images.id, imageIds)) : [],
    tx.select({ id: audiences.id, key: audiences.key }).from(audiences).where(eq(audiences.active, true)).orderBy(asc(audiences.position), asc(audiences.key)),
    tx.select({ storyId: storyVariants.storyId, audienceId: storyVariants.audienceId }).from(storyVariants).where(inArray(storyVariants.storyId, ids)),
  ]);
  const personById = new Map(personRows.map((p) => [p.id, p]));
  const imageById = new Map(imageRows.map((i) => [i.id, i]));
  return rows.map((row) => {
    const person = (id: string | null) => {
      const p = id ? personById.get(id) : undefined;
      return p ? { id: p.id, name: p.name } : null;
    };
    const image = row.heroImageId ? imageById.get(row.heroImageId) : undefined;
    const covered = new Set(variantRows.filter((v) => v.storyId === row.id).map((v) => v.audienceId));
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      status: row.status,
      format: row.format,
      language: row.language,
      summary: row.summary,
      url: storyCanonicalUrl(config, row),
      heroImage: image ? { id: image.id, url: imageUrl(config, image.id, 'original'), shareUrl: imageUrl(config, image.id, 'share'), altText: image.altText } : null,
      publishAt: iso(row.publishAt),
      expireAt: iso(row.expireAt),
      publishedAt: iso(row.publishedAt),
      plannedFor: row.plannedFor,
      themes: themeRows
        .filter((t) => t.storyId === row.id)
        .map((t) => ({ id: t.id, key: t.key, name: localName(language, t) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      featured: featuredRows.filter((f) => f.storyId === row.id).map((f) => ({ personId: f.personId, name: f.name, approval: f.approval })),
      author: person(row.authorId),
      submittedBy: person(row.submittedBy),
      missingAudiences: activeAudiences.filter((a) => !covered.has(a.id)).map((a) => a.key),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

/** The variants of one story with their suggestions, audiences in their configured order. */
export async function presentVariants(tx: Tx, storyId: string, language: Language): Promise<VariantView[]> {
  const variantRows = await tx
    .select({ id: storyVariants.id, headline: storyVariants.headline, teaser: storyVariants.teaser, audienceId: audiences.id, key: audiences.key, nameNl: audiences.nameNl, nameEn: audiences.nameEn })
    .from(storyVariants)
    .innerJoin(audiences, eq(audiences.id, storyVariants.audienceId))
    .where(eq(storyVariants.storyId, storyId))
    .orderBy(asc(audiences.position), asc(audiences.key));
  if (variantRows.length === 0) return [];
  const suggestionRows = await tx
    .select()
    .from(shareSuggestions)
    .where(
      inArray(
        shareSuggestions.variantId,
        variantRows.map((v) => v.id),
      ),
    )
    .orderBy(asc(shareSuggestions.position));
  return variantRows.map((v) => ({
    id: v.id,
    audience: { id: v.audienceId, key: v.key, name: localName(language, v) },
    headline: v.headline,
    teaser: v.teaser,
    suggestions: suggestionRows.filter((s) => s.variantId === v.id).map((s) => ({ id: s.id, network: s.network, text: s.text })),
  }));
}

/** Presents one story in full, with what the caller may do next. */
export async function presentStory(tx: Tx, config: Config, row: StoryRow, auth: SignedIn, language: Language): Promise<StoryView> {
  const [summary] = await presentStorySummaries(tx, config, [row], language);
  if (!summary) throw new Error('presenter lost a story');
  const [translationRows, groupRows, featuredRows, variants, campaignRows, eventRows] = await Promise.all([
    tx
      .select({ id: stories.id, language: stories.language, slug: stories.slug, title: stories.title, status: stories.status })
      .from(stories)
      .where(eq(stories.translationGroupId, row.translationGroupId))
      .orderBy(asc(stories.language)),
    tx
      .select({ id: groups.id, kind: groups.kind, name: groups.name })
      .from(storyTargetGroups)
      .innerJoin(groups, eq(groups.id, storyTargetGroups.groupId))
      .where(eq(storyTargetGroups.storyId, row.id))
      .orderBy(asc(groups.kind), asc(groups.name)),
    tx
      .select({ featured: storyFeatured, name: people.name })
      .from(storyFeatured)
      .innerJoin(people, eq(people.id, storyFeatured.personId))
      .where(eq(storyFeatured.storyId, row.id))
      .orderBy(asc(storyFeatured.position)),
    presentVariants(tx, row.id, language),
    tx
      .select({ id: campaigns.id, slug: campaigns.slug, name: campaigns.name })
      .from(campaignStories)
      .innerJoin(campaigns, eq(campaigns.id, campaignStories.campaignId))
      .where(eq(campaignStories.storyId, row.id))
      .orderBy(asc(campaigns.name)),
    tx
      .select({ event: storyEvents, actorName: people.name })
      .from(storyEvents)
      .leftJoin(people, eq(people.id, storyEvents.actorId))
      .where(eq(storyEvents.storyId, row.id))
      .orderBy(asc(storyEvents.at), asc(storyEvents.id)),
  ]);
  const featured = featuredRows.map(({ featured: f, name }) => ({
    personId: f.personId,
    name,
    quote: f.quote,
    position: f.position,
    approval: f.approval,
    approvalComment: f.approvalComment,
    decidedAt: iso(f.decidedAt),
  }));
  return {
    ...summary,
    bodyMarkdown: row.bodyMarkdown,
    bodyHtml: renderStoryMarkdown(row.bodyMarkdown),
    externalUrl: row.externalUrl,
    translationGroupId: row.translationGroupId,
    translations: translationRows.filter((t) => t.id !== row.id),
    targetGroups: groupRows,
    featured,
    variants,
    campaigns: campaignRows,
    events: eventRows.map(({ event: e, actorName }) => ({
      id: e.id,
      kind: e.kind,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      comment: e.comment,
      actor: e.actorId && actorName ? { id: e.actorId, name: actorName } : null,
      at: e.at.toISOString(),
    })),
    allowedTransitions: allowedTransitions(auth, accessOf(row, featured)),
  };
}
