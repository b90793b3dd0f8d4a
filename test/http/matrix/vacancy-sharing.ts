import { everyone, type Scenario } from './types.ts';

/** Vacancy sharing: the composer's share kit. Anyone signed in may compose; a random vacancy id is a 404 after authorization. */
export const vacancySharingRoutes: Record<string, Scenario> = {
  'GET /api/v1/vacancies/:id/share-kit': { allowed: everyone.filter((c) => c !== 'anonymous') },
};
