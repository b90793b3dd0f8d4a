import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';

/** Pages of the ambassador area (feed, share composer, my shares). */
export const ambassadorRoutes: RouteObject[] = [];

/** Navigation entries of the ambassador area; labels are keys in the `ambassador` i18n namespace. */
export const ambassadorNav: AreaNavItem[] = [];
