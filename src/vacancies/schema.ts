import { z } from 'zod';
import { urgencies, vacancySourceTypes, vacancyStatuses, vacancySyncStatuses } from '../db/schema/index.ts';

export const sourceBody = z
  .object({
    type: z.enum(vacancySourceTypes),
    url: z.url({ protocol: /^https?$/ }).max(2000).optional().describe('The feed or careers page; a csv source may leave it out and take uploaded files'),
    name: z.string().trim().min(1).max(120).optional(),
    syncIntervalMinutes: z.number().int().min(15).max(10_080).optional(),
  })
  .superRefine((body, issues) => {
    if (body.url === undefined && body.type !== 'csv') issues.addIssue({ code: 'custom', path: ['url'], message: 'give the feed URL (only a csv source can do without one: its files are uploaded)' });
  });

export const sourceSchema = z.object({
  id: z.uuid(),
  type: z.enum(vacancySourceTypes),
  name: z.string(),
  url: z.string().nullable(),
  active: z.boolean(),
  syncIntervalMinutes: z.number().int(),
  lastSyncedAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const syncReportSchema = z.object({
  syncId: z.uuid(),
  status: z.enum(vacancySyncStatuses),
  added: z.number().int(),
  updated: z.number().int(),
  closed: z.number().int(),
  failed: z.number().int(),
  problems: z.array(z.object({ externalId: z.string().nullable(), message: z.string() })),
  error: z.string().nullable(),
});

export const vacancySchema = z.object({
  id: z.uuid(),
  sourceId: z.uuid().nullable(),
  externalId: z.string().nullable(),
  slug: z.string(),
  title: z.string(),
  department: z.string().nullable(),
  departmentId: z.uuid().nullable(),
  location: z.string().nullable(),
  employmentType: z.string().nullable(),
  descriptionHtml: z.string(),
  applyUrl: z.string().nullable(),
  openings: z.number().int(),
  status: z.enum(vacancyStatuses),
  urgency: z.enum(urgencies),
  themeIds: z.array(z.uuid()),
  themesOverridden: z.boolean(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
});

export const vacancyQuery = z.object({
  status: z.enum(vacancyStatuses).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const vacancyPatch = z
  .object({
    urgency: z.enum(urgencies).optional(),
    openings: z.number().int().min(1).max(10_000).optional(),
    /** Setting themes by hand stops the rules from changing them. */
    themeIds: z.array(z.uuid()).max(20).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give urgency, openings or themeIds');
