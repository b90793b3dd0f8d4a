import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';
import { RequireAuth } from '../app/require-auth';
import type { Role } from '../lib/types';
import { NEW_STORY_PAGE, STORIES_PAGE } from './stories/stories-api';

const StoriesPage = lazy(() => import('./stories/stories-page'));
const StoryEditorPage = lazy(() => import('./stories/story-editor-page'));
const SubmitStoryPage = lazy(() => import('./stories/submit-page'));
const ApprovalsPage = lazy(() => import('./approvals/approvals-page'));
const CampaignsPage = lazy(() => import('./campaigns/campaigns-page'));
const CampaignPage = lazy(() => import('./campaigns/campaign-page'));
const CalendarPage = lazy(() => import('./calendar/calendar-page'));
const ThemesPage = lazy(() => import('./themes/themes-page'));
const ProgrammeSettingsPage = lazy(() => import('./programme/programme-page'));

const STAFF = ['admin', 'editor', 'recruiter'] as const satisfies readonly Role[];
const EDITORS = ['admin', 'editor'] as const satisfies readonly Role[];
const ADMIN = ['admin'] as const satisfies readonly Role[];
const EVERYONE = ['admin', 'editor', 'recruiter', 'ambassador'] as const satisfies readonly Role[];

function guarded(path: string, element: ReactNode, roles?: readonly Role[]): RouteObject {
  return { path, element: <RequireAuth roles={roles}>{element}</RequireAuth> };
}

/** Pages of the editorial area (stories, approvals, campaigns, calendar, themes, programme settings). */
export const editorialRoutes: RouteObject[] = [
  guarded(STORIES_PAGE, <StoriesPage />, STAFF),
  guarded(NEW_STORY_PAGE, <StoryEditorPage />, EDITORS),
  // Submitters may open their own story (read-only); the API decides what each person may see.
  guarded(`${STORIES_PAGE}/:id`, <StoryEditorPage />),
  guarded('/submit', <SubmitStoryPage />),
  guarded('/approvals', <ApprovalsPage />),
  guarded('/campaigns', <CampaignsPage />, STAFF),
  guarded('/campaigns/new', <CampaignPage />, EDITORS),
  guarded('/campaigns/:id', <CampaignPage />, STAFF),
  guarded('/calendar', <CalendarPage />, STAFF),
  guarded('/themes', <ThemesPage />, EDITORS),
  guarded('/settings/programme', <ProgrammeSettingsPage />, ADMIN),
];

/** Navigation entries of the editorial area; labels are keys in the `editorial` i18n namespace. */
export const editorialNav: AreaNavItem[] = [
  { key: 'stories', to: STORIES_PAGE, roles: STAFF, namespace: 'editorial', labelKey: 'nav.stories', order: 50 },
  { key: 'calendar', to: '/calendar', roles: STAFF, namespace: 'editorial', labelKey: 'nav.calendar', order: 60 },
  { key: 'campaigns', to: '/campaigns', roles: STAFF, namespace: 'editorial', labelKey: 'nav.campaigns', order: 70 },
  { key: 'approvals', to: '/approvals', roles: EVERYONE, namespace: 'editorial', labelKey: 'nav.approvals', order: 80 },
  { key: 'submit', to: '/submit', roles: EVERYONE, namespace: 'editorial', labelKey: 'nav.submit', order: 90 },
  { key: 'themes', to: '/themes', roles: EDITORS, namespace: 'editorial', labelKey: 'nav.themes', order: 600 },
  {
    key: 'programme',
    to: '/settings/programme',
    roles: ADMIN,
    namespace: 'editorial',
    labelKey: 'nav.programme',
    order: 610,
  },
];
