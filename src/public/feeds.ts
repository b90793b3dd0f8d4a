import type { Config } from '../config.ts';
import type { Language } from '../db/schema/people.ts';
import { escapeHtml } from '../http/html.ts';
import { renderStoryMarkdown } from '../stories/markdown.ts';
import type { PageCache } from './cache.ts';
import { say } from './messages.ts';
import type { ListedStory } from './queries.ts';
import { themeName } from './story-page.ts';
import { imageUrl, storyCanonicalUrl, storyPageUrl } from './urls.ts';

export const FEED_SIZE = 50;

export interface FeedInput {
  config: Config;
  /** The language of the feed's own texts (the lang filter, else the reader's). */
  language: Language;
  filters: { theme?: string | undefined; lang?: Language | undefined };
  stories: (ListedStory & { bodyMarkdown: string })[];
  now: Date;
}

function query(filters: FeedInput['filters']): string {
  const params = new URLSearchParams();
  if (filters.theme) params.set('theme', filters.theme);
  if (filters.lang) params.set('lang', filters.lang);
  const search = params.toString();
  return search ? `?${search}` : '';
}

const xml = (text: string) => escapeHtml(text);

/** RSS 2.0 of the newest published stories. */
export function renderRss(input: FeedInput): string {
  const { config, language } = input;
  const home = `${config.baseUrl}/stories${query(input.filters)}`;
  const self = `${config.baseUrl}/stories/feed.xml${query(input.filters)}`;
  const items = input.stories.map((story) => {
    const categories = story.themes.map((theme) => `<category>${xml(themeName(story.language, theme))}</category>`).join('');
    // The share image's size is not recorded; RSS readers accept 0 for an unknown length.
    const enclosure = story.heroImage ? `<enclosure url="${xml(imageUrl(config, story.heroImage.id, 'share'))}" length="0" type="image/jpeg"/>` : '';
    return `<item><title>${xml(story.title)}</title><link>${xml(storyCanonicalUrl(config, story))}</link><guid isPermaLink="true">${xml(storyPageUrl(config, story.slug))}</guid><pubDate>${story.publishedAt.toUTCString()}</pubDate><description>${xml(escapeHtml(story.summary))}</description>${categories}${enclosure}</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${xml(say(language, 'hubTitle', { organisation: config.organisationName }))}</title>
<link>${xml(home)}</link>
<description>${xml(say(language, 'feedDescription', { organisation: config.organisationName }))}</description>
<language>${language}</language>
<lastBuildDate>${(input.stories[0]?.publishedAt ?? input.now).toUTCString()}</lastBuildDate>
<atom:link href="${xml(self)}" rel="self" type="application/rss+xml"/>
${items.join('\n')}
</channel>
</rss>
`;
}

/** JSON Feed 1.1 of the newest published stories; rendered bodies are kept per story revision. */
export function renderJsonFeed(input: FeedInput, bodies: PageCache): object {
  const { config, language } = input;
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: say(language, 'hubTitle', { organisation: config.organisationName }),
    home_page_url: `${config.baseUrl}/stories${query(input.filters)}`,
    feed_url: `${config.baseUrl}/stories/feed.json${query(input.filters)}`,
    description: say(language, 'feedDescription', { organisation: config.organisationName }),
    language,
    items: input.stories.map((story) => {
      const version = String(story.revision);
      let content = bodies.get(story.id, version);
      if (content === undefined) {
        content = renderStoryMarkdown(story.bodyMarkdown);
        bodies.set(story.id, version, content);
      }
      const canonical = storyCanonicalUrl(config, story);
      return {
        id: storyPageUrl(config, story.slug),
        url: canonical,
        ...(story.externalUrl ? { external_url: story.externalUrl } : {}),
        title: story.title,
        summary: story.summary,
        content_html: content,
        ...(story.heroImage ? { image: imageUrl(config, story.heroImage.id, 'share') } : {}),
        date_published: story.publishedAt.toISOString(),
        tags: story.themes.map((theme) => themeName(story.language, theme)),
        language: story.language,
        authors: [{ name: config.organisationName }],
      };
    }),
  };
}
