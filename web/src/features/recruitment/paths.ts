/** Where the recruitment pages live in the web app. */
export const CONTENT_GAPS_PAGE = '/recruitment/content-gaps';
export const VACANCIES_PAGE = '/recruitment/vacancies';
export const SOURCES_PAGE = '/recruitment/sources';

/** The page with one vacancy's referral funnel. */
export const vacancyPage = (id: string): string => `${VACANCIES_PAGE}/${encodeURIComponent(id)}`;

/** The public vacancy page Podium hosts (the destination of shared vacancy links). */
export const publicVacancyPage = (slug: string): string => `/vacancies/${encodeURIComponent(slug)}`;
