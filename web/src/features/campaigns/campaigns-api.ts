import type { StoryStatus } from '../stories/stories-api';

export const CAMPAIGN_GOALS = ['employer_branding', 'recruitment', 'launch', 'other'] as const;
export type CampaignGoal = (typeof CAMPAIGN_GOALS)[number];

export interface Campaign {
  id: string;
  slug: string;
  name: string;
  goal: CampaignGoal;
  theme: { id: string; key: string; name: string } | null;
  description: string;
  startsOn: string;
  endsOn: string;
  active: boolean;
  stories: { id: string; title: string; slug: string; status: StoryStatus }[];
  targetGroups: { id: string; kind: string; name: string }[];
}

export interface CampaignInput {
  name: string;
  slug?: string;
  goal: CampaignGoal;
  themeId: string | null;
  description: string;
  startsOn: string;
  endsOn: string;
  storyIds: string[];
  targetGroupIds: string[];
}

export const campaignsKey = ['campaigns'] as const;

export function campaignKey(id: string) {
  return ['campaign', id] as const;
}

export function isCampaignGoal(value: string): value is CampaignGoal {
  return (CAMPAIGN_GOALS as readonly string[]).includes(value);
}
