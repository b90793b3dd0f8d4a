import { z } from 'zod';
import { conversionSources, conversionTypes } from '../db/schema/tracking.ts';
import { networks } from '../db/schema/stories.ts';
import { text } from '../http/text.ts';
import { MAX_CLICK_IDS, MAX_EXTERNAL_ID_LENGTH, MAX_VACANCY_REF_LENGTH } from './input.ts';

/** What an ATS or careers back end reports, server to server. */
export const conversionBody = z
  .object({
    clickId: z.uuid().optional().describe('The click id (pcid) the visitor arrived with'),
    clickIds: z.array(z.uuid()).max(MAX_CLICK_IDS).optional().describe(`Every click id seen for this visitor (at most ${MAX_CLICK_IDS})`),
    type: z.enum(conversionTypes),
    externalId: text().trim().min(1).max(MAX_EXTERNAL_ID_LENGTH).describe('Your own id of this conversion, e.g. the application id: a repeat returns the first result'),
    vacancyId: z.uuid().nullable().optional(),
    vacancyRef: text().trim().max(MAX_VACANCY_REF_LENGTH).nullable().optional().describe('The ATS’s own job id'),
    occurredAt: z.iso.datetime({ offset: true }).optional().describe('When it happened (default: now); at most 5 minutes ahead'),
  })
  .meta({ id: 'ConversionReport' });

/** The types a visitor's browser may report: a hire is only ever reported by the ATS. */
export const browserConversionTypes = ['apply_started', 'application', 'lead', 'signup'] as const;

/** What t.js sends from a careers site (public, so narrow). */
export const browserConversionBody = z
  .object({
    type: z.enum(browserConversionTypes),
    clickIds: z.array(z.uuid()).min(1).max(MAX_CLICK_IDS),
    externalId: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/)
      .describe('Made by the script at random (or given by the site), so a retry is not counted twice'),
    vacancy: text().trim().max(MAX_VACANCY_REF_LENGTH).optional(),
  })
  .meta({ id: 'BrowserConversion' });
export type BrowserConversionInput = z.infer<typeof browserConversionBody>;

export const browserConversionResponse = z.object({ recorded: z.literal(true) }).meta({ id: 'BrowserConversionReceipt' });

const touchpointSchema = z.object({
  position: z.number().int().describe('1 for the first touch'),
  clickId: z.uuid(),
  occurredAt: z.iso.datetime(),
  shareId: z.uuid(),
  storyId: z.uuid().nullable(),
  campaignId: z.uuid().nullable(),
  network: z.enum(networks),
  credit: z.object({ firstTouch: z.number(), lastTouch: z.number(), linear: z.number() }),
});

/** A stored conversion with the touchpoints found at the time it was recorded. */
export const conversionSchema = z
  .object({
    id: z.uuid(),
    externalId: z.string(),
    type: z.enum(conversionTypes),
    source: z.enum(conversionSources),
    occurredAt: z.iso.datetime(),
    receivedAt: z.iso.datetime(),
    vacancyId: z.uuid().nullable(),
    vacancyRef: z.string().nullable(),
    clickIds: z.array(z.string()).describe('As reported, unknown ones included'),
    touchpointCount: z.number().int(),
    firstTouchAt: z.iso.datetime().nullable(),
    lastTouchAt: z.iso.datetime().nullable(),
    touchpoints: z.array(touchpointSchema),
  })
  .meta({ id: 'Conversion' });
export type ConversionView = z.infer<typeof conversionSchema>;

export const importRowSchema = z.object({
  row: z.number().int().describe('The line in the file (the header is line 1)'),
  status: z.enum(['created', 'duplicate', 'error']),
  message: z.string(),
  externalId: z.string().nullable(),
  touchpointCount: z.number().int().nullable(),
});
export type ImportRowReport = z.infer<typeof importRowSchema>;

export const importReportSchema = z
  .object({
    total: z.number().int(),
    created: z.number().int(),
    duplicates: z.number().int(),
    errors: z.number().int(),
    delimiter: z.string(),
    encoding: z.string(),
    rows: z.array(importRowSchema),
  })
  .meta({ id: 'ConversionImport' });
export type ImportReport = z.infer<typeof importReportSchema>;
