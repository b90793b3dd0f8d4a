import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';
import { RequireAuth } from '../app/require-auth';
import { ROLES } from '../lib/types';

const ImpactPage = lazy(() => import('./impact/impact-page'));

/** "What's in it for me": my impact, open to every signed-in person (their own figures only). */
export const impactRoutes: RouteObject[] = [
  {
    path: '/me/impact',
    element: (
      <RequireAuth>
        <ImpactPage />
      </RequireAuth>
    ),
  },
];

/** In the ambassador area, right after "My shares"; the label is in the `impact` i18n namespace. */
export const impactNav: AreaNavItem[] = [{ key: 'impact', to: '/me/impact', roles: ROLES, namespace: 'impact', labelKey: 'nav.impact', order: 22 }];
