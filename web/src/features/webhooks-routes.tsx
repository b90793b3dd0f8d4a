import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';
import { RequireAuth } from '../app/require-auth';
import type { Role } from '../lib/types';

const WebhooksPage = lazy(() => import('./webhooks/webhooks-page'));

const ADMINS = ['admin'] as const satisfies readonly Role[];

/** Outgoing webhooks (admins): endpoints, secrets, test events and the delivery log. */
export const webhookRoutes: RouteObject[] = [
  {
    path: '/admin/webhooks',
    element: (
      <RequireAuth roles={ADMINS}>
        <WebhooksPage />
      </RequireAuth>
    ),
  },
];

/** Beside the other admin pages (API tokens); the label is in the `webhooks` namespace. */
export const webhookNav: AreaNavItem[] = [{ key: 'webhooks', to: '/admin/webhooks', roles: ADMINS, namespace: 'webhooks', labelKey: 'nav.webhooks', order: 460 }];
