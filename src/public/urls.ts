import type { Config } from '../config.ts';

/** Absolute URL of a hosted story page. */
export const storyPageUrl = (config: Config, slug: string): string => `${config.baseUrl}/stories/${encodeURIComponent(slug)}`;

/** The canonical URL of a story: its external URL (external articles) or the hosted page. */
export const storyCanonicalUrl = (config: Config, story: { slug: string; externalUrl: string | null }): string =>
  story.externalUrl ?? storyPageUrl(config, story.slug);

/** Absolute URL of an uploaded image: `original` as uploaded, `share` the 1200×627 link-preview image. */
export const imageUrl = (config: Config, imageId: string, variant: 'original' | 'share'): string => `${config.baseUrl}/images/${imageId}/${variant}`;

/** Absolute short URL of a tracked link: bare on the dedicated link host, else /l/<code> on the app host. */
export const shortLinkUrl = (config: Config, code: string): string => (config.linkBaseUrl ? `${config.linkBaseUrl}/${code}` : `${config.baseUrl}/l/${code}`);

/** Absolute URL of a hosted vacancy page (the destination of a vacancy's shared links). */
export const vacancyPageUrl = (config: Config, slug: string): string => `${config.baseUrl}/vacancies/${encodeURIComponent(slug)}`;
