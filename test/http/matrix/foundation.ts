import { admins, everyone, password, persons, staff, type Scenario, unique } from './types.ts';

/** The foundation's routes: sign-in, set-up, profile, people, groups, privacy, outbox, audit, tokens. */
export const foundationRoutes: Record<string, Scenario> = {
  'GET /api/auth/session': { allowed: persons },
  'POST /api/auth/magic-link': { allowed: everyone, body: () => ({ email: 'nobody@example.com' }) },
  'POST /api/auth/magic-link/verify': { allowed: everyone, body: () => ({ token: 'not-a-real-link-token' }) },
  'POST /api/auth/password': { allowed: everyone, body: (f) => ({ email: f.passwordEmail, password }) },
  'POST /api/auth/sign-out': { allowed: persons },
  'POST /api/auth/sign-out-everywhere': { allowed: persons },
  'GET /api/setup/status': { allowed: everyone, query: '?token=nonsense' },
  'POST /api/setup': { allowed: everyone, body: () => ({ token: 'not-a-setup-token', name: 'X', email: 'x@example.com' }) },
  'GET /api/v1/settings/public': { allowed: everyone },
  'GET /api/v1/settings/fetch-allowance': { allowed: admins },
  'PUT /api/v1/settings/fetch-allowance': { allowed: admins, body: () => ({ hosts: ['ats.intranet.example'] }) },

  'GET /api/v1/me': { allowed: persons },
  'PATCH /api/v1/me': { allowed: persons, body: () => ({ timeZone: 'Europe/Amsterdam' }) },
  'PUT /api/v1/me/password': { allowed: persons, body: () => ({ password }) },
  'POST /api/v1/me/consent': { allowed: persons, body: () => ({ policyVersion: '2026-1' }) },
  'POST /api/v1/me/pause': { allowed: persons },
  'POST /api/v1/me/resume': { allowed: persons },
  'POST /api/v1/me/opt-out': { allowed: persons },
  'GET /api/v1/me/export': { allowed: persons },

  'GET /api/v1/people': { allowed: staff },
  'POST /api/v1/people': { allowed: admins, body: () => ({ email: `new.${unique()}@example.com`, name: 'Matrix New' }) },
  'GET /api/v1/people/:id': { allowed: staff },
  'PATCH /api/v1/people/:id': { allowed: admins, body: () => ({ name: 'Matrix Subject' }) },
  'POST /api/v1/people/:id/invite': { allowed: admins },
  'POST /api/v1/people/imports': { allowed: admins, query: '?dryRun=true', contentType: 'text/csv', body: () => 'email,name\nimport@example.com,Imported\n' },
  'GET /api/v1/people/imports/:id': { allowed: admins },
  'GET /api/v1/people/:id/export': { allowed: admins },
  'POST /api/v1/people/:id/erase': { allowed: admins },
  'GET /api/v1/privacy/register': { allowed: admins },

  'GET /api/v1/groups': { allowed: staff },
  'POST /api/v1/groups': { allowed: admins, body: () => ({ kind: 'team', name: `Team ${unique()}` }) },
  'PATCH /api/v1/groups/:id': { allowed: admins, body: () => ({ name: `Renamed ${unique()}` }) },
  'DELETE /api/v1/groups/:id': { allowed: admins },

  'GET /api/v1/outbox': { allowed: admins },
  'GET /api/v1/audit-log': { allowed: admins },
  'GET /api/v1/tokens': { allowed: admins },
  'POST /api/v1/tokens': { allowed: admins, body: () => ({ name: `matrix ${unique()}`, role: 'editor' }) },
  'DELETE /api/v1/tokens/:id': { allowed: admins },
  'POST /api/v1/demo': { allowed: admins },
};
