import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page, query } from '../../lib/api';
import type { Person } from '../../lib/types';
import type { Audience, FeedCard, MyShare, ShareCheck, ShareDraft, ShareResult, StoryVariants } from './sharing-types';
import type { PersonaFeedHint } from '../personas/personas-types';

export const feedKey = ['feed'] as const;
export const mySharesKey = ['my-shares'] as const;

/** Names come back in the request language, so the language is part of every key below. */
function useLanguage(): string {
  return useTranslation().i18n.resolvedLanguage ?? 'en';
}

/** The signed-in person as /api/v1/me has them (shared with the profile page's cache). */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => api<Person>('/api/v1/me') });
}

/** Active audiences in their configured order. */
export function useAudiences() {
  const language = useLanguage();
  return useQuery({
    queryKey: ['audiences', language],
    queryFn: () => api<Page<Audience>>('/api/v1/audiences'),
    select: (page) => page.items.filter((audience) => audience.active).sort((a, b) => a.position - b.position),
    staleTime: 5 * 60_000,
  });
}

/** The feed for one audience, page by page. */
export function useFeed(audience: string, q: string) {
  const language = useLanguage();
  return useInfiniteQuery({
    queryKey: [...feedKey, language, audience, q],
    queryFn: ({ pageParam, signal }) =>
      api<Page<FeedCard> & { persona?: PersonaFeedHint }>(`/api/v1/feed${query({ audience, q, limit: 12, cursor: pageParam })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The story's variants for every audience (the feed card only has the chosen one). */
export function useStoryVariants(storyId: string, enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['story-variants', storyId, language],
    queryFn: () => api<StoryVariants>(`/api/v1/stories/${encodeURIComponent(storyId)}`),
    enabled,
    retry: false,
    staleTime: 60_000,
  });
}

/** The personal-words check of a draft; `text` is already debounced by the caller. */
export function useShareCheck(draft: ShareDraft) {
  return useQuery({
    queryKey: ['share-check', draft.storyId ?? draft.vacancyId, draft.network, draft.audience, draft.text],
    queryFn: async ({ signal }) => {
      const check = await api<ShareCheck>('/api/v1/shares/check', { method: 'POST', json: draft, signal });
      // Remember which text this answer is about: the textarea may have moved on since.
      return { ...check, checkedText: draft.text, checkedNetwork: draft.network };
    },
    enabled: draft.text.trim() !== '',
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
}

/** Creates the share and its tracked link. */
export function useCreateShare() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: ShareDraft) => api<ShareResult>('/api/v1/shares', { method: 'POST', json: draft }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: feedKey });
      void queryClient.invalidateQueries({ queryKey: mySharesKey });
    },
    meta: { inlineError: true },
  });
}

/** My own shares, newest first. */
export function useMyShares() {
  return useInfiniteQuery({
    queryKey: mySharesKey,
    queryFn: ({ pageParam, signal }) =>
      api<Page<MyShare>>(`/api/v1/me/shares${query({ limit: 20, cursor: pageParam })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
