/** Shapes of the analytics API (GET /api/v1/analytics/…), as the dashboards read them. */

export const PERSONA_KEYS = ['anchored', 'loyal_fan', 'cautious_mover', 'job_hopper', 'unknown'] as const;
export const STORY_FORMATS = ['interview', 'column', 'behind_the_scenes', 'expertise', 'news', 'vacancy_spotlight', 'external_article'] as const;
export const NETWORKS = ['linkedin', 'x', 'facebook', 'whatsapp', 'email', 'link'] as const;
export const BREAKDOWNS = ['department', 'location', 'persona', 'theme', 'format', 'campaign', 'network', 'audience'] as const;
export const INTERVALS = ['day', 'week', 'month'] as const;

export type Breakdown = (typeof BREAKDOWNS)[number];
export type Interval = (typeof INTERVALS)[number];

/** The filters every analytics request accepts; '' leaves a dimension out. */
export interface AnalyticsFilters {
  from: string;
  to: string;
  compare: 'previous' | 'none';
  department: string;
  location: string;
  persona: string;
  theme: string;
  format: string;
  campaign: string;
  network: string;
  audience: string;
}

/** The filter dimensions, in the order the filter bar shows them. */
export const FILTER_DIMENSIONS = ['department', 'location', 'persona', 'theme', 'format', 'campaign', 'network', 'audience'] as const satisfies readonly (keyof AnalyticsFilters)[];

export interface Period {
  from: string;
  to: string;
}

export interface HistogramBar {
  /** '1' … '7', or '8+'. */
  touchpoints: string;
  applications: number;
}

/** The figures of one period on the overview. */
export interface OverviewFigures {
  participation: { active: number; invited: number; sharers: number };
  shares: number;
  clicks: { human: number; unique: number; visitors: number; bot: number; visitorsCounted: 'sum_of_daily_uniques' };
  clickThroughPerShare: number | null;
  conversions: { apply_started: number; application: number; hire: number; lead: number; signup: number };
  earnedMediaValue: { amount: number; currency: string; costPerClick: number; costPerThousandImpressions: number; impressionsPerNetworkMember: number; impressions: number };
  reach: { estimated: number; sharersWithKnownNetwork: number; defaultNetworkSize: number; companyFollowers: number | null };
  touchpoints: { median: number | null; histogram: HistogramBar[] };
}

/** A period's figures, left out (suppressed) when a narrowed view is about fewer than 5 people. */
export type SuppressibleFigures = Partial<OverviewFigures> & { suppressed: boolean };

/** GET /api/v1/analytics/overview */
export type Overview = SuppressibleFigures & {
  period: Period;
  previousPeriod: Period | null;
  previous: SuppressibleFigures | null;
};

/** Overview figures that are known to be there (not suppressed). */
export function shownFigures(figures: SuppressibleFigures | null | undefined): OverviewFigures | null {
  if (!figures || figures.suppressed || !figures.participation) return null;
  return figures as OverviewFigures;
}

export interface BreakdownFigures {
  people: number | null;
  shares: number | null;
  clicks: { human: number; unique: number; visitors: number } | null;
  conversions: { application: number; hire: number } | null;
}

export interface BreakdownRow extends BreakdownFigures {
  /** The group's id (or persona, network, format key); null for shares without one. */
  key: string | null;
  /** The group's name; null when the key is null or is itself the name. */
  label: string | null;
  suppressed: boolean;
}

/** GET /api/v1/analytics/breakdown */
export interface BreakdownReport {
  by: Breakdown;
  period: Period;
  visitorsCounted: 'sum_of_daily_uniques';
  rows: BreakdownRow[];
  totals: BreakdownFigures & { suppressed: boolean };
}

export interface TimePoint {
  start: string;
  shares: number;
  humanClicks: number;
  visitors: number;
  applications: number;
  hires: number;
}

/** GET /api/v1/analytics/timeseries */
export interface Timeseries {
  interval: Interval;
  period: Period;
  previousPeriod: Period | null;
  suppressed: boolean;
  points: TimePoint[];
  previous: TimePoint[] | null;
}

/** The figures a breakdown chart can show, read from a row. */
export const BREAKDOWN_METRICS = ['shares', 'humanClicks', 'visitors', 'applications', 'hires', 'people'] as const;
export type BreakdownMetric = (typeof BREAKDOWN_METRICS)[number];

export function metricOf(row: BreakdownFigures, metric: BreakdownMetric): number | null {
  switch (metric) {
    case 'shares':
      return row.shares;
    case 'humanClicks':
      return row.clicks?.human ?? null;
    case 'visitors':
      return row.clicks?.visitors ?? null;
    case 'applications':
      return row.conversions?.application ?? null;
    case 'hires':
      return row.conversions?.hire ?? null;
    case 'people':
      return row.people;
  }
}

/** Groups of fewer people than this are hidden from everyone but admins (k-anonymity). */
export const MIN_GROUP = 5;
