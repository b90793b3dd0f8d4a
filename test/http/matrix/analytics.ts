import type { Caller, Scenario } from './types.ts';

/** canReadAnalytics: admins and editors (and tokens with the analytics scope, tested in src/analytics); recruiters and ambassadors not. */
const analyticsReaders: readonly Caller[] = ['editor', 'admin', 'adminToken'];

/** The analytics dashboards' API and the assumptions behind earned media value. */
export const analyticsRoutes: Record<string, Scenario> = {
  'GET /api/v1/analytics/overview': { allowed: analyticsReaders, query: '?from=2026-11-01&to=2026-11-27' },
  'GET /api/v1/analytics/breakdown': { allowed: analyticsReaders, query: '?by=department&from=2026-11-01&to=2026-11-27' },
  'GET /api/v1/analytics/timeseries': { allowed: analyticsReaders, query: '?interval=week&format=csv' },
  'GET /api/v1/settings/analytics': { allowed: analyticsReaders },
  'PUT /api/v1/settings/analytics': {
    allowed: ['admin', 'adminToken'],
    body: () => ({ emv: { currency: 'EUR', costPerClick: 2.5, costPerThousandImpressions: 15, impressionsPerNetworkMember: 0.1 }, defaultNetworkSize: 500 }),
  },
};
