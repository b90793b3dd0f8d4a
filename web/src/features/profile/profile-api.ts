import { useMutation } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Person } from '../../lib/types';
import { useUpdateCurrentPerson } from '../auth/session';

/** A POST to one of the /api/v1/me actions that answers with the updated person. */
export function useMeAction(path: string, onDone?: () => void) {
  const updatePerson = useUpdateCurrentPerson();
  return useMutation({
    mutationFn: (json?: unknown) => api<Person>(`/api/v1/me/${path}`, { method: 'POST', json }),
    onSuccess: (person) => {
      updatePerson(person);
      onDone?.();
    },
  });
}
