import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';
import { RequireAuth } from '../app/require-auth';
import type { Role } from '../lib/types';

const ReportsPage = lazy(() => import('./analytics-reports/reports-page'));
const TokensPage = lazy(() => import('./analytics-reports/tokens-page'));

/** Who sets up scheduled reports (the API's canManageReports). */
const REPORT_MANAGERS = ['admin', 'editor'] as const satisfies readonly Role[];
const ADMINS = ['admin'] as const satisfies readonly Role[];

/** Scheduled analytics reports (admins, editors) and API tokens with their scopes (admins). */
export const analyticsReportRoutes: RouteObject[] = [
  {
    path: '/analytics/reports',
    element: (
      <RequireAuth roles={REPORT_MANAGERS}>
        <ReportsPage />
      </RequireAuth>
    ),
  },
  {
    path: '/admin/tokens',
    element: (
      <RequireAuth roles={ADMINS}>
        <TokensPage />
      </RequireAuth>
    ),
  },
];

/** After the analytics dashboards; tokens beside the other admin pages. Labels in the `analyticsReports` namespace. */
export const analyticsReportNav: AreaNavItem[] = [
  { key: 'analytics-reports', to: '/analytics/reports', roles: REPORT_MANAGERS, namespace: 'analyticsReports', labelKey: 'nav.reports', order: 46 },
  { key: 'tokens', to: '/admin/tokens', roles: ADMINS, namespace: 'analyticsReports', labelKey: 'nav.tokens', order: 450 },
];
