import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { MagicLinkPage } from '../features/auth/magic-link-page';
import { SignInPage } from '../features/auth/sign-in-page';
import { Shell } from './app-shell';
import { HomeRedirect } from './home-redirect';
import { NotFoundPage } from './not-found';
import { ambassadorRoutes } from '../features/ambassador-routes';
import { editorialRoutes } from '../features/editorial-routes';
import { recruitmentRoutes } from '../features/recruitment-routes';
import { alumniRoutes } from '../features/alumni-routes';
import { impactRoutes } from '../features/impact-routes';
import { notificationRoutes } from '../features/notifications-routes';
import { nudgesRoutes } from '../features/nudges-routes';
import { personasRoutes } from '../features/personas-routes';
import { analyticsRoutes } from '../features/analytics-routes';
import { leaderboardRoutes } from '../features/leaderboards-routes';
import { linkedinRoutes } from '../features/linkedin-routes';
import { analyticsReportRoutes } from '../features/analytics-reports-routes';
import { analyticsHealthRoutes } from '../features/analytics-health-routes';
import { webhookRoutes } from '../features/webhooks-routes';
import { scimRoutes } from '../features/scim-routes';
import { RequireAuth } from './require-auth';

const SetupPage = lazy(() => import('../features/setup/setup-page'));
const PeoplePage = lazy(() => import('../features/people/people-page'));
const PersonPage = lazy(() => import('../features/people/person-page'));
const ImportPage = lazy(() => import('../features/people/import-page'));
const GroupsPage = lazy(() => import('../features/groups/groups-page'));
const ProfilePage = lazy(() => import('../features/profile/profile-page'));
const OutboxPage = lazy(() => import('../features/admin/outbox-page'));
const AuditPage = lazy(() => import('../features/admin/audit-page'));

const STAFF = ['admin', 'editor', 'recruiter'] as const;
const ADMIN = ['admin'] as const;

export const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/auth/magic', element: <MagicLinkPage /> },
      { path: '/setup', element: <SetupPage /> },
      {
        path: '/',
        element: (
          <RequireAuth>
            <HomeRedirect />
          </RequireAuth>
        ),
      },
      {
        path: '/people',
        element: (
          <RequireAuth roles={STAFF}>
            <PeoplePage />
          </RequireAuth>
        ),
      },
      {
        path: '/people/import',
        element: (
          <RequireAuth roles={ADMIN}>
            <ImportPage />
          </RequireAuth>
        ),
      },
      {
        path: '/people/:id',
        element: (
          <RequireAuth roles={STAFF}>
            <PersonPage />
          </RequireAuth>
        ),
      },
      {
        path: '/groups',
        element: (
          <RequireAuth roles={STAFF}>
            <GroupsPage />
          </RequireAuth>
        ),
      },
      {
        path: '/profile',
        element: (
          <RequireAuth>
            <ProfilePage />
          </RequireAuth>
        ),
      },
      {
        path: '/admin/outbox',
        element: (
          <RequireAuth roles={ADMIN}>
            <OutboxPage />
          </RequireAuth>
        ),
      },
      {
        path: '/admin/audit',
        element: (
          <RequireAuth roles={ADMIN}>
            <AuditPage />
          </RequireAuth>
        ),
      },
      ...editorialRoutes,
      ...ambassadorRoutes,
      ...recruitmentRoutes,
      ...impactRoutes,
      ...notificationRoutes,
      ...nudgesRoutes,
      ...personasRoutes,
      ...analyticsRoutes,
      ...analyticsHealthRoutes,
      ...alumniRoutes,
      ...leaderboardRoutes,
      ...linkedinRoutes,
      ...analyticsReportRoutes,
      ...webhookRoutes,
      ...scimRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
