import type { Caller, Scenario } from './types.ts';
import { staff, unique } from './types.ts';

/** Recruitment and admins manage sources and vacancies; editors read vacancies too. */
const recruiters: readonly Caller[] = ['recruiter', 'admin', 'adminToken'];

/** The recruitment domain. Ids not given are random: a 404 still proves the caller passed the policy. */
export const recruitmentRoutes: Record<string, Scenario> = {
  'GET /api/v1/vacancy-sources': { allowed: recruiters },
  'POST /api/v1/vacancy-sources': { allowed: recruiters, body: () => ({ type: 'greenhouse', url: `https://boards-api.greenhouse.io/v1/boards/${unique()}/jobs?content=true` }) },
  'POST /api/v1/vacancy-sources/:id/sync': { allowed: recruiters },
  'POST /api/v1/vacancy-sources/:id/sync/confirm': { allowed: recruiters },
  'GET /api/v1/vacancies': { allowed: staff },
  'PATCH /api/v1/vacancies/:id': { allowed: recruiters, body: () => ({ urgency: 'high' }) },
};
