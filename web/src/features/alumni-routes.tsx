import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';
import { RequireAuth } from '../app/require-auth';
import { type Person, ROLES } from '../lib/types';

const AlumniJoinPage = lazy(() => import('./alumni/join-page'));
const AlumniProgrammePage = lazy(() => import('./alumni/programme-page'));

/** The alumni programme: the page of the invitation link (no sign-in) and the signed-in alumnus's own page. */
export const alumniRoutes: RouteObject[] = [
  { path: '/alumni/join', element: <AlumniJoinPage /> },
  {
    path: '/alumni',
    element: (
      <RequireAuth>
        <AlumniProgrammePage />
      </RequireAuth>
    ),
  },
];

/** The alumni programme's entry; `navForPerson` shows it to alumni only. */
export const alumniNav: AreaNavItem[] = [{ key: 'alumniProgramme', to: '/alumni', roles: ROLES, namespace: 'alumni', labelKey: 'nav.programme', order: 25 }];

/** What an alumnus can use (the server answers 403 to everything else they might open: src/auth/alumni-access.ts). */
const ALUMNI_NAV_KEYS: ReadonlySet<string> = new Set(['feed', 'myShares', 'alumniProgramme']);

/** Alumni see only the feed, their shares and the alumni programme; nobody else sees the alumni entry. */
export function navForPerson<T extends { key: string }>(person: Person | null, items: T[]): T[] {
  const alumnus = person?.ambassadorStatus === 'alumni';
  return items.filter((item) => (alumnus ? ALUMNI_NAV_KEYS.has(item.key) : item.key !== 'alumniProgramme'));
}
