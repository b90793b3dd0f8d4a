import { everyone, persons, type Scenario } from './types.ts';

const story = '01900000-0000-7000-8000-0000000000aa';

/** The sharing domain's routes: the feed, the composer's check, shares and one's own shares. */
export const sharingRoutes: Record<string, Scenario> = {
  'GET /api/v1/feed': { allowed: persons },
  // Anyone signed in may compose; a missing story is a 404 after authorization.
  'POST /api/v1/shares/check': { allowed: everyone.filter((c) => c !== 'anonymous'), body: () => ({ storyId: story, network: 'linkedin', audience: 'candidates', text: 'Matrix' }) },
  'POST /api/v1/shares': { allowed: everyone.filter((c) => c !== 'anonymous'), body: () => ({ storyId: story, network: 'linkedin', audience: 'candidates', text: 'Matrix' }) },
  'GET /api/v1/me/shares': { allowed: persons },
};
