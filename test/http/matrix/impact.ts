import { admins, persons, type Scenario } from './types.ts';

/** "What's in it for me" (my own impact: people only, an organisation token has none) and the company page's followers (admins). */
export const impactRoutes: Record<string, Scenario> = {
  'GET /api/v1/me/impact': { allowed: persons, query: '?weeks=4' },
  'GET /api/v1/settings/company-followers': { allowed: admins },
  'PUT /api/v1/settings/company-followers': { allowed: admins, body: () => ({ linkedin: 12_000, x: null, facebook: 800 }) },
};
