import { z } from 'zod';
import { vacancyStatuses } from '../db/schema/index.ts';
import { dateSchema } from '../people/schema.ts';
import { personaFlowSchema } from '../personas/schema.ts';
import { reportRowSchema } from '../nudges/schema.ts';
import { timeToConvertBuckets } from '../stats/touchpoints.ts';
import { touchpointBuckets } from '../stats/schema.ts';

const count = z.number().int().min(0);
const fraction = z.number().min(0).max(1).nullable();

const period = {
  from: dateSchema.optional().describe('First UTC day, included (YYYY-MM-DD); default: 27 days before `to`'),
  to: dateSchema.optional().describe('Last UTC day, included (YYYY-MM-DD); default: today'),
  format: z.enum(['json', 'csv']).default('json').describe('`csv` answers the same figures as CSV (one row per figure)'),
};

/** `?from=&to=&format=`: recruitment figures are organisation-wide (applications are not made by a department's sharers alone). */
export const recruitmentQuery = z.object(period);
export type RecruitmentQuery = z.infer<typeof recruitmentQuery>;

/** `?from=&to=&department=&format=`. */
export const programmeQuery = z.object({
  ...period,
  department: z.uuid().optional().describe('Only this department: its people for coverage and the persona flow (current members), its shares for share texts (department at the time of the share)'),
});
export type ProgrammeQuery = z.infer<typeof programmeQuery>;

const periodSchema = z.object({ from: z.iso.date(), to: z.iso.date() });

const advocacyPart = z.object({
  all: count.describe('Reported in the period, through advocacy or not'),
  throughAdvocacy: count.describe('Of those, with at least one touchpoint (a person’s click on a share within the 90-day lookback)'),
  share: fraction.describe('throughAdvocacy / all; null when there are none'),
});

export const gapThemeSchema = z.object({
  theme: z.object({ id: z.uuid(), key: z.string(), name: z.string() }),
  pressure: z.number(),
  supply: z.number(),
  need: z.number().describe('pressure / (1 + supply), as on the content-gap page'),
  openVacancies: count,
  recentStories: count.describe('Stories published with the theme in the 8 weeks before the snapshot'),
});

export const recruitmentAnalyticsSchema = z
  .object({
    period: periodSchema,
    touchpoints: z
      .object({
        applications: count.describe('Applications in the period with at least one touchpoint'),
        withoutTouchpoints: count,
        median: z.number().nullable(),
        p75: z.number().nullable(),
        mean: z.number().nullable(),
        histogram: z.array(z.object({ touchpoints: z.enum(touchpointBuckets), applications: count, share: z.number().min(0).max(1) })),
      })
      .describe('Touchpoints (human clicks on shares) before each application: 1 to 7, and 8 or more'),
    timeToApply: z
      .object({
        medianDays: z.number().nullable(),
        p75Days: z.number().nullable(),
        histogram: z.array(z.object({ days: z.enum(timeToConvertBuckets), applications: count })),
      })
      .describe('Days from the first touch to the application'),
    advocacy: z.object({ applications: advocacyPart, hires: advocacyPart }).describe('Applications and hires through advocacy against all reported'),
    vacancies: z
      .array(
        z.object({
          vacancy: z.object({ id: z.uuid(), title: z.string(), slug: z.string(), status: z.enum(vacancyStatuses) }),
          shares: count,
          humanClicks: count,
          applications: count.describe('Reported for the vacancy in the period, through advocacy or not'),
          advocacyApplications: count,
          hires: count,
          advocacyHires: count,
        }),
      )
      .describe('Per vacancy with a share, click, application or hire in the period: shares → human clicks → applications → hires; most applications first, at most 100'),
    contentGap: z
      .array(z.object({ week: z.iso.date().describe('Monday of the ISO week'), day: z.iso.date().describe('The snapshot day the week is shown by (its latest)'), totalNeed: z.number(), themes: z.array(gapThemeSchema) }))
      .describe('The content gap per week, from the daily snapshots; weeks without a snapshot are left out'),
  })
  .meta({ id: 'RecruitmentAnalytics' });
export type RecruitmentAnalytics = z.infer<typeof recruitmentAnalyticsSchema>;

const nudgeTotals = z.object({
  sent: count,
  holdout: count,
  sharedAfterNudge: count,
  sharedInHoldout: count,
  shareRateNudged: fraction,
  shareRateHoldout: fraction,
  upliftPoints: z.number().nullable().describe('Nudged minus holdout share rate in percentage points; null when too few to say'),
  tooFewToSay: z.boolean(),
});

export const programmeAnalyticsSchema = z
  .object({
    period: periodSchema,
    department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    minGroupSize: z.number().int(),
    storytelling: z
      .object({
        year: z.number().int(),
        target: count.describe('The yearly storytelling target (setting editorial.yearlyTarget)'),
        published: count.describe('Stories published in the year, up to today'),
        remaining: count,
        expected: count.describe('Where an even pace to the target would be today (or at the year’s end for a past year)'),
        onTrack: z.boolean(),
      })
      .describe('Organisation-wide, for the year of the period’s end'),
    coverage: z
      .object({
        year: z.number().int(),
        featuredPeople: count.describe('Different colleagues featured in stories published in the year'),
        activePeople: count,
        neverFeatured: count.describe('Active people never featured in a published story'),
        byDepartment: z
          .array(
            z.object({
              key: z.string().describe('Department id; empty for people in no department'),
              label: z.string().nullable(),
              people: count.nullable(),
              featuredPeople: count.nullable(),
              suppressed: z.boolean().describe('A department of fewer than 5 people (or the one hidden with it so it cannot be worked out), shown to admins only'),
            }),
          )
          .describe('Departments as people belong to them now'),
      })
      .describe('Podium coverage: how many colleagues were on the stage'),
    personaFlow: personaFlowSchema.describe('The persona flow of the period (src/personas/flow.ts, cells below 5 people hidden for everyone)'),
    nudges: z
      .object({ days: z.number().int(), totals: nudgeTotals.describe('Over the rows shown'), rows: z.array(reportRowSchema) })
      .describe('Nudge effectiveness over the last `days` days (the period’s length, 7 to 730); rows about fewer than 5 people of a persona for admins only'),
    shareTexts: z
      .object({
        people: count.nullable().describe('Different sharers'),
        shares: count.nullable(),
        personalised: count.nullable().describe('Shares whose text is the sharer’s own (below 90% similar to a suggestion or a colleague’s text)'),
        copied: count.nullable(),
        personalisedShare: fraction,
        weeks: z.array(z.object({ week: z.iso.date(), personalised: count, copied: count })),
        suppressed: z.boolean().describe('Fewer than 5 sharers in the selected department: figures for admins only'),
      })
      .describe('Personalised against copied share texts for shares made in the period'),
  })
  .meta({ id: 'ProgrammeAnalytics' });
export type ProgrammeAnalytics = z.infer<typeof programmeAnalyticsSchema>;
