import { z } from 'zod';
import { conversionTypes } from '../db/schema/tracking.ts';
import { listOf, pageQuery } from '../http/pagination.ts';
import { dateSchema } from '../people/schema.ts';

const count = z.number().int().min(0);

/** `?from=&to=`: UTC days, both included; either may be left out. */
export const rangeQuery = z.object({
  from: dateSchema.optional().describe('First UTC day, included (YYYY-MM-DD); leave out for everything before `to`'),
  to: dateSchema.optional().describe('Last UTC day, included (YYYY-MM-DD); leave out for everything since `from`'),
});
export type RangeQuery = z.infer<typeof rangeQuery>;

const clickCounts = {
  human: count.describe('People’s clicks (visits)'),
  unique: count.describe('Visits that are not a repeat by the same visitor on the same link within 30 minutes'),
  visitors: count.describe(
    'Unique visitors, counted per UTC day and summed over the range: a visitor cannot be followed from one day to the next (the salt rotates daily), so a person who comes back on another day counts again',
  ),
  bot: count.describe('Openings flagged as bot and never counted as visits: link-preview crawlers (see `previews`), other bots and HEAD requests'),
  previews: count.describe('The part of `bot` that are link-preview crawlers (LinkedIn, Facebook, X, WhatsApp, …)'),
};

export const clickCountsSchema = z.object(clickCounts).meta({ id: 'ClickCounts' });
export type ClickCounts = z.infer<typeof clickCountsSchema>;

const conversionCountsSchema = z
  .object({ apply_started: count, application: count, hire: count, lead: count, signup: count } satisfies Record<(typeof conversionTypes)[number], typeof count>)
  .describe('Conversions in the range (by when they occurred) with at least one touchpoint on this subject, per type')
  .meta({ id: 'ConversionCounts' });
export type ConversionCounts = z.infer<typeof conversionCountsSchema>;

/** The results of a share, story, person or campaign: read from the click rollups and the conversions' touchpoints, never from raw clicks. */
export const statsSchema = z
  .object({
    subject: z.object({ type: z.enum(['share', 'story', 'person', 'campaign']), id: z.uuid() }),
    from: z.string().nullable().describe('First day of the range, or null for since the beginning'),
    to: z.string().nullable().describe('Last day of the range, or null for up to today'),
    visitorsCounted: z.literal('sum_of_daily_uniques').describe('How `visitors` is counted over more than one day: the sum of daily unique visitors'),
    shares: count.describe('Shares made in the range (for a share: 1 when it was made in the range)'),
    ambassadors: count.describe('Different people who made those shares'),
    clicks: clickCountsSchema,
    conversions: conversionCountsSchema,
    daily: z.array(z.object({ day: z.string(), ...clickCounts })).describe('Clicks per UTC day, only days with openings, oldest first'),
  })
  .meta({ id: 'Stats' });
export type StatsView = z.infer<typeof statsSchema>;

export const conversionTypeSchema = z.enum(conversionTypes);

export const touchpointsQuery = rangeQuery.extend({
  type: conversionTypeSchema.default('application').describe('Which conversions to measure'),
});

/** Touchpoint counts from 1 to 7 each, then 8 and more together. */
export const touchpointBuckets = ['1', '2', '3', '4', '5', '6', '7', '8+'] as const;

export const touchpointReportSchema = z
  .object({
    type: conversionTypeSchema,
    from: z.string().nullable(),
    to: z.string().nullable(),
    conversions: count.describe('Conversions in the range with at least one touchpoint'),
    withoutTouchpoints: count.describe('Conversions in the range with no known click within the 90-day lookback (not in the distribution)'),
    buckets: z
      .array(z.object({ touchpoints: z.enum(touchpointBuckets), conversions: count, share: z.number().min(0).max(1).describe('Fraction of `conversions`') }))
      .describe('How many touchpoints came before each conversion: 1 to 7, and 8 or more'),
    touchpoints: z.object({
      median: z.number().nullable(),
      p75: z.number().nullable().describe('75th percentile'),
      mean: z.number().nullable(),
    }),
    timeToConvert: z
      .object({ medianHours: z.number().nullable(), p75Hours: z.number().nullable(), medianDays: z.number().nullable(), p75Days: z.number().nullable() })
      .describe('Time from the first touchpoint to the conversion'),
  })
  .meta({ id: 'TouchpointReport' });
export type TouchpointReport = z.infer<typeof touchpointReportSchema>;

export const attributionModels = ['first', 'last', 'linear'] as const;
export const attributionDimensions = ['ambassador', 'story', 'campaign', 'network', 'audience'] as const;
export type AttributionModel = (typeof attributionModels)[number];
export type AttributionDimension = (typeof attributionDimensions)[number];

export const attributionQuery = rangeQuery.extend({
  model: z.enum(attributionModels).default('linear').describe('first touch, last touch, or linear (each touchpoint an equal part)'),
  by: z.enum(attributionDimensions).default('story'),
  type: conversionTypeSchema.default('application'),
  ...pageQuery,
});
export type AttributionQuery = z.infer<typeof attributionQuery>;

export const attributionItemSchema = z
  .object({
    key: z.string().nullable().describe('The id (a network’s key) credited; null for touchpoints without one (e.g. a share outside any campaign)'),
    name: z.string().nullable().describe('The person’s name, story title, campaign or audience name, or network'),
    credit: z.number().describe('Conversions credited under the model (a linear share of a conversion is a fraction)'),
    conversions: count.describe('Conversions with at least one touchpoint here, credited or not'),
    touchpoints: count,
  })
  .meta({ id: 'AttributionItem' });
export type AttributionItem = z.infer<typeof attributionItemSchema>;

export const attributionReportSchema = listOf(attributionItemSchema)
  .extend({
    model: z.enum(attributionModels),
    by: z.enum(attributionDimensions),
    type: conversionTypeSchema,
    from: z.string().nullable(),
    to: z.string().nullable(),
    totalCredit: z.number().describe('Credit over every item of every page: the number of conversions with touchpoints'),
  })
  .meta({ id: 'AttributionReport' });
export type AttributionReport = z.infer<typeof attributionReportSchema>;
