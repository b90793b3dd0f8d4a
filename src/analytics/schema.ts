import { z } from 'zod';
import { touchpointBuckets } from '../stats/schema.ts';
import { breakdownDimensions } from './figures.ts';
import { analyticsQuery } from './filters.ts';

const count = z.number().int().min(0);
const maybeCount = count.nullable();
const periodSchema = z.object({ from: z.string().describe('First UTC day, included'), to: z.string().describe('Last UTC day, included') });

const conversionsSchema = z
  .object({ apply_started: count, application: count, hire: count, lead: count, signup: count })
  .describe('Conversions that occurred in the period with at least one touchpoint (a click on a share) matching the filter, per type');

const visitorsDescription = 'Unique visitors counted per UTC day and summed over the period (a visitor cannot be followed from one day to the next)';

/** The overview's figures for one period. */
export const overviewFiguresSchema = z
  .object({
    participation: z.object({
      active: count.describe('Ambassadors whose status was active at the end of the period'),
      invited: count.describe('People in the ambassador programme at the end of the period (invited, active or paused)'),
      sharers: count.describe('Different people who shared in the period'),
    }),
    shares: count.describe('Shares made in the period'),
    clicks: z.object({
      human: count.describe('People’s clicks (visits)'),
      unique: count.describe('Visits that are not a repeat by the same visitor on the same link within 30 minutes'),
      visitors: count.describe(visitorsDescription),
      bot: count.describe('Openings by bots and link-preview crawlers, never counted as visits'),
      visitorsCounted: z.literal('sum_of_daily_uniques'),
    }),
    clickThroughPerShare: z.number().nullable().describe('Human clicks in the period per share made in the period; null without shares'),
    conversions: conversionsSchema,
    earnedMediaValue: z
      .object({
        amount: z.number().describe('humanClicks × costPerClick + impressions ÷ 1000 × costPerThousandImpressions'),
        currency: z.string(),
        costPerClick: z.number(),
        costPerThousandImpressions: z.number(),
        impressionsPerNetworkMember: z.number().describe('Assumed share of a sharer’s network that sees a share'),
        impressions: count.describe('Estimated: for every share, the sharer’s network size (or the default) × impressionsPerNetworkMember'),
      })
      .describe('What the clicks and impressions would have cost as paid media, with the assumptions used'),
    reach: z.object({
      estimated: count.describe('Sum of the network sizes of the people who shared in the period; the default size for those who did not say theirs'),
      sharersWithKnownNetwork: count,
      defaultNetworkSize: count,
      companyFollowers: count.nullable().describe('The company page’s LinkedIn followers, when an admin has set them'),
    }),
    touchpoints: z.object({
      median: z.number().nullable().describe('Median number of touchpoints before an application'),
      histogram: z.array(z.object({ touchpoints: z.enum(touchpointBuckets), applications: count })).describe('Applications by touchpoints before them: 1 to 7, and 8 or more'),
    }),
  })
  .meta({ id: 'AnalyticsOverviewFigures' });
export type OverviewFigures = z.infer<typeof overviewFiguresSchema>;

/** A narrowed overview about fewer than 5 people has its figures nulled for everyone but admins. */
const suppressibleFigures = overviewFiguresSchema
  .partial()
  .extend({ suppressed: z.boolean().describe('True when the filtered group has fewer than 5 people: the figures are left out (admins see them)') });

export const overviewSchema = z
  .object({
    period: periodSchema,
    previousPeriod: periodSchema.nullable(),
    ...suppressibleFigures.shape,
    previous: suppressibleFigures.nullable().describe('The same figures for the previous period, or null with compare=none'),
  })
  .meta({ id: 'AnalyticsOverview' });
export type Overview = z.infer<typeof overviewSchema>;

export const breakdownQuery = analyticsQuery.extend({
  by: z.enum(breakdownDimensions).describe('The dimension to group by; department and persona as at the time of the share, location the sharer’s current location'),
});
export type BreakdownQuery = z.infer<typeof breakdownQuery>;

const rowFigures = {
  people: maybeCount.describe('Different people behind the figures (sharers whose shares, clicks or conversions count here)'),
  shares: maybeCount,
  clicks: z.object({ human: count, unique: count, visitors: count.describe(visitorsDescription) }).nullable(),
  conversions: z.object({ application: count, hire: count }).nullable(),
  suppressed: z.boolean().describe('True when the group has fewer than 5 people (or is hidden with one that has, so totals cannot reveal it): figures left out'),
};

export const breakdownRowSchema = z
  .object({
    key: z.string().nullable().describe('The id (persona, network or format key) of the group; null for shares without one'),
    label: z.string().nullable().describe('The group’s name; null when the key is null or is itself the name (persona, network, format)'),
    ...rowFigures,
  })
  .meta({ id: 'AnalyticsBreakdownRow' });

export const breakdownSchema = z
  .object({
    by: z.enum(breakdownDimensions),
    period: periodSchema,
    visitorsCounted: z.literal('sum_of_daily_uniques'),
    rows: z.array(breakdownRowSchema).describe('Largest first by human clicks; a share may count in more than one theme or location'),
    totals: z.object(rowFigures).describe('Every share matching the filter, each counted once'),
  })
  .meta({ id: 'AnalyticsBreakdown' });
export type Breakdown = z.infer<typeof breakdownSchema>;

export const timeseriesIntervals = ['day', 'week', 'month'] as const;
export type TimeseriesInterval = (typeof timeseriesIntervals)[number];

export const timeseriesQuery = analyticsQuery.extend({
  interval: z.enum(timeseriesIntervals).default('day').describe('Weeks start on Monday; every bucket is cut to the period'),
});
export type TimeseriesQuery = z.infer<typeof timeseriesQuery>;

const pointSchema = z.object({
  start: z.string().describe('First UTC day of the bucket (within the period)'),
  shares: count,
  humanClicks: count,
  visitors: count.describe(visitorsDescription),
  applications: count,
  hires: count,
});
export type TimeseriesPoint = z.infer<typeof pointSchema>;

export const timeseriesSchema = z
  .object({
    interval: z.enum(timeseriesIntervals),
    period: periodSchema,
    previousPeriod: periodSchema.nullable(),
    suppressed: z.boolean().describe('True when the filtered group has fewer than 5 people: the points are left out (admins see them)'),
    points: z.array(pointSchema),
    previous: z.array(pointSchema).nullable().describe('The previous period’s points, bucket for bucket; null with compare=none, or (except for admins) when fewer than 5 people are behind them'),
  })
  .meta({ id: 'AnalyticsTimeseries' });
export type Timeseries = z.infer<typeof timeseriesSchema>;

export const analyticsSettingsSchema = z
  .object({
    emv: z.object({
      currency: z.string().length(3).describe('ISO 4217 currency code'),
      costPerClick: z.number().min(0).max(1000),
      costPerThousandImpressions: z.number().min(0).max(10_000),
      impressionsPerNetworkMember: z.number().min(0).max(10).describe('Share of a sharer’s network assumed to see a share (0.1 = 10%)'),
    }),
    defaultNetworkSize: z.number().int().min(0).max(1_000_000).describe('Network size assumed for a sharer who has not said theirs'),
  })
  .meta({ id: 'AnalyticsSettings' });
export type AnalyticsSettings = z.infer<typeof analyticsSettingsSchema>;
