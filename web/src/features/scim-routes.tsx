import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';
import { RequireAuth } from '../app/require-auth';
import type { Role } from '../lib/types';

const ScimPage = lazy(() => import('./scim/scim-page'));

const ADMINS = ['admin'] as const satisfies readonly Role[];

/** SCIM provisioning (admins): the endpoint for the identity provider and its tokens. */
export const scimRoutes: RouteObject[] = [
  {
    path: '/admin/scim',
    element: (
      <RequireAuth roles={ADMINS}>
        <ScimPage />
      </RequireAuth>
    ),
  },
];

/** Beside the other admin pages (API tokens, webhooks); the label is in the `scim` namespace. */
export const scimNav: AreaNavItem[] = [{ key: 'scim', to: '/admin/scim', roles: ADMINS, namespace: 'scim', labelKey: 'nav.scim', order: 455 }];
