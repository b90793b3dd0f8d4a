import type { Role } from '../lib/types';

/** A navigation entry contributed by a feature area; `labelKey` is in the area's i18n namespace. */
export interface AreaNavItem {
  key: string;
  to: string;
  roles: readonly Role[];
  namespace: 'editorial' | 'ambassador' | 'recruitment' | 'impact' | 'notifications' | 'nudges' | 'alumni' | 'personas' | 'analytics' | 'leaderboards' | 'analyticsReports' | 'analyticsHealth' | 'webhooks' | 'scim';
  labelKey: string;
  /** Lower comes first; the foundation's entries use 100–500. */
  order: number;
}
