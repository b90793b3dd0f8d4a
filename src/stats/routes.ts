import { z } from 'zod';
import type { Policy, SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { attributionReport } from './attribution.ts';
import { canAskForOwnStats, canViewReports } from './policy.ts';
import { attributionQuery, attributionReportSchema, rangeQuery, statsSchema, touchpointReportSchema, touchpointsQuery } from './schema.ts';
import { getStats, type StatsSubject } from './service.ts';
import { touchpointReport } from './touchpoints.ts';

const idParams = z.object({ id: z.uuid() });

/** Results of shares, stories, people and campaigns, and the touchpoint and attribution reports. */
export async function statsRoutes(app: App, ctx: AppContext): Promise<void> {
  const subjects: { subject: StatsSubject; path: string; policy: Policy; summary: string }[] = [
    { subject: 'share', path: '/api/v1/shares/:id/stats', policy: canAskForOwnStats, summary: 'Clicks and conversions of a share (staff: every share; an ambassador: their own)' },
    { subject: 'story', path: '/api/v1/stories/:id/stats', policy: canViewReports, summary: 'Clicks and conversions of every share of a story' },
    { subject: 'person', path: '/api/v1/people/:id/stats', policy: canAskForOwnStats, summary: 'Clicks and conversions of a person’s shares (staff: anyone; a person: themselves)' },
    { subject: 'campaign', path: '/api/v1/campaigns/:id/stats', policy: canViewReports, summary: 'Clicks and conversions of the shares made for a campaign' },
  ];
  for (const { subject, path, policy, summary } of subjects) {
    app.get(path, {
      config: { policy },
      schema: {
        tags: ['stats'],
        summary,
        description: '`visitors` over more than one day is the sum of daily unique visitors: a visitor cannot be followed from one day to the next.',
        params: idParams,
        querystring: rangeQuery,
        response: { 200: statsSchema, ...errorResponses },
      },
      handler: async (request) => getStats(ctx, request.auth as SignedIn, subject, request.params.id, request.query),
    });
  }

  app.get('/api/v1/analytics/touchpoints', {
    config: { policy: canViewReports },
    schema: {
      tags: ['stats'],
      summary: 'Touchpoints before a conversion (1 … 7, 8+), their median, and the time from first touch to conversion',
      querystring: touchpointsQuery,
      response: { 200: touchpointReportSchema, ...errorResponses },
    },
    handler: async (request) => touchpointReport(ctx, request.query),
  });

  app.get('/api/v1/analytics/attribution', {
    config: { policy: canViewReports },
    schema: {
      tags: ['stats'],
      summary: 'Conversion credit per ambassador, story, campaign, network or audience under first-touch, last-touch or linear attribution',
      querystring: attributionQuery,
      response: { 200: attributionReportSchema, ...errorResponses },
    },
    handler: async (request) => attributionReport(ctx, request.query, request.language),
  });
}
