import { v7 as uuidv7 } from 'uuid';
import { type Caller, type Scenario, staff } from './types.ts';

/** canManageVacancies: recruitment and admins. */
const recruiters: readonly Caller[] = ['recruiter', 'admin', 'adminToken'];

/**
 * Referral funnels and CSV uploads of vacancies. A random vacancy, source or person id is a 404
 * after authorization. The person is a random id rather than the matrix's subject, whom an earlier
 * route erases (and an erased person's vacancy results are withheld with a 403 of their own); an
 * ambassador asking for someone else's gets the 403 `forbidden` either way. Their own results and
 * the withheld ones are tested in src/vacancies/funnel.db.test.ts.
 */
export const vacancyFunnelRoutes: Record<string, Scenario> = {
  'GET /api/v1/vacancies/:id/stats': { allowed: staff, query: '?from=2026-01-01&to=2026-12-31' },
  'GET /api/v1/people/:id/vacancy-stats': { allowed: staff, query: '?from=2026-11-01', params: () => ({ id: uuidv7() }) },
  'POST /api/v1/vacancy-sources/:id/upload': {
    allowed: recruiters,
    contentType: 'text/csv',
    body: () => 'externalId,title\nmatrix-1,Matrix vacancy\n',
  },
};
