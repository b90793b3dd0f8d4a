import type { Config } from '../config.ts';
import { type Language, languages } from '../db/schema/people.ts';
import { type StoryFormat, storyFormats } from '../db/schema/stories.ts';
import { html, type SafeHtml } from '../http/html.ts';
import { page } from './layout.ts';
import { formatDate, formatName, say } from './messages.ts';
import type { ListedStory, PublicTheme } from './queries.ts';
import { themeName } from './story-page.ts';
import { imageUrl, storyCanonicalUrl } from './urls.ts';

export const HUB_PAGE_SIZE = 12;

export interface HubQuery {
  theme?: string | undefined;
  format?: StoryFormat | undefined;
  lang?: Language | undefined;
  page: number;
}

/** The hub URL for a set of filters (page 1 unless given). */
export function hubUrl(query: HubQuery): string {
  const params = new URLSearchParams();
  if (query.theme) params.set('theme', query.theme);
  if (query.format) params.set('format', query.format);
  if (query.lang) params.set('lang', query.lang);
  if (query.page > 1) params.set('page', String(query.page));
  const search = params.toString();
  return search ? `/stories?${search}` : '/stories';
}

function filterGroup(title: string, options: { label: string; query: HubQuery; current: boolean }[]): SafeHtml {
  return html`<div><h2>${title}</h2><ul>${options.map(
    (option) => html`<li><a href="${hubUrl(option.query)}"${option.current ? html` aria-current="page"` : ''}>${option.label}</a></li>`,
  )}</ul></div>`;
}

/** A story card: share image, title linking to the canonical page, format, date and summary. */
export function storyCard(config: Config, ui: Language, story: ListedStory, headingLevel: 'h2' | 'h3', newTab = false): SafeHtml {
  const target = newTab ? html` target="_blank" rel="noopener"` : '';
  const heading = html`<a href="${storyCanonicalUrl(config, story)}"${target} hreflang="${story.language}">${story.title}</a>`;
  return html`<article class="card">${story.heroImage ? html`<img src="${imageUrl(config, story.heroImage.id, 'share')}" alt="${story.heroImage.altText}" width="1200" height="627" loading="lazy">` : ''}<div>
${headingLevel === 'h2' ? html`<h2 lang="${story.language}">${heading}</h2>` : html`<h3 lang="${story.language}">${heading}</h3>`}
<p class="meta">${formatName(ui, story.format)} · <time datetime="${story.publishedAt.toISOString()}">${formatDate(ui, story.publishedAt)}</time></p>
${story.summary ? html`<p lang="${story.language}">${story.summary}</p>` : ''}
</div></article>`;
}

/** The stories hub: filters as plain links, cards, and previous/next pages. */
export function renderHub(config: Config, ui: Language, query: HubQuery, themes: PublicTheme[], stories: ListedStory[], hasNext: boolean): string {
  const base = { ...query, page: 1 };
  const filters = html`<nav class="filters" aria-label="${say(ui, 'filters')}">
${filterGroup(say(ui, 'theme'), [
  { label: say(ui, 'all'), query: { ...base, theme: undefined }, current: !query.theme },
  ...themes.map((theme) => ({ label: themeName(ui, theme), query: { ...base, theme: theme.key }, current: query.theme === theme.key })),
])}
${filterGroup(say(ui, 'format'), [
  { label: say(ui, 'all'), query: { ...base, format: undefined }, current: !query.format },
  ...storyFormats.map((format) => ({ label: formatName(ui, format), query: { ...base, format }, current: query.format === format })),
])}
${filterGroup(say(ui, 'language'), [
  { label: say(ui, 'all'), query: { ...base, lang: undefined }, current: !query.lang },
  ...languages.map((lang) => ({ label: say(lang, `lang.${lang}`), query: { ...base, lang }, current: query.lang === lang })),
])}
</nav>`;
  const list =
    stories.length === 0
      ? html`<p>${say(ui, 'hubEmpty')}</p>`
      : html`<ul class="cards">${stories.map((story) => html`<li>${storyCard(config, ui, story, 'h2')}</li>\n`)}</ul>`;
  const pages =
    query.page > 1 || hasNext
      ? html`<nav class="pages" aria-label="${say(ui, 'pagination')}">
${query.page > 1 ? html`<a href="${hubUrl({ ...query, page: query.page - 1 })}" rel="prev">${say(ui, 'previous')}</a>` : html`<span></span>`}
<span>${say(ui, 'pageOf', { page: query.page })}</span>
${hasNext ? html`<a href="${hubUrl({ ...query, page: query.page + 1 })}" rel="next">${say(ui, 'next')}</a>` : html`<span></span>`}
</nav>`
      : '';
  const title = say(ui, 'hubTitle', { organisation: config.organisationName });
  return page(config, {
    language: ui,
    title: query.page > 1 ? `${title} · ${say(ui, 'pageOf', { page: query.page })}` : title,
    head: html`<meta name="description" content="${say(ui, 'feedDescription', { organisation: config.organisationName })}">
<link rel="canonical" href="${config.baseUrl}${hubUrl(query)}">
<link rel="alternate" type="application/rss+xml" title="${say(ui, 'rss')}" href="/stories/feed.xml${query.lang ? `?lang=${query.lang}` : ''}">
<link rel="alternate" type="application/feed+json" title="JSON Feed" href="/stories/feed.json${query.lang ? `?lang=${query.lang}` : ''}">`,
    skipLabel: say(ui, 'skipHub'),
    main: html`<div class="wrap wide"><h1>${title}</h1><p>${say(ui, 'hubIntro', { organisation: config.organisationName })}</p>
${filters}
${list}
${pages}</div>`,
  });
}
