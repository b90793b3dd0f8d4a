import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../lib/api';
import type { CompanyFollowers, Impact } from './impact-types';

export const impactKey = ['impact'] as const;
const followersKey = ['company-followers'] as const;

/** My impact over the last `weeks` weeks. */
export function useImpact(weeks: number) {
  return useQuery({
    queryKey: [...impactKey, weeks],
    queryFn: ({ signal }) => api<Impact>(`/api/v1/me/impact${query({ weeks })}`, { signal }),
    staleTime: 60_000,
  });
}

/** The company page's follower counts (admins). */
export function useCompanyFollowers(enabled: boolean) {
  return useQuery({ queryKey: followersKey, queryFn: () => api<CompanyFollowers>('/api/v1/settings/company-followers'), enabled });
}

export function useSaveCompanyFollowers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (followers: CompanyFollowers) => api<CompanyFollowers>('/api/v1/settings/company-followers', { method: 'PUT', json: followers }),
    onSuccess: (saved) => {
      queryClient.setQueryData(followersKey, saved);
      void queryClient.invalidateQueries({ queryKey: impactKey });
    },
  });
}
