import type { Config } from '../config.ts';
import type { Language } from '../db/schema/people.ts';
import type { VacancySourceType } from '../db/schema/recruitment.ts';
import { html, SafeHtml } from '../http/html.ts';
import { mergeUtm } from '../links/utm.ts';
import { storyCard } from './hub.ts';
import { jsonForScript, page } from './layout.ts';
import { formatDate, say } from './messages.ts';
import { openGraphTags } from './open-graph.ts';
import type { VacancyPageData } from './queries.ts';
import { themeName } from './story-page.ts';
import { vacancyPageUrl } from './urls.ts';

/**
 * schema.org's employment types for the free text a source gives ("fulltime_permanent",
 * "permanent, part-time", "PART_TIME, TEMPORARY", "Parttime", "Contract", Dutch words too). Text
 * that names none of them is OTHER; no text gives none.
 * @example schemaEmploymentTypes('permanent, part-time') // ['PART_TIME']
 */
export function schemaEmploymentTypes(text: string | null): string[] {
  const value = text?.trim().toLowerCase() ?? '';
  if (value === '') return [];
  const found = employmentPatterns.filter(([, pattern]) => pattern.test(value)).map(([type]) => type);
  return found.length > 0 ? found : ['OTHER'];
}

const employmentPatterns: [string, RegExp][] = [
  ['FULL_TIME', /full[\s_-]?time|voltijd/],
  ['PART_TIME', /part[\s_-]?time|deeltijd/],
  ['CONTRACTOR', /contractor|freelance|\bzzp|\binterim/],
  ['TEMPORARY', /temporary|tijdelijk|\btemp\b|seasonal|seizoen/],
  ['INTERN', /\binternship|\bintern\b|\bstage\b|stagiair|werkstudent/],
  ['VOLUNTEER', /volunteer|vrijwillig/],
  ['PER_DIEM', /per[\s_-]?diem|oproep/],
];

/** The value Podium gives itself in an ATS's source field: the source (tag) candidates are filed under. */
export const APPLY_SOURCE = 'Podium';

/**
 * The parameter that tells an ATS where an applicant came from, as each documents it:
 * - Greenhouse: `gh_src` (its tracking links carry a source token in it; an unknown token is ignored);
 * - Lever: `lever-source` on the hosted posting and apply pages (its custom job board links);
 * - Recruitee: `source` on the job's link, kept as a case-sensitive source tag;
 * - Workable: `utm_source`, shown in its Candidate Sources report;
 * - Personio tracks by `_pc` with a channel id made in each account, which Podium cannot know:
 *   `utm_source` there, as for careers pages, CSV and vacancies made by hand.
 * A careers page (JobPosting JSON-LD) or CSV may still point at a known ATS: its apply URL's host decides.
 */
export function applySourceParam(sourceType: VacancySourceType | null, applyUrl: URL): [string, string] {
  const host = applyUrl.hostname.toLowerCase();
  const system =
    sourceType === 'greenhouse' || sourceType === 'lever' || sourceType === 'recruitee' || sourceType === 'workable' || sourceType === 'personio'
      ? sourceType
      : /(^|\.)greenhouse\.io$/.test(host)
        ? 'greenhouse'
        : /(^|\.)lever\.co$/.test(host)
          ? 'lever'
          : /(^|\.)recruitee\.com$/.test(host)
            ? 'recruitee'
            : null;
  switch (system) {
    case 'greenhouse':
      return ['gh_src', APPLY_SOURCE];
    case 'lever':
      return ['lever-source', APPLY_SOURCE];
    case 'recruitee':
      return ['source', APPLY_SOURCE];
    default:
      return ['utm_source', APPLY_SOURCE.toLowerCase()];
  }
}

/**
 * Where the apply button leads: the ATS's apply URL with Podium's source parameter and, when the
 * visitor came through a shared link, the click id (`pcid`) so the application can be joined to
 * the click. Null for a closed vacancy, or an apply URL that is missing or not http(s).
 */
export function applyHrefOf(vacancy: Pick<VacancyPageData, 'applyUrl' | 'status' | 'sourceType'>, pcid: string | null): string | null {
  if (vacancy.status !== 'open' || !vacancy.applyUrl) return null;
  let url: URL;
  try {
    url = new URL(vacancy.applyUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const [key, value] = applySourceParam(vacancy.sourceType, url);
  return mergeUtm(url.href, pcid ? { [key]: value, pcid } : { [key]: value });
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of sanitised HTML, on one line, for a meta description. */
export function plainText(htmlText: string, max = 200): string {
  const text = htmlText
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return entities[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

const remote = /\b(remote|thuiswerk|op afstand)\b/i;

/**
 * schema.org JobPosting with the properties Google's job search requires (title, description,
 * datePosted, hiringOrganization, jobLocation; validThrough once the vacancy closed) and those it
 * recommends that Podium knows (employmentType, identifier). Values are data, never markup.
 */
export function jobPostingJsonLd(vacancy: VacancyPageData, organisation: string, canonical: string) {
  const types = schemaEmploymentTypes(vacancy.employmentType);
  return {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: vacancy.title,
    description: vacancy.descriptionHtml || vacancy.title,
    datePosted: vacancy.openedAt.toISOString(),
    ...(vacancy.status === 'closed' ? { validThrough: (vacancy.closedAt ?? vacancy.openedAt).toISOString() } : {}),
    ...(types.length > 0 ? { employmentType: types.length === 1 ? types[0] : types } : {}),
    hiringOrganization: { '@type': 'Organization', name: organisation },
    ...(vacancy.location ? { jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: vacancy.location } } } : {}),
    ...(vacancy.location && remote.test(vacancy.location) ? { jobLocationType: 'TELECOMMUTE' } : {}),
    identifier: { '@type': 'PropertyValue', name: organisation, value: vacancy.externalId ?? vacancy.id },
    url: canonical,
    directApply: false,
  };
}

export interface VacancyPageInput {
  vacancy: VacancyPageData;
  /** The hiring organisation's name (the organisation setting, else PODIUM_ORGANISATION_NAME). */
  organisation: string;
  /** The vacancy's language, or the visitor's when the source did not say. */
  language: Language;
  applyHref: string | null;
}

function fact(label: string, value: string | null): SafeHtml | '' {
  return value ? html`<div><dt>${label}</dt><dd>${value}</dd></div>` : '';
}

/** The public page of a vacancy, open or closed, as a complete HTML document. */
export function renderVacancyPage(config: Config, input: VacancyPageInput): string {
  const { vacancy, language: lang, applyHref } = input;
  const canonical = vacancyPageUrl(config, vacancy.slug);
  const teaser = [vacancy.department, vacancy.location].filter((part) => part).join(' · ');
  const description = plainText(vacancy.descriptionHtml) || teaser || vacancy.title;
  const closed = vacancy.status === 'closed';
  const head = html`<meta name="description" content="${description}">
<link rel="canonical" href="${canonical}">
${closed ? html`<meta name="robots" content="noindex">\n` : ''}${openGraphTags({ title: vacancy.title, description, url: canonical, imageUrl: null, imageAlt: '', language: lang, siteName: input.organisation, type: 'website' })}
<script type="application/ld+json">${new SafeHtml(jsonForScript(jobPostingJsonLd(vacancy, input.organisation, canonical)))}</script>`;
  // One button above the description (phones) and one below it; the note where the form is only once.
  const apply = (note: boolean) =>
    applyHref
      ? html`<p class="apply"><a class="button" href="${applyHref}" rel="nofollow">${say(lang, 'apply')}</a>${note ? html` <span class="hint">${say(lang, 'applyElsewhere')}</span>` : ''}</p>`
      : '';
  const main = html`<article class="wrap">
${closed ? html`<p class="notice" role="note">${say(lang, 'vacancyClosed')}</p>` : ''}
<p class="meta">${say(lang, 'vacancy')} · ${say(lang, 'openSince')} <time datetime="${vacancy.openedAt.toISOString()}">${formatDate(lang, vacancy.openedAt)}</time></p>
<h1>${vacancy.title}</h1>
${vacancy.department || vacancy.location || vacancy.employmentType ? html`<dl class="facts">${fact(say(lang, 'department'), vacancy.department)}${fact(say(lang, 'location'), vacancy.location)}${fact(say(lang, 'employment'), vacancy.employmentType)}</dl>` : ''}
${apply(true)}
<div class="body">${new SafeHtml(vacancy.descriptionHtml)}</div>
${apply(false)}
${
  vacancy.themes.length > 0
    ? html`<nav aria-labelledby="themes-heading"><h2 id="themes-heading">${say(lang, 'themes')}</h2><ul class="tags">${vacancy.themes.map(
        (theme) => html`<li><a href="/stories?theme=${encodeURIComponent(theme.key)}&amp;lang=${lang}">${themeName(lang, theme)}</a></li>`,
      )}</ul></nav>`
    : ''
}
${
  vacancy.stories.length > 0
    ? html`<section aria-labelledby="team-heading"><h2 id="team-heading">${say(lang, 'meetTheTeam')}</h2><p>${say(lang, 'meetTheTeamIntro')}</p>
<ul class="cards">${vacancy.stories.map((story) => html`<li>${storyCard(config, lang, story, 'h3')}</li>`)}</ul></section>`
    : ''
}
</article>`;
  return page(config, { language: lang, title: `${vacancy.title} | ${input.organisation}`, head, skipLabel: say(lang, 'skipVacancy'), main });
}

/** The page for a vacancy that does not exist. */
export function renderVacancyNotFoundPage(config: Config, language: Language): string {
  return page(config, {
    language,
    title: `${say(language, 'vacancyNotFoundTitle')} | ${config.organisationName}`,
    head: html`<meta name="robots" content="noindex">`,
    skipLabel: say(language, 'skip'),
    main: html`<div class="wrap"><h1>${say(language, 'vacancyNotFoundTitle')}</h1><p>${say(language, 'vacancyNotFoundText')}</p><p><a href="/stories?lang=${language}">${say(language, 'allStories')}</a></p></div>`,
  });
}
