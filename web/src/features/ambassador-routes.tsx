import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';
import { RequireAuth } from '../app/require-auth';
import { ROLES } from '../lib/types';

const FeedPage = lazy(() => import('./feed/feed-page'));
const MySharesPage = lazy(() => import('./sharing/my-shares-page'));
const OpenVacanciesPage = lazy(() => import('./jobs/open-vacancies-page'));

/** Pages of the ambassador area (feed, open positions, share composer, my shares); open to every signed-in person. */
export const ambassadorRoutes: RouteObject[] = [
  {
    path: '/feed',
    element: (
      <RequireAuth>
        <FeedPage />
      </RequireAuth>
    ),
  },
  {
    path: '/jobs',
    element: (
      <RequireAuth>
        <OpenVacanciesPage />
      </RequireAuth>
    ),
  },
  {
    path: '/me/shares',
    element: (
      <RequireAuth>
        <MySharesPage />
      </RequireAuth>
    ),
  },
];

/** Navigation entries of the ambassador area; labels are keys in the `ambassador` i18n namespace. */
export const ambassadorNav: AreaNavItem[] = [
  { key: 'feed', to: '/feed', roles: ROLES, namespace: 'ambassador', labelKey: 'nav.feed', order: 10 },
  { key: 'jobs', to: '/jobs', roles: ROLES, namespace: 'ambassador', labelKey: 'nav.jobs', order: 15 },
  { key: 'myShares', to: '/me/shares', roles: ROLES, namespace: 'ambassador', labelKey: 'nav.myShares', order: 20 },
];
