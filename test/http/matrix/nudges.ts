import { admins, type Caller, persons, type Scenario } from './types.ts';

/** canManageNudges: admins and editors (an organisation admin token too). */
const nudgeStaff: readonly Caller[] = ['editor', 'admin', 'adminToken'];

/**
 * The nudge domain. Creating a template with an unknown {variable} is a 400 after authorization
 * and creates nothing; a random template id is a 404; the guardrails are written back as their defaults.
 */
export const nudgeRoutes: Record<string, Scenario> = {
  'GET /api/v1/nudges/templates': { allowed: nudgeStaff },
  'POST /api/v1/nudges/templates': {
    allowed: nudgeStaff,
    body: () => ({
      key: 'matrix.template',
      trigger: 'new_story',
      personas: ['unknown'],
      channel: 'email',
      texts: { en: { subject: '{nope}', body: 'b', action: 'a' }, nl: { subject: 's', body: 'b', action: 'a' } },
    }),
  },
  'PATCH /api/v1/nudges/templates/:id': { allowed: nudgeStaff, body: () => ({ enabled: false }) },
  'GET /api/v1/nudges/guardrails': { allowed: nudgeStaff },
  'PUT /api/v1/nudges/guardrails': { allowed: admins, body: () => ({ perWeek: 1, quietStart: '21:00', quietEnd: '08:00', weekends: false, holdoutPercent: 10 }) },
  'GET /api/v1/nudges/report': { allowed: nudgeStaff, query: '?days=30' },
  'GET /api/v1/nudges/failed': { allowed: admins },
  'POST /api/v1/nudges/plan': { allowed: admins },
  'GET /api/v1/me/mail-subscriptions': { allowed: persons },
  'PUT /api/v1/me/mail-subscriptions': { allowed: persons, body: () => ({ nudges: true }) },
};
