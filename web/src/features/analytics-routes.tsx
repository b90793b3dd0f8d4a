import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';
import { RequireAuth } from '../app/require-auth';
import type { Role } from '../lib/types';
import { ANALYTICS_BREAKDOWNS_PAGE, ANALYTICS_PAGE } from './analytics/paths';

const OverviewPage = lazy(() => import('./analytics/overview-page'));
const BreakdownsPage = lazy(() => import('./analytics/breakdowns-page'));

/** Who reads the dashboards (the API's canReadAnalytics). */
const ANALYSTS = ['admin', 'editor'] as const satisfies readonly Role[];

/** The analytics overview and breakdowns, for editors and admins. */
export const analyticsRoutes: RouteObject[] = [
  {
    path: ANALYTICS_PAGE,
    element: (
      <RequireAuth roles={ANALYSTS}>
        <OverviewPage />
      </RequireAuth>
    ),
  },
  {
    path: ANALYTICS_BREAKDOWNS_PAGE,
    element: (
      <RequireAuth roles={ANALYSTS}>
        <BreakdownsPage />
      </RequireAuth>
    ),
  },
];

/** Before the stories; the label is in the `analytics` i18n namespace. */
export const analyticsNav: AreaNavItem[] = [{ key: 'analytics', to: ANALYTICS_PAGE, roles: ANALYSTS, namespace: 'analytics', labelKey: 'nav.analytics', order: 40 }];
