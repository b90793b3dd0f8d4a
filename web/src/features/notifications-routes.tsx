import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';
import { RequireAuth } from '../app/require-auth';

const NotificationsPage = lazy(() => import('./notifications/notifications-page'));
const IntegrationsPage = lazy(() => import('./notifications/integrations-page'));

export { NotificationBell } from './notifications/notification-bell';
export { NotificationSettingsSection } from './notifications/notification-settings-section';

/** The notification list (every signed-in person, their own) and the admins' Slack & Teams page. */
export const notificationRoutes: RouteObject[] = [
  {
    path: '/notifications',
    element: (
      <RequireAuth>
        <NotificationsPage />
      </RequireAuth>
    ),
  },
  {
    path: '/admin/integrations',
    element: (
      <RequireAuth roles={['admin']}>
        <IntegrationsPage />
      </RequireAuth>
    ),
  },
];

/** "Integrations → Slack & Teams" beside the other admin pages; the bell in the header leads to /notifications. */
export const notificationNav: AreaNavItem[] = [
  { key: 'integrations', to: '/admin/integrations', roles: ['admin'], namespace: 'notifications', labelKey: 'nav.integrations', order: 450 },
];
