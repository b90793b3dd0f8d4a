import { admins, type Caller, persons, type Scenario } from './types.ts';

/** Reports are set up by admins and editors (an organisation token with the admin role too). */
const reportManagers: readonly Caller[] = ['editor', 'admin', 'adminToken'];

/** Fair leaderboards (the programme's people and analytics readers), their switch (admins) and scheduled reports. */
export const leaderboardRoutes: Record<string, Scenario> = {
  'GET /api/v1/analytics/leaderboard': { allowed: [...persons, 'adminToken'], query: '?by=team' },
  'GET /api/v1/settings/leaderboards': { allowed: admins },
  'PUT /api/v1/settings/leaderboards': { allowed: admins, body: () => ({ enabled: false }) },
  'GET /api/v1/analytics/reports': { allowed: reportManagers },
  'POST /api/v1/analytics/reports': { allowed: reportManagers, body: (f) => ({ name: 'Matrix report', frequency: 'weekly', recipientIds: [f.personId] }) },
  'GET /api/v1/analytics/reports/:id': { allowed: reportManagers },
  'PATCH /api/v1/analytics/reports/:id': { allowed: reportManagers, body: () => ({ name: 'Renamed' }) },
  'DELETE /api/v1/analytics/reports/:id': { allowed: reportManagers },
};
