import type { Caller, Scenario } from './types.ts';
import { staff } from './types.ts';

/** canReadAnalytics: admins and editors (and tokens with the analytics scope); recruiters only for the recruitment dashboard. */
const analyticsReaders: readonly Caller[] = ['editor', 'admin', 'adminToken'];

export const analyticsHealthRoutes: Record<string, Scenario> = {
  'GET /api/v1/analytics/recruitment': { allowed: staff },
  'GET /api/v1/analytics/programme': { allowed: analyticsReaders },
};
