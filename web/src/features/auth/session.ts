import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api, setCsrfToken } from '../../lib/api';
import type { Person, Role, Session } from '../../lib/types';

export const sessionKey = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api<Session>('/api/auth/session', { redirectOnUnauthorized: false });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The current session: `null` when nobody is signed in. */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 5 * 60_000 });
}

/** The signed-in person, or null. */
export function useCurrentPerson(): Person | null {
  return useSession().data?.person ?? null;
}

export function hasAnyRole(person: Person | null, roles: readonly Role[]): boolean {
  return !!person && roles.some((role) => person.roles.includes(role));
}

/** Stores a fresh session after sign-in or set-up. */
export function useStartSession() {
  const queryClient = useQueryClient();
  return useCallback(
    (session: Session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionKey, session);
    },
    [queryClient],
  );
}

/** Puts an updated version of the signed-in person into the session cache. */
export function useUpdateCurrentPerson() {
  const queryClient = useQueryClient();
  return useCallback(
    (person: Person) => {
      queryClient.setQueryData<Session | null>(sessionKey, (old) => (old ? { ...old, person } : old));
      queryClient.setQueryData(['me'], person);
    },
    [queryClient],
  );
}

/** Signs out here (`everywhere: false`) or on every device. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (everywhere: boolean) =>
      api<void>(everywhere ? '/api/auth/sign-out-everywhere' : '/api/auth/sign-out', {
        method: 'POST',
        redirectOnUnauthorized: false,
      }),
    onSuccess: () => {
      setCsrfToken(null);
      void navigate('/sign-in');
      queryClient.removeQueries();
      queryClient.setQueryData(sessionKey, null);
    },
  });
}
