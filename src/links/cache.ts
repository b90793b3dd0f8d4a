import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { announceChange } from '../cluster/changes.ts';
import { campaigns, images, links, shares, stories, vacancies } from '../db/schema/index.ts';
import { type ShareDimensions, shareDimensionColumns } from './store.ts';
import type { Language } from '../db/schema/people.ts';
import type { Network } from '../db/schema/stories.ts';

/** The vacancy fields a redirect or a preview needs; read again after a few seconds like a story. */
export interface VacancyTarget {
  id: string;
  slug: string;
  title: string;
  /** The preview's description: department and location. */
  summary: string;
  /** Null when the source did not say; the preview then follows the visitor's language. */
  language: Language | null;
}

/** What a link points at. It never changes, so it is cached for as long as it stays in the LRU. */
export interface LinkTarget {
  shareId: string;
  network: Network;
  storyId: string | null;
  /** Set instead of storyId when the share is of a vacancy. */
  vacancyId: string | null;
  /** The campaign the share was made in (its slug becomes utm_campaign), or null. */
  campaignSlug: string | null;
  /** The share as it was made: every click on the link carries it into the rollups. */
  share: ShareDimensions;
}

/** The story fields a redirect or a preview needs; read again after a few seconds or when the story changes. */
export interface StoryTarget {
  id: string;
  slug: string;
  externalUrl: string | null;
  title: string;
  summary: string;
  language: Language;
  heroImageId: string | null;
  heroImageAlt: string;
  publishedAt: Date | null;
  revision: number;
}

const LINK_CACHE_SIZE = 20_000;
const STORY_CACHE_SIZE = 5_000;
/** A story edit reaches links within this time even on another process that was not told. */
export const STORY_TTL_MS = 5_000;

const linkCache = new Map<string, LinkTarget>();
const storyCache = new Map<string, { story: StoryTarget; loadedAt: number }>();
const vacancyCache = new Map<string, { vacancy: VacancyTarget; loadedAt: number }>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V, max: number): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > max) cache.delete(cache.keys().next().value as K);
}

/** Looks a link code up (exact match; the code was validated before). */
export async function lookupLink(tx: Tx, code: string): Promise<LinkTarget | null> {
  const hit = linkCache.get(code);
  if (hit) {
    remember(linkCache, code, hit, LINK_CACHE_SIZE);
    return hit;
  }
  const [row] = await tx
    .select({ ...shareDimensionColumns, campaignSlug: campaigns.slug })
    .from(links)
    .innerJoin(shares, eq(shares.id, links.shareId))
    .leftJoin(campaigns, eq(campaigns.id, shares.campaignId))
    .where(eq(links.code, code))
    .limit(1);
  if (!row) return null;
  const { campaignSlug, ...share } = row;
  const target: LinkTarget = { shareId: row.shareId, network: row.network, storyId: row.storyId, vacancyId: row.vacancyId, campaignSlug, share };
  remember(linkCache, code, target, LINK_CACHE_SIZE);
  return target;
}

/**
 * The story a link leads to, whatever its status: links are forever, archived stories keep their
 * page. When the database cannot be reached, the last known story keeps the link working.
 */
export async function lookupStory(tx: Tx, storyId: string, now: Date, options: { preferKnown?: boolean } = {}): Promise<StoryTarget | null> {
  const hit = storyCache.get(storyId);
  if (hit && options.preferKnown) return hit.story;
  if (hit && now.getTime() - hit.loadedAt < STORY_TTL_MS && hit.loadedAt <= now.getTime()) return hit.story;
  try {
    return await loadStory(tx, storyId, now);
  } catch (error) {
    if (hit) return hit.story;
    throw error;
  }
}

async function loadStory(tx: Tx, storyId: string, now: Date): Promise<StoryTarget | null> {
  const [row] = await tx
    .select({
      id: stories.id,
      slug: stories.slug,
      externalUrl: stories.externalUrl,
      title: stories.title,
      summary: stories.summary,
      language: stories.language,
      heroImageId: stories.heroImageId,
      heroImageAlt: images.altText,
      publishedAt: stories.publishedAt,
      revision: stories.revision,
    })
    .from(stories)
    .leftJoin(images, eq(images.id, stories.heroImageId))
    .where(eq(stories.id, storyId))
    .limit(1);
  if (!row) {
    storyCache.delete(storyId);
    return null;
  }
  const story: StoryTarget = { ...row, heroImageAlt: row.heroImageAlt ?? '' };
  remember(storyCache, storyId, { story, loadedAt: now.getTime() }, STORY_CACHE_SIZE);
  return story;
}

/**
 * Forgets the cached story behind links, so the next opening reads its current slug, URL and
 * preview. The stories domain calls this after every change of a story (edit, transition).
 * @example invalidateStoryLinks(story.id)
 */
export function invalidateStoryLinks(storyId: string): void {
  storyCache.delete(storyId);
  // The other nodes on the same PostgreSQL forget it too (src/cluster/listener.ts).
  announceChange('story', storyId);
}

/** Forgets a story on this node only: another node announced its change. */
export function forgetStory(storyId: string): void {
  storyCache.delete(storyId);
}

/** Forgets every story and vacancy: this node may have missed announcements (it was disconnected). */
export function forgetAllStories(): void {
  storyCache.clear();
  vacancyCache.clear();
}

/**
 * The vacancy a link leads to, open or closed: links are forever, a closed vacancy's page says so.
 * Cached and refreshed like stories; when the database cannot be reached the last known one serves.
 */
export async function lookupVacancy(tx: Tx, vacancyId: string, now: Date, options: { preferKnown?: boolean } = {}): Promise<VacancyTarget | null> {
  const hit = vacancyCache.get(vacancyId);
  if (hit && options.preferKnown) return hit.vacancy;
  if (hit && now.getTime() - hit.loadedAt < STORY_TTL_MS && hit.loadedAt <= now.getTime()) return hit.vacancy;
  try {
    const [row] = await tx
      .select({ id: vacancies.id, slug: vacancies.slug, title: vacancies.title, department: vacancies.departmentName, location: vacancies.location, language: vacancies.language })
      .from(vacancies)
      .where(eq(vacancies.id, vacancyId))
      .limit(1);
    if (!row) {
      vacancyCache.delete(vacancyId);
      return null;
    }
    const { department, location, ...rest } = row;
    const vacancy: VacancyTarget = { ...rest, summary: [department, location].filter((part) => part).join(' · ') };
    remember(vacancyCache, vacancyId, { vacancy, loadedAt: now.getTime() }, STORY_CACHE_SIZE);
    return vacancy;
  } catch (error) {
    if (hit) return hit.vacancy;
    throw error;
  }
}
