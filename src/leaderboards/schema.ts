import { z } from 'zod';
import { dateSchema } from '../people/schema.ts';

export const leaderboardGroupings = ['team', 'department'] as const;
export type LeaderboardGrouping = (typeof leaderboardGroupings)[number];

export const leaderboardQuery = z.object({
  by: z.enum(leaderboardGroupings).default('team').describe('Rank teams or departments'),
  from: dateSchema.optional().describe('First UTC day, included (YYYY-MM-DD); default: 27 days before `to`'),
  to: dateSchema.optional().describe('Last UTC day, included (YYYY-MM-DD); default: today'),
  format: z.enum(['json', 'csv']).optional().describe('`csv` answers the same figures as a CSV download (UTF-8 with BOM)'),
});
export type LeaderboardQuery = z.infer<typeof leaderboardQuery>;

const count = z.number().int().min(0);
const perMember = z.number().min(0);

export const leaderboardRowSchema = z.object({
  rank: z.number().int().min(1),
  group: z.object({ id: z.uuid(), name: z.string() }),
  members: count.describe('Active ambassadors in the group: the per-capita figures are divided by this'),
  participants: count.describe('Members who chose to appear on the leaderboard; only their shares and clicks count'),
  shares: count,
  humanClicks: count.describe('People’s clicks on those shares (bots and link previews left out)'),
  sharesPerMember: perMember,
  clicksPerMember: perMember,
  people: z.array(z.object({ id: z.uuid(), name: z.string() })).describe('The members who opted in, by name'),
});

export const leaderboardSchema = z
  .object({
    by: z.enum(leaderboardGroupings),
    period: z.object({ from: z.string(), to: z.string() }),
    rows: z.array(leaderboardRowSchema),
    me: z.object({ optedIn: z.boolean() }).nullable().describe('Whether the person asking appears on the leaderboard; null for an organisation token'),
  })
  .meta({ id: 'Leaderboard' });
export type LeaderboardView = z.infer<typeof leaderboardSchema>;
export type LeaderboardRow = z.infer<typeof leaderboardRowSchema>;

export const leaderboardSettingsSchema = z.object({ enabled: z.boolean().describe('Leaderboards are off until an admin switches them on') });
