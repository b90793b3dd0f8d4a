import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';
import { RequireAuth } from '../app/require-auth';
import type { Role } from '../lib/types';
import { CONTENT_GAPS_PAGE, SOURCES_PAGE, VACANCIES_PAGE } from './recruitment/paths';

const ContentGapsPage = lazy(() => import('./recruitment/content-gaps-page'));
const VacanciesPage = lazy(() => import('./recruitment/vacancies-page'));
const VacancyPage = lazy(() => import('./recruitment/vacancy-page'));
const SourcesPage = lazy(() => import('./recruitment/sources-page'));

const STAFF = ['admin', 'editor', 'recruiter'] as const satisfies readonly Role[];
/** Who sets up sources and changes vacancies (the API's canManageVacancies). */
const RECRUITMENT = ['admin', 'recruiter'] as const satisfies readonly Role[];

function guarded(path: string, element: ReactNode, roles: readonly Role[]): RouteObject {
  return { path, element: <RequireAuth roles={roles}>{element}</RequireAuth> };
}

/**
 * Pages of the recruitment area (content gaps, vacancies, vacancy sources). They live under
 * /recruitment because /vacancies/{slug} is the public vacancy page served by Podium itself.
 */
export const recruitmentRoutes: RouteObject[] = [
  guarded(CONTENT_GAPS_PAGE, <ContentGapsPage />, STAFF),
  guarded(VACANCIES_PAGE, <VacanciesPage />, STAFF),
  guarded(`${VACANCIES_PAGE}/:id`, <VacancyPage />, STAFF),
  guarded(SOURCES_PAGE, <SourcesPage />, RECRUITMENT),
];

/** Navigation entries of the recruitment area; labels are keys in the `recruitment` i18n namespace. */
export const recruitmentNav: AreaNavItem[] = [
  { key: 'contentGaps', to: CONTENT_GAPS_PAGE, roles: STAFF, namespace: 'recruitment', labelKey: 'nav.contentGaps', order: 92 },
  { key: 'vacancies', to: VACANCIES_PAGE, roles: STAFF, namespace: 'recruitment', labelKey: 'nav.vacancies', order: 94 },
  { key: 'vacancySources', to: SOURCES_PAGE, roles: RECRUITMENT, namespace: 'recruitment', labelKey: 'nav.sources', order: 620 },
];
