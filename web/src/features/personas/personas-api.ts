import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../lib/api';
import type { AssessmentAnswers, PersonaFlow, PersonaView } from './personas-types';

const personaKey = (personId: string) => ['persona', personId] as const;

/** A person's persona (their own, or anyone's for an admin). */
export function usePersona(personId: string) {
  return useQuery({
    queryKey: personaKey(personId),
    queryFn: ({ signal }) => api<PersonaView>(`/api/v1/people/${encodeURIComponent(personId)}/persona`, { signal }),
    staleTime: 60_000,
  });
}

/** Saves (or, with null, withdraws) my self-assessment; the answer is my recomputed persona. */
export function useSaveAssessment(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: AssessmentAnswers | null) =>
      answers
        ? api<PersonaView>('/api/v1/me/persona/assessment', { method: 'PUT', json: answers })
        : api<PersonaView>('/api/v1/me/persona/assessment', { method: 'DELETE' }),
    onSuccess: (view) => {
      queryClient.setQueryData(personaKey(personId), view);
      // The feed adapts to the persona: let it read again.
      void queryClient.invalidateQueries({ queryKey: ['feed'] });
    },
  });
}

export interface FlowFilters {
  from: string;
  to: string;
  department: string;
}

/** The persona flow report (aggregates of 5 or more people). */
export function usePersonaFlow(filters: FlowFilters) {
  return useQuery({
    queryKey: ['persona-flow', filters],
    queryFn: ({ signal }) =>
      api<PersonaFlow>(`/api/v1/personas/flow${query({ from: filters.from || undefined, to: filters.to || undefined, department: filters.department || undefined })}`, { signal }),
    staleTime: 60_000,
  });
}
