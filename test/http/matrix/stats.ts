import { type Caller, persons, type Scenario, staff } from './types.ts';

/** canAskForOwnStats: every person (the service checks whose results they ask for) and staff tokens. */
const ownOrStaff: readonly Caller[] = [...persons, 'adminToken'];

/**
 * The stats domain. A random share id is a 404 after authorization; the matrix's subject person
 * is someone else, so an ambassador asking for their results gets a 403 (their own are tested in src/stats).
 */
export const statsRoutes: Record<string, Scenario> = {
  'GET /api/v1/shares/:id/stats': { allowed: ownOrStaff, query: '?from=2026-11-01&to=2026-11-30' },
  'GET /api/v1/stories/:id/stats': { allowed: staff },
  'GET /api/v1/people/:id/stats': { allowed: staff, query: '?from=2026-11-01' },
  'GET /api/v1/campaigns/:id/stats': { allowed: staff },
  'GET /api/v1/analytics/touchpoints': { allowed: staff, query: '?type=application&from=2026-01-01&to=2026-12-31' },
  'GET /api/v1/analytics/attribution': { allowed: staff, query: '?model=linear&by=ambassador&type=application' },
};
