import { z } from 'zod';
import { networks } from '../db/schema/stories.ts';

const count = z.number().int().min(0);

/** `?weeks=N`: the impact page looks back N weeks (this week included). */
export const impactQuery = z.object({
  weeks: z.coerce.number().int().min(1).max(52).default(12).describe('How many weeks to look back, this week included (1–52, default 12)'),
});
export type ImpactQuery = z.infer<typeof impactQuery>;

/** The networks a company page can have followers on. */
export const followerNetworks = ['linkedin', 'x', 'facebook'] as const;
export type FollowerNetwork = (typeof followerNetworks)[number];

const followerCount = z.number().int().min(0).max(1_000_000_000).nullable();

/** The company page's follower counts per network, as an admin enters them (null: not entered). */
export const companyFollowersSchema = z
  .object({ linkedin: followerCount, x: followerCount, facebook: followerCount })
  .meta({ id: 'CompanyFollowers' });
export type CompanyFollowers = z.infer<typeof companyFollowersSchema>;

const totals = z.object({
  shares: count.describe('Shares I made'),
  humanClicks: count.describe('People’s clicks on my links; bots and link-preview crawlers never count'),
  visitors: count.describe('Unique visitors on my links, counted per UTC day and summed (a visitor cannot be followed from one day to the next)'),
  applications: count.describe('Applications (conversions of type application) with at least one click on my links among their touchpoints'),
  hires: count.describe('Hires with at least one click on my links among their touchpoints'),
});

export const impactSchema = z
  .object({
    from: z.string().describe('First UTC day of the range (the Monday `weeks` weeks back)'),
    to: z.string().describe('Last UTC day of the range (today)'),
    weeks: count,
    range: totals.describe('Within the range'),
    allTime: totals.describe('Since my first share'),
    sharesByNetwork: z.array(z.object({ network: z.enum(networks), shares: count })).describe('Shares within the range per network, most first'),
    growth: z
      .array(z.object({ week: z.string().describe('Monday (UTC) of the week'), shares: count, humanClicks: count, visitors: count }))
      .describe('Per week in the range, oldest first, weeks without activity included'),
    reach: z.object({
      mine: count.nullable().describe('My network size on LinkedIn: what I entered myself, else an estimate (see `source`), else null'),
      source: z.enum(['self_reported', 'colleagues_median', 'unknown']).describe('self_reported: my own figure; colleagues_median: the median of what at least 5 colleagues entered; unknown: neither exists'),
      company: companyFollowersSchema.describe('The company page’s followers per network, as set by an admin'),
      ratio: z.number().nullable().describe('My reach as a fraction of the company page’s LinkedIn followers, when both are known'),
    }),
    featured: z
      .array(z.object({ id: z.uuid(), title: z.string(), slug: z.string(), url: z.string(), publishedAt: z.string().nullable() }))
      .describe('Published stories I am featured in, newest first'),
  })
  .meta({ id: 'Impact' });
export type ImpactView = z.infer<typeof impactSchema>;
