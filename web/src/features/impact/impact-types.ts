/** The networks a share can go to (as the API names them). */
export type ImpactNetwork = 'linkedin' | 'x' | 'facebook' | 'whatsapp' | 'email' | 'link';

export interface ImpactTotals {
  shares: number;
  humanClicks: number;
  visitors: number;
  applications: number;
  hires: number;
}

export interface CompanyFollowers {
  linkedin: number | null;
  x: number | null;
  facebook: number | null;
}

export interface WeekGrowth {
  week: string;
  shares: number;
  humanClicks: number;
  visitors: number;
}

/** GET /api/v1/me/impact */
export interface Impact {
  from: string;
  to: string;
  weeks: number;
  range: ImpactTotals;
  allTime: ImpactTotals;
  sharesByNetwork: { network: ImpactNetwork; shares: number }[];
  growth: WeekGrowth[];
  reach: {
    mine: number | null;
    source: 'self_reported' | 'colleagues_median' | 'unknown';
    company: CompanyFollowers;
    ratio: number | null;
  };
  featured: { id: string; title: string; slug: string; url: string; publishedAt: string | null }[];
}

export const WEEK_CHOICES = [4, 12, 26, 52] as const;
