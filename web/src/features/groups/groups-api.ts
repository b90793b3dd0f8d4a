import { useQuery } from '@tanstack/react-query';
import { fetchAll } from '../../lib/api';
import type { Group, GroupKind } from '../../lib/types';

export const groupsKey = ['groups'] as const;

/** Every group (departments, locations and teams are short lists). */
export function useGroups() {
  return useQuery({
    queryKey: groupsKey,
    queryFn: () => fetchAll<Group>('/api/v1/groups'),
    staleTime: 60_000,
  });
}

export function groupsOfKind(groups: Group[] | undefined, kind: GroupKind): Group[] {
  return (groups ?? [])
    .filter((group) => group.kind === kind)
    .sort((a, b) => a.name.localeCompare(b.name));
}
