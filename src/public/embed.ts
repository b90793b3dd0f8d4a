import type { Config } from '../config.ts';
import type { Language } from '../db/schema/people.ts';
import { html } from '../http/html.ts';
import { storyCard } from './hub.ts';
import { page } from './layout.ts';
import { say } from './messages.ts';
import type { ListedStory } from './queries.ts';

/**
 * The widget's own policy: the same as everywhere, except that any site may frame it and that it
 * runs no script at all.
 */
export const embedCsp = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors *";

/** The compact page the widget shows in an iframe: the latest stories, each opening in a new tab. */
export function renderEmbedPage(config: Config, ui: Language, query: { theme?: string | undefined; lang?: Language | undefined }, stories: ListedStory[]): string {
  const params = new URLSearchParams();
  if (query.theme) params.set('theme', query.theme);
  if (query.lang) params.set('lang', query.lang);
  const more = `${config.baseUrl}/stories${params.size > 0 ? `?${params}` : ''}`;
  return page(config, {
    language: ui,
    title: say(ui, 'widgetTitle', { organisation: config.organisationName }),
    head: html`<meta name="robots" content="noindex">`,
    skipLabel: say(ui, 'skipHub'),
    bodyClass: 'embed',
    compact: true,
    main: html`<div class="wrap wide">${
      stories.length === 0
        ? html`<p>${say(ui, 'hubEmpty')}</p>`
        : html`<ul>${stories.map((story) => html`<li>${storyCard(config, ui, story, 'h3', true)}</li>\n`)}</ul>`
    }<p><a href="${more}" target="_blank" rel="noopener">${say(ui, 'moreStories')}</a></p></div>`,
  });
}

/**
 * The script a website includes once: it turns every `<div data-podium-stories>` into an iframe
 * of the widget page, with a title for screen readers.
 */
export function embedScript(config: Config): string {
  const titles = { nl: say('nl', 'widgetTitle', { organisation: config.organisationName }), en: say('en', 'widgetTitle', { organisation: config.organisationName }) };
  return `/* Podium stories widget: <div data-podium-stories data-theme="…" data-lang="nl|en" data-limit="5"></div> */
(function () {
  var base = ${JSON.stringify(config.baseUrl)};
  var titles = ${JSON.stringify(titles)};
  function mount(el) {
    if (el.getAttribute('data-podium-mounted')) return;
    el.setAttribute('data-podium-mounted', 'true');
    var params = new URLSearchParams();
    ['theme', 'lang', 'limit'].forEach(function (name) {
      var value = el.getAttribute('data-' + name);
      if (value) params.set(name, value);
    });
    var lang = el.getAttribute('data-lang') === 'nl' ? 'nl' : 'en';
    var frame = document.createElement('iframe');
    frame.src = base + '/embed/stories' + (params.toString() ? '?' + params.toString() : '');
    frame.title = el.getAttribute('data-title') || titles[lang];
    frame.loading = 'lazy';
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.height = (parseInt(el.getAttribute('data-height') || '', 10) || 480) + 'px';
    el.appendChild(frame);
  }
  function mountAll() {
    var nodes = document.querySelectorAll('div[data-podium-stories]');
    for (var i = 0; i < nodes.length; i++) mount(nodes[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
`;
}
