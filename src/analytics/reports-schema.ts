import { z } from 'zod';
import { languages, reportFrequencies } from '../db/schema/index.ts';
import { text } from '../http/text.ts';
import { analyticsFilter } from './filters.ts';

/** The dashboard filters a scheduled report keeps (its period follows from the frequency). */
export const reportFilters = analyticsFilter.pick({ department: true, location: true, persona: true, theme: true, format: true, campaign: true, network: true, audience: true });
export type ReportFilters = z.infer<typeof reportFilters>;

export const reportBody = z.object({
  name: text().trim().min(1).max(120),
  frequency: z.enum(reportFrequencies).describe('weekly: the last full ISO week, sent on Monday; monthly: the last calendar month, sent on the 1st'),
  filters: reportFilters.default({}),
  recipientIds: z
    .array(z.uuid())
    .min(1)
    .max(50)
    .transform((ids) => [...new Set(ids)])
    .describe('People who receive the report; each must be able to read the analytics dashboards (admins, editors)'),
  language: z.enum(languages).default('en'),
});
export type ReportInput = z.infer<typeof reportBody>;

export const reportPatchBody = z.object({
  name: reportBody.shape.name.optional(),
  frequency: reportBody.shape.frequency.optional(),
  filters: reportFilters.optional(),
  recipientIds: reportBody.shape.recipientIds.optional(),
  language: z.enum(languages).optional(),
});
export type ReportPatch = z.infer<typeof reportPatchBody>;

export const reportSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    frequency: z.enum(reportFrequencies),
    filters: reportFilters,
    recipients: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string() })),
    language: z.enum(languages),
    lastPeriod: z.string().nullable().describe('The last period sent, e.g. 2026-W47 or 2026-10'),
    lastSentAt: z.iso.datetime().nullable(),
    nextPeriod: z.string().describe('The period the next run sends (once it is complete)'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ScheduledReport' });
export type ReportView = z.infer<typeof reportSchema>;
