import { z } from 'zod';
import { vacancyStatuses } from '../db/schema/index.ts';

const count = z.number().int().min(0);

/** Someone in a referral funnel: never more than a name (no persona, no e-mail). */
const personRef = z.object({ id: z.uuid(), name: z.string() });

const vacancyRef = z.object({ id: z.uuid(), title: z.string(), slug: z.string(), status: z.enum(vacancyStatuses) });

/** One ambassador's part in a vacancy's funnel: shares → human clicks → applications → hires. */
export const ambassadorFunnelSchema = z
  .object({
    person: personRef,
    shares: count.describe('Shares of this vacancy the person made in the range'),
    humanClicks: count.describe('People’s clicks on those shares (from the daily rollups)'),
    applications: count.describe('Applications for this vacancy in the range with at least one touchpoint on any share of the person: a share of the vacancy, or of a story'),
    hires: count.describe('Hires for this vacancy, counted like applications'),
  })
  .meta({ id: 'AmbassadorVacancyFunnel' });
export type AmbassadorFunnel = z.infer<typeof ambassadorFunnelSchema>;

/** What advocacy brought one vacancy, from the shares and clicks to the hires. */
export const vacancyFunnelSchema = z
  .object({
    vacancy: vacancyRef.extend({ openings: z.number().int(), openedAt: z.iso.datetime(), closedAt: z.iso.datetime().nullable() }),
    from: z.string().nullable().describe('First day of the range, or null for since the beginning'),
    to: z.string().nullable().describe('Last day of the range, or null for up to today'),
    funnel: z
      .object({
        shares: count.describe('Shares of the vacancy made in the range'),
        ambassadors: count.describe('Different people who made those shares'),
        humanClicks: count.describe('People’s clicks on the vacancy’s shares (from the daily rollups; clicks on story shares are not in here)'),
        applyStarted: count.describe('apply_started conversions reported for the vacancy, through advocacy or not'),
        applications: count.describe('Applications reported for the vacancy, through advocacy or not'),
        hires: count.describe('Hires reported for the vacancy, through advocacy or not'),
      })
      .describe('Conversions count by when they occurred; they belong to the vacancy by vacancyId, by the ATS job id (vacancyRef), or by the vacancy share they came through'),
    advocacy: z
      .object({
        applyStarted: count,
        applications: count.describe('Applications with at least one touchpoint: a person’s click on any share within the 90-day lookback'),
        hires: count,
        applicationsViaVacancyShares: count.describe('Of those, applications with a touchpoint on a share of a vacancy'),
        applicationsViaStoryShares: count.describe('Of those, applications with a touchpoint on a share of a story (an application can be in both)'),
      })
      .describe('The conversions of `funnel` that came through advocacy'),
    advocacyShare: z.number().min(0).max(1).nullable().describe('advocacy.applications / funnel.applications; null without applications'),
    timeToFillDays: z
      .number()
      .min(0)
      .nullable()
      .describe('Days from openedAt to the first hire or to closedAt, whichever came first (not limited by the range); null while open without a hire'),
    filledAt: z.iso.datetime().nullable(),
    filledBy: z.enum(['hire', 'closed']).nullable().describe('What ended timeToFillDays: the first hire reported, or the vacancy closing'),
    byAmbassador: z
      .array(ambassadorFunnelSchema)
      .describe('Everyone with a share of the vacancy, a click on one, or a touchpoint behind one of its applications or hires; most applications first'),
    unlistedAmbassadors: count.describe('People left out of byAmbassador because they left the programme (opted out) or were erased; their results stay in the totals'),
  })
  .meta({ id: 'VacancyFunnel' });
export type VacancyFunnel = z.infer<typeof vacancyFunnelSchema>;

const personCounts = {
  shares: count.describe('Shares of vacancies the person made in the range'),
  humanClicks: count.describe('People’s clicks on those shares'),
  applications: count.describe('Applications for vacancies with at least one touchpoint on a share of the person (a vacancy or a story)'),
  hires: count,
};

/** One ambassador's referral funnel over every vacancy. */
export const personVacancyStatsSchema = z
  .object({
    person: personRef,
    from: z.string().nullable(),
    to: z.string().nullable(),
    totals: z.object(personCounts),
    items: z.array(z.object({ vacancy: vacancyRef, ...personCounts })).describe('Per vacancy the person shared or brought conversions for; most applications first'),
  })
  .meta({ id: 'PersonVacancyStats' });
export type PersonVacancyStats = z.infer<typeof personVacancyStatsSchema>;
