import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';
import { RequireAuth } from '../app/require-auth';
import type { Role } from '../lib/types';
import { PROGRAMME_ANALYTICS_PAGE, RECRUITMENT_ANALYTICS_PAGE } from './analytics-health/paths';

const RecruitmentPage = lazy(() => import('./analytics-health/recruitment-page'));
const ProgrammePage = lazy(() => import('./analytics-health/programme-page'));

/** The API's canReadRecruitmentAnalytics and canReadAnalytics. */
const RECRUITMENT_READERS = ['admin', 'editor', 'recruiter'] as const satisfies readonly Role[];
const PROGRAMME_READERS = ['admin', 'editor'] as const satisfies readonly Role[];

/** The recruitment and programme-health dashboards. */
export const analyticsHealthRoutes: RouteObject[] = [
  {
    path: RECRUITMENT_ANALYTICS_PAGE,
    element: (
      <RequireAuth roles={RECRUITMENT_READERS}>
        <RecruitmentPage />
      </RequireAuth>
    ),
  },
  {
    path: PROGRAMME_ANALYTICS_PAGE,
    element: (
      <RequireAuth roles={PROGRAMME_READERS}>
        <ProgrammePage />
      </RequireAuth>
    ),
  },
];

/** Right after the analytics overview; labels are in the `analyticsHealth` i18n namespace. */
export const analyticsHealthNav: AreaNavItem[] = [
  { key: 'recruitmentAnalytics', to: RECRUITMENT_ANALYTICS_PAGE, roles: RECRUITMENT_READERS, namespace: 'analyticsHealth', labelKey: 'nav.recruitmentLink', order: 41 },
  { key: 'programmeAnalytics', to: PROGRAMME_ANALYTICS_PAGE, roles: PROGRAMME_READERS, namespace: 'analyticsHealth', labelKey: 'nav.programmeLink', order: 42 },
];
