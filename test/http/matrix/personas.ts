import { admins, persons, type Scenario, staff } from './types.ts';

/**
 * The personas domain. A persona is seen by the person themself and admins only: the matrix's
 * subject is someone else, so every other caller gets a 403 (one's own is tested in src/personas).
 * The flow report (aggregates of 5 or more) is for programme staff.
 */
export const personaRoutes: Record<string, Scenario> = {
  'GET /api/v1/people/:id/persona': { allowed: admins },
  'PUT /api/v1/me/persona/assessment': { allowed: persons, body: () => ({ linkedinUse: 3, postingComfort: 2, pride: 4, careerOpenness: 1 }) },
  'DELETE /api/v1/me/persona/assessment': { allowed: persons },
  'POST /api/v1/personas/recompute': { allowed: admins },
  'GET /api/v1/personas/flow': { allowed: staff },
};
