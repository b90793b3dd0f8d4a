import type { Config } from '../config.ts';
import type { Language } from '../db/schema/people.ts';
import { html, SafeHtml } from '../http/html.ts';
import { renderStoryMarkdown } from '../stories/markdown.ts';
import { jsonForScript, page } from './layout.ts';
import { formatDate, formatName, say } from './messages.ts';
import { openGraphTags } from './open-graph.ts';
import type { PublicTheme, StoryPageData } from './queries.ts';
import { imageUrl, storyCanonicalUrl, storyPageUrl, vacancyPageUrl } from './urls.ts';

export const themeName = (language: Language, theme: PublicTheme): string => (language === 'nl' ? theme.nameNl : theme.nameEn);

/** schema.org Article for search engines; its values are data, never markup. */
function articleJsonLd(config: Config, story: StoryPageData, canonical: string, shareImage: string | null) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: story.title,
    description: story.summary,
    inLanguage: story.language,
    url: canonical,
    mainEntityOfPage: canonical,
    ...(shareImage ? { image: [shareImage] } : {}),
    ...(story.publishedAt ? { datePublished: story.publishedAt.toISOString() } : {}),
    dateModified: story.updatedAt.toISOString(),
    author: story.author ? { '@type': 'Person', name: story.author } : { '@type': 'Organization', name: config.organisationName },
    publisher: { '@type': 'Organization', name: config.organisationName },
    ...(story.themes.length > 0 ? { keywords: story.themes.map((theme) => themeName(story.language, theme)).join(', ') } : {}),
  };
}

/** The public page of a published or archived story, as a complete HTML document. */
export function renderStoryPage(config: Config, story: StoryPageData): string {
  const lang = story.language;
  const canonical = storyCanonicalUrl(config, story);
  const shareImage = story.heroImage ? imageUrl(config, story.heroImage.id, 'share') : null;
  const alternates =
    story.translations.length === 0
      ? ''
      : [{ slug: story.slug, language: lang }, ...story.translations].map((t) => html`<link rel="alternate" hreflang="${t.language}" href="${storyPageUrl(config, t.slug)}">\n`);
  const head = html`<meta name="description" content="${story.summary}">
<link rel="canonical" href="${canonical}">
${alternates}<link rel="alternate" type="application/rss+xml" title="${say(lang, 'rss')}" href="/stories/feed.xml?lang=${lang}">
${openGraphTags({ title: story.title, description: story.summary, url: canonical, imageUrl: shareImage, imageAlt: story.heroImage?.altText ?? '', language: lang, siteName: config.organisationName, type: 'article', publishedAt: story.publishedAt })}
<script type="application/ld+json">${new SafeHtml(jsonForScript(articleJsonLd(config, story, canonical, shareImage)))}</script>`;

  const main = html`<article class="wrap">
${story.status === 'archived' ? html`<p class="notice" role="note">${say(lang, 'archived')}</p>` : ''}
<p class="meta">${formatName(lang, story.format)}${story.publishedAt ? html` · ${say(lang, 'published')} <time datetime="${story.publishedAt.toISOString()}">${formatDate(lang, story.publishedAt)}</time>` : ''}</p>
<h1>${story.title}</h1>
${story.summary ? html`<p class="summary">${story.summary}</p>` : ''}
${story.heroImage ? html`<figure class="hero"><img src="${imageUrl(config, story.heroImage.id, 'share')}" alt="${story.heroImage.altText}" width="1200" height="627"></figure>` : ''}
<div class="body">${new SafeHtml(renderStoryMarkdown(story.bodyMarkdown))}</div>
${story.externalUrl ? html`<p><a href="${story.externalUrl}">${say(lang, 'external')}</a></p>` : ''}
${
  story.featured.length > 0
    ? html`<section class="featured" aria-labelledby="featured-heading"><h2 id="featured-heading">${say(lang, 'featured')}</h2><ul>
${story.featured.map((person) => html`<li><figure>${person.quote ? html`<blockquote><p>${person.quote}</p></blockquote>` : ''}<figcaption>${person.name}</figcaption></figure></li>\n`)}</ul></section>`
    : ''
}
${
  story.themes.length > 0
    ? html`<nav aria-labelledby="themes-heading"><h2 id="themes-heading">${say(lang, 'themes')}</h2><ul class="tags">${story.themes.map(
        (theme) => html`<li><a href="/stories?theme=${encodeURIComponent(theme.key)}&amp;lang=${lang}">${themeName(lang, theme)}</a></li>`,
      )}</ul></nav>`
    : ''
}
${
  story.vacancies.length > 0
    ? html`<section class="vacancies" aria-labelledby="vacancies-heading"><h2 id="vacancies-heading">${say(lang, 'openVacancies')}</h2><ul>${story.vacancies.map(
        (vacancy) =>
          html`<li><a href="${vacancyPageUrl(config, vacancy.slug)}"${vacancy.language ? html` hreflang="${vacancy.language}"` : ''}>${vacancy.title}</a>${
            vacancy.department || vacancy.location ? html` <span class="meta">${[vacancy.department, vacancy.location].filter((part) => part).join(' · ')}</span>` : ''
          }</li>`,
      )}</ul></section>`
    : ''
}
${
  story.translations.length > 0
    ? html`<nav aria-labelledby="translations-heading"><h2 id="translations-heading">${say(lang, 'otherLanguages')}</h2><ul>${story.translations.map(
        (t) => html`<li><a href="${storyPageUrl(config, t.slug)}" hreflang="${t.language}" lang="${t.language}">${t.title} (${say(t.language, `lang.${t.language}`)})</a></li>`,
      )}</ul></nav>`
    : ''
}
</article>`;
  return page(config, { language: lang, title: `${story.title} | ${config.organisationName}`, head, skipLabel: say(lang, 'skip'), main });
}

/** The page for a story that does not exist or is not (yet) public. */
export function renderNotFoundPage(config: Config, language: Language): string {
  return page(config, {
    language,
    title: `${say(language, 'notFoundTitle')} | ${config.organisationName}`,
    head: html`<meta name="robots" content="noindex">`,
    skipLabel: say(language, 'skip'),
    main: html`<div class="wrap"><h1>${say(language, 'notFoundTitle')}</h1><p>${say(language, 'notFoundText')}</p><p><a href="/stories?lang=${language}">${say(language, 'allStories')}</a></p></div>`,
  });
}
