import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';

/** Pages of the editorial area (stories, approvals, campaigns, calendar, themes, programme settings). */
export const editorialRoutes: RouteObject[] = [];

/** Navigation entries of the editorial area; labels are keys in the `editorial` i18n namespace. */
export const editorialNav: AreaNavItem[] = [];
