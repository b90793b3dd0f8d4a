import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';
import { RequireAuth } from '../app/require-auth';

const PersonaFlowPage = lazy(() => import('./personas/persona-flow-page'));

const STAFF = ['admin', 'editor', 'recruiter'] as const;

/** The persona flow report: aggregates (5 people or more) for programme staff. */
export const personasRoutes: RouteObject[] = [
  {
    path: '/personas/flow',
    element: (
      <RequireAuth roles={STAFF}>
        <PersonaFlowPage />
      </RequireAuth>
    ),
  },
];

/** Next to the other reports; the label is in the `personas` i18n namespace. */
export const personasNav: AreaNavItem[] = [{ key: 'personaFlow', to: '/personas/flow', roles: STAFF, namespace: 'personas', labelKey: 'nav.flow', order: 98 }];

/** The persona card of the profile page (my persona, why, and the self-assessment). */
export { PersonaSection } from './personas/persona-section';
/** The feed's persona hint, for the feed page to show above the cards. */
export { PersonaFeedHint } from './personas/persona-feed-hint';
