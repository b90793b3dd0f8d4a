import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { RequireAuth } from '../app/require-auth';

const PlannedPostsPage = lazy(() => import('./linkedin/planned-posts-page'));

export { LinkedinSection } from './linkedin/linkedin-section';
export { LinkedinPostActions } from './linkedin/composer-actions';

/**
 * My posts to LinkedIn through Podium: planned (edit, cancel), sent and failed. Not in the main
 * navigation (LinkedIn may not be configured): the profile's LinkedIn section and the composer link here.
 */
export const linkedinRoutes: RouteObject[] = [
  {
    path: '/linkedin/posts',
    element: (
      <RequireAuth>
        <PlannedPostsPage />
      </RequireAuth>
    ),
  },
];

