import type { Language } from '../db/schema/people.ts';
import type { StoryFormat } from '../db/schema/stories.ts';

/** The words of the public pages (story and vacancy pages, hub, widget, feeds) in English. */
const en = {
  skip: 'Skip to the story',
  skipHub: 'Skip to the stories',
  stories: 'Stories',
  hubTitle: 'Stories from {organisation}',
  hubIntro: 'Colleagues of {organisation} tell what their work is really like.',
  hubEmpty: 'No stories match these filters yet.',
  filters: 'Filter the stories',
  theme: 'Theme',
  format: 'Format',
  language: 'Language',
  all: 'All',
  next: 'Next page',
  previous: 'Previous page',
  pageOf: 'Page {page}',
  pagination: 'Pages',
  published: 'Published',
  featured: 'On stage in this story',
  themes: 'Themes',
  archived: 'This story is archived: it may no longer be up to date.',
  external: 'Read the full article',
  otherLanguages: 'This story in other languages',
  notFoundTitle: 'Story not found',
  notFoundText: 'This story does not exist (any more), or has not been published yet.',
  allStories: 'All stories',
  feedDescription: 'Stories by and about the people of {organisation}.',
  rss: 'RSS feed',
  moreStories: 'More stories',
  widgetTitle: 'Latest stories from {organisation}',
  'lang.nl': 'Nederlands',
  'lang.en': 'English',
  'format.interview': 'Interview',
  'format.column': 'Column',
  'format.behind_the_scenes': 'Behind the scenes',
  'format.expertise': 'Expertise',
  'format.news': 'News',
  'format.vacancy_spotlight': 'Vacancy spotlight',
  'format.external_article': 'Article',
  skipVacancy: 'Skip to the vacancy',
  vacancy: 'Vacancy',
  apply: 'Apply now',
  applyElsewhere: 'You apply on our recruitment site.',
  vacancyClosed: 'This vacancy is closed: applications are no longer possible.',
  department: 'Department',
  location: 'Location',
  employment: 'Employment',
  openSince: 'Open since',
  meetTheTeam: 'Meet the team',
  meetTheTeamIntro: 'Colleagues tell what the work is really like.',
  openVacancies: 'Join us: open vacancies',
  vacancyNotFoundTitle: 'Vacancy not found',
  vacancyNotFoundText: 'This vacancy does not exist (any more).',
};

export type PublicMessage = keyof typeof en;

const nl: Record<PublicMessage, string> = {
  skip: 'Direct naar het verhaal',
  skipHub: 'Direct naar de verhalen',
  stories: 'Verhalen',
  hubTitle: 'Verhalen van {organisation}',
  hubIntro: 'Collega’s van {organisation} vertellen hoe hun werk echt is.',
  hubEmpty: 'Er zijn nog geen verhalen bij deze filters.',
  filters: 'Verhalen filteren',
  theme: 'Thema',
  format: 'Vorm',
  language: 'Taal',
  all: 'Alle',
  next: 'Volgende pagina',
  previous: 'Vorige pagina',
  pageOf: 'Pagina {page}',
  pagination: 'Pagina’s',
  published: 'Gepubliceerd',
  featured: 'In dit verhaal aan het woord',
  themes: 'Thema’s',
  archived: 'Dit verhaal is gearchiveerd: het is mogelijk niet meer actueel.',
  external: 'Lees het hele artikel',
  otherLanguages: 'Dit verhaal in andere talen',
  notFoundTitle: 'Verhaal niet gevonden',
  notFoundText: 'Dit verhaal bestaat niet (meer), of is nog niet gepubliceerd.',
  allStories: 'Alle verhalen',
  feedDescription: 'Verhalen van en over de mensen van {organisation}.',
  rss: 'RSS-feed',
  moreStories: 'Meer verhalen',
  widgetTitle: 'De nieuwste verhalen van {organisation}',
  'lang.nl': 'Nederlands',
  'lang.en': 'English',
  'format.interview': 'Interview',
  'format.column': 'Column',
  'format.behind_the_scenes': 'Achter de schermen',
  'format.expertise': 'Expertise',
  'format.news': 'Nieuws',
  'format.vacancy_spotlight': 'Vacature uitgelicht',
  'format.external_article': 'Artikel',
  skipVacancy: 'Direct naar de vacature',
  vacancy: 'Vacature',
  apply: 'Solliciteer nu',
  applyElsewhere: 'Je solliciteert via onze recruitmentsite.',
  vacancyClosed: 'Deze vacature is gesloten: solliciteren kan niet meer.',
  department: 'Afdeling',
  location: 'Locatie',
  employment: 'Dienstverband',
  openSince: 'Open sinds',
  meetTheTeam: 'Maak kennis met het team',
  meetTheTeamIntro: 'Collega’s vertellen hoe het werk echt is.',
  openVacancies: 'Kom erbij: open vacatures',
  vacancyNotFoundTitle: 'Vacature niet gevonden',
  vacancyNotFoundText: 'Deze vacature bestaat niet (meer).',
};

const catalogs: Record<Language, Record<PublicMessage, string>> = { en, nl };

/** A public-page text in a language, with `{name}` placeholders filled. */
export function say(language: Language, key: PublicMessage, params: Record<string, string | number> = {}): string {
  return catalogs[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The name of a story format in a language. */
export const formatName = (language: Language, format: StoryFormat): string => say(language, `format.${format}`);

const dateFormats: Record<Language, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }),
};

/** A publication date as readers of the language write it (27 november 2026 / 27 November 2026). */
export const formatDate = (language: Language, date: Date): string => dateFormats[language].format(date);
