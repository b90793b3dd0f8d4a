import { admins, type Scenario } from './types.ts';

/** Operations: the backup of the embedded database (PostgreSQL answers 409 with pg_dump advice) and retention periods. */
export const opsRoutes: Record<string, Scenario> = {
  'GET /api/v1/backup': { allowed: admins },
  'GET /api/v1/settings/retention': { allowed: admins },
  'PUT /api/v1/settings/retention': { allowed: admins, body: () => ({ days: { 'mail.outbox': 60 } }) },
};
