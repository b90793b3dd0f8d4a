import { admins, everyone, type Scenario, unique } from './types.ts';

const someClick = '01900000-0000-7000-8000-0000000000cc';

/**
 * The conversions domain's routes: server-to-server reports take an admin or recruiter API token
 * (never a browser session); the careers-site script's endpoint is public; imports are for
 * admins and recruiters.
 */
export const conversionRoutes: Record<string, Scenario> = {
  'POST /api/v1/conversions': { allowed: ['adminToken'], body: () => ({ type: 'application', externalId: `matrix-${unique()}`, clickId: someClick }) },
  // Public: an unknown click id is a 422 after the (absent) authorization.
  'POST /api/v1/conversions/browser': { allowed: everyone, body: () => ({ type: 'application', externalId: unique(), clickIds: [someClick] }) },
  'OPTIONS /api/v1/conversions/browser': { allowed: everyone },
  'POST /api/v1/conversions/imports': {
    allowed: ['recruiter', ...admins],
    contentType: 'text/csv',
    body: () => `externalId,type,clickIds\nmatrix-${unique()},application,${someClick}\n`,
  },
};
