import { persons, type Scenario } from './types.ts';

/** Open vacancies to share: every signed-in person (the ambassador page), never an organisation token or a stranger. */
export const openVacancyRoutes: Record<string, Scenario> = {
  'GET /api/v1/vacancies/open': { allowed: persons },
};
