import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page, query } from '../../lib/api';
import type { VacancyShareKit } from '../sharing/sharing-types';

/** An open vacancy as the ambassador page lists it (GET /api/v1/vacancies/open). */
export interface OpenVacancy {
  id: string;
  slug: string;
  title: string;
  department: string | null;
  location: string | null;
  employmentType: string | null;
  urgency: 'low' | 'normal' | 'high' | 'critical';
  openedAt: string;
  themes: { id: string; key: string; name: string }[];
}

export const openVacanciesKey = ['open-vacancies'] as const;

/** Theme names and suggested texts come back in the request language, so it is part of the keys. */
function useLanguage(): string {
  return useTranslation().i18n.resolvedLanguage ?? 'en';
}

/** The open vacancies, most urgent first, page by page; `q` searches title, department and location. */
export function useOpenVacancies(q: string) {
  const language = useLanguage();
  return useInfiniteQuery({
    queryKey: [...openVacanciesKey, language, q],
    queryFn: ({ pageParam, signal }) =>
      api<Page<OpenVacancy>>(`/api/v1/vacancies/open${query({ q, limit: 20, cursor: pageParam })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/**
 * Fetches what the composer needs to share one vacancy (its share kit), when the person asks to
 * share it; a kit fetched in the last minute is reused.
 */
export function useFetchVacancyShareKit(): (vacancyId: string) => Promise<VacancyShareKit> {
  const language = useLanguage();
  const queryClient = useQueryClient();
  return (vacancyId) =>
    queryClient.fetchQuery({
      queryKey: ['vacancy-share-kit', vacancyId, language],
      queryFn: ({ signal }) => api<VacancyShareKit>(`/api/v1/vacancies/${encodeURIComponent(vacancyId)}/share-kit`, { signal }),
      retry: false,
      staleTime: 60_000,
    });
}

/** The public vacancy page Podium hosts (where shared links lead). */
export const vacancyPagePath = (slug: string): string => `/vacancies/${encodeURIComponent(slug)}`;
