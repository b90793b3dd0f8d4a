import type { Language, Role } from '../../lib/types';

/** Filters of the people list, as they appear in the URL and the API query. */
export interface PeopleFilters {
  q: string;
  groupId: string;
  role: string;
  status: string;
  active: string;
}

/** Fields of POST /api/v1/people and PATCH /api/v1/people/{id}. */
export interface PersonInput {
  name: string;
  email: string;
  language: Language;
  timeZone: string;
  startDate: string | null;
  roles: Role[];
  departmentId: string | null;
  locationId: string | null;
  teamIds: string[];
  active?: boolean;
  invite?: boolean;
}

export const peopleKey = ['people'] as const;

export function personKey(id: string) {
  return ['person', id] as const;
}
