import { v7 as uuidv7 } from 'uuid';
import { admins, everyone, type Scenario } from './types.ts';

const notAToken = 'not-a-real-alumni-invitation-token';

/**
 * Leaving and the alumni programme. The alumni's own routes (/me/alumni) are for a session signed in
 * as alumnus, which none of the matrix's callers is: every one of them gets 403. What a signed-in
 * alumnus may call across all routes is checked in src/people/alumni-access.db.test.ts.
 */
export const alumniRoutes: Record<string, Scenario> = {
  // A random person: 404 after authorization, so the matrix's shared subject does not leave.
  'POST /api/v1/people/:id/leave': { allowed: admins, params: () => ({ id: uuidv7() }), body: () => ({}) },
  'GET /api/v1/people/:id/alumni': { allowed: admins },
  // The matrix's subject is no alumnus: 409 after authorization.
  'PATCH /api/v1/people/:id/alumni': { allowed: admins, body: () => ({ personalEmail: 'subject@private.example' }) },
  'GET /api/v1/alumni/invitation': { allowed: everyone, query: `?token=${notAToken}` },
  'POST /api/v1/alumni/invitation/join': { allowed: everyone, body: () => ({ token: notAToken }) },
  'POST /api/v1/alumni/invitation/leave': { allowed: everyone, body: () => ({ token: notAToken }) },
  'GET /api/v1/me/alumni': { allowed: [] },
  'PATCH /api/v1/me/alumni': { allowed: [], body: () => ({ personalEmail: 'someone@private.example' }) },
  'POST /api/v1/me/alumni/leave': { allowed: [] },
};
