import { canReadAnalytics, canReadRecruitmentAnalytics, hasRole, type SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { sendCsv } from './csv.ts';
import { programmeAnalyticsSchema, programmeQuery, recruitmentAnalyticsSchema, recruitmentQuery } from './health-schema.ts';
import { programmeAnalytics, programmeCsv, programmeCsvHeader } from './programme.ts';
import { recruitmentAnalytics, recruitmentCsv, recruitmentCsvHeader } from './recruitment.ts';

const tags = ['analytics'];
const csvNote = '`?format=csv` answers the same figures as CSV, one row per figure (section, week, key, label, figure, value).';

/** The recruitment and programme-health dashboards. */
export async function analyticsHealthRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/analytics/recruitment', {
    config: { policy: canReadRecruitmentAnalytics },
    schema: {
      tags,
      summary: 'Recruitment: touchpoints before an application, time from first touch, applications through advocacy, the per-vacancy funnel and the content gap per week',
      description: `Organisation-wide over the period (default: the last 28 days). Conversions count by when they occurred, shares by when they were made, clicks from the daily rollups. ${csvNote}`,
      querystring: recruitmentQuery,
      response: { 200: recruitmentAnalyticsSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const view = await recruitmentAnalytics(ctx, request.query, request.language);
      if (request.query.format === 'csv') return sendCsv(reply, `podium-recruitment-${view.period.from}-${view.period.to}.csv`, recruitmentCsvHeader, recruitmentCsv(view));
      return view;
    },
  });

  app.get('/api/v1/analytics/programme', {
    config: { policy: canReadAnalytics },
    schema: {
      tags,
      summary: 'Programme health: storytelling target progress, podium coverage, persona flow, nudge effectiveness, personalised against copied share texts',
      description: `Over the period (default: the last 28 days), optionally for one department. Groups of fewer than 5 people are shown to admins only; persona cells below 5 to nobody. ${csvNote}`,
      querystring: programmeQuery,
      response: { 200: programmeAnalyticsSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const view = await programmeAnalytics(ctx, request.query, { admin: hasRole(request.auth as SignedIn, 'admin') });
      if (request.query.format === 'csv') return sendCsv(reply, `podium-programme-${view.period.from}-${view.period.to}.csv`, programmeCsvHeader, programmeCsv(view));
      return view;
    },
  });
}
