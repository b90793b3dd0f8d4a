/** The API's recruitment and programme-health dashboards (GET /api/v1/analytics/recruitment and /programme). */

export const PERSONAS = ['anchored', 'loyal_fan', 'cautious_mover', 'job_hopper', 'unknown'] as const;
export type PersonaKey = (typeof PERSONAS)[number];

export interface Period {
  from: string;
  to: string;
}

export interface AdvocacyPart {
  all: number;
  throughAdvocacy: number;
  share: number | null;
}

export interface GapTheme {
  theme: { id: string; key: string; name: string };
  pressure: number;
  supply: number;
  need: number;
  openVacancies: number;
  recentStories: number;
}

export interface VacancyFunnelRow {
  vacancy: { id: string; title: string; slug: string; status: 'open' | 'closed' };
  shares: number;
  humanClicks: number;
  applications: number;
  advocacyApplications: number;
  hires: number;
  advocacyHires: number;
}

/** Days from the first touch to an application. */
export type TimeBucket = '0-1' | '1-3' | '3-7' | '7-14' | '14-30' | '30+';

export interface RecruitmentAnalytics {
  period: Period;
  touchpoints: {
    applications: number;
    withoutTouchpoints: number;
    median: number | null;
    p75: number | null;
    mean: number | null;
    histogram: { touchpoints: string; applications: number; share: number }[];
  };
  timeToApply: { medianDays: number | null; p75Days: number | null; histogram: { days: TimeBucket; applications: number }[] };
  advocacy: { applications: AdvocacyPart; hires: AdvocacyPart };
  vacancies: VacancyFunnelRow[];
  contentGap: { week: string; day: string; totalNeed: number; themes: GapTheme[] }[];
}

export interface NudgeRow {
  templateKey: string;
  persona: PersonaKey;
  sent: number;
  holdout: number;
  sharedAfterNudge: number;
  sharedInHoldout: number;
  shareRateNudged: number | null;
  shareRateHoldout: number | null;
  upliftPoints: number | null;
  tooFewToSay: boolean;
}

export interface ProgrammeAnalytics {
  period: Period;
  department: { id: string; name: string } | null;
  minGroupSize: number;
  storytelling: { year: number; target: number; published: number; remaining: number; expected: number; onTrack: boolean };
  coverage: {
    year: number;
    featuredPeople: number;
    activePeople: number;
    neverFeatured: number;
    byDepartment: { key: string; label: string | null; people: number | null; featuredPeople: number | null; suppressed: boolean }[];
  };
  personaFlow: {
    groupTooSmall: boolean;
    suppressed: boolean;
    weeks: { week: string; counts: Record<PersonaKey, number | null> }[];
    transitions: { from: PersonaKey; to: PersonaKey; count: number | null }[];
  };
  nudges: {
    days: number;
    totals: Omit<NudgeRow, 'templateKey' | 'persona'>;
    rows: NudgeRow[];
  };
  shareTexts: {
    people: number | null;
    shares: number | null;
    personalised: number | null;
    copied: number | null;
    personalisedShare: number | null;
    weeks: { week: string; personalised: number; copied: number }[];
    suppressed: boolean;
  };
}

/** The periods the pages offer: the last 4, 13 or 52 weeks. */
export const PERIOD_DAYS = [28, 91, 364] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];
