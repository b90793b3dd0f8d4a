import { z } from 'zod';
import { hasRole, type Policy, type SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { createReport, deleteReport, getReport, listReports, updateReport } from './reports.ts';
import { reportBody, reportPatchBody, reportSchema } from './reports-schema.ts';

/** Route policy: scheduled reports are set up by admins and editors (a BI token only reads figures). */
export const canManageReports: Policy = (auth) => hasRole(auth, 'admin', 'editor');

/** Scheduled analytics reports: the key figures mailed weekly or monthly to chosen admins and editors. */
export async function reportRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ['analytics'];
  const params = z.object({ id: z.uuid() });

  app.get('/api/v1/analytics/reports', {
    config: { policy: canManageReports },
    schema: { tags, summary: 'List scheduled reports', response: { 200: z.object({ items: z.array(reportSchema), nextCursor: z.null() }), ...errorResponses } },
    handler: async () => ({ items: await listReports(ctx), nextCursor: null }),
  });

  app.post('/api/v1/analytics/reports', {
    config: { policy: canManageReports },
    schema: {
      tags,
      summary: 'Schedule a report: the key figures of a filtered dashboard, mailed weekly or monthly',
      description: 'Sent once per period (the last full ISO week on Monday, or last month on the 1st), never twice for the same period.',
      body: reportBody,
      response: { 201: reportSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await createReport(ctx, request.auth as SignedIn, request.body)),
  });

  app.get('/api/v1/analytics/reports/:id', {
    config: { policy: canManageReports },
    schema: { tags, summary: 'A scheduled report', params, response: { 200: reportSchema, ...errorResponses } },
    handler: async (request) => getReport(ctx, request.params.id),
  });

  app.patch('/api/v1/analytics/reports/:id', {
    config: { policy: canManageReports },
    schema: { tags, summary: 'Change a scheduled report (name, frequency, filters, recipients, language)', params, body: reportPatchBody, response: { 200: reportSchema, ...errorResponses } },
    handler: async (request) => updateReport(ctx, request.auth as SignedIn, request.params.id, request.body),
  });

  app.delete('/api/v1/analytics/reports/:id', {
    config: { policy: canManageReports },
    schema: { tags, summary: 'Stop a scheduled report', params, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await deleteReport(ctx, request.auth as SignedIn, request.params.id);
      return reply.code(204).send(null);
    },
  });
}

