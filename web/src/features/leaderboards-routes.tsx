import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';
import { RequireAuth } from '../app/require-auth';
import { ROLES } from '../lib/types';

const LeaderboardPage = lazy(() => import('./leaderboards/leaderboard-page'));

export { LeaderboardOptInSection } from './leaderboards/opt-in-section';

/** The fair team leaderboard: every signed-in colleague may look (the API turns away paused and opted-out people). */
export const leaderboardRoutes: RouteObject[] = [
  {
    path: '/leaderboard',
    element: (
      <RequireAuth>
        <LeaderboardPage />
      </RequireAuth>
    ),
  },
];

/** In the ambassador area, after "My impact"; the label is in the `leaderboards` i18n namespace. */
export const leaderboardNav: AreaNavItem[] = [{ key: 'leaderboard', to: '/leaderboard', roles: ROLES, namespace: 'leaderboards', labelKey: 'nav.leaderboard', order: 24 }];
