import { z } from 'zod';
import type { SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { canAskForOwnStats } from '../stats/policy.ts';
import { rangeQuery } from '../stats/schema.ts';
import { personVacancyStats, vacancyFunnel } from './funnel.ts';
import { personVacancyStatsSchema, vacancyFunnelSchema } from './funnel-schema.ts';
import { canReadVacancies } from './policy.ts';

const idParams = z.object({ id: z.uuid() });

/** Referral funnels: per vacancy (programme staff) and per ambassador over every vacancy. */
export async function vacancyFunnelRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/vacancies/:id/stats', {
    config: { policy: canReadVacancies },
    schema: {
      tags: ['recruitment', 'stats'],
      summary: 'A vacancy’s referral funnel: shares → human clicks → applications → hires, time to fill, the advocacy share, and each ambassador’s part',
      description:
        'Conversions belong to a vacancy by the vacancyId reported, by the ATS job id (vacancyRef) matched to an imported vacancy, or by the vacancy share they came through. `?from=&to=` limit shares, clicks and conversions; time to fill covers the vacancy’s whole life. People who left the programme are counted in the totals but not listed.',
      params: idParams,
      querystring: rangeQuery,
      response: { 200: vacancyFunnelSchema, ...errorResponses },
    },
    handler: async (request) => vacancyFunnel(ctx, request.params.id, request.query),
  });

  app.get('/api/v1/people/:id/vacancy-stats', {
    config: { policy: canAskForOwnStats },
    schema: {
      tags: ['recruitment', 'stats'],
      summary: 'An ambassador’s referral funnel per vacancy: shares → human clicks → applications → hires (staff: anyone in the programme; a person: themselves)',
      params: idParams,
      querystring: rangeQuery,
      response: { 200: personVacancyStatsSchema, ...errorResponses },
    },
    handler: async (request) => personVacancyStats(ctx, request.auth as SignedIn, request.params.id, request.query),
  });
}
