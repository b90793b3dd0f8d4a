import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, query } from '../../lib/api';
import type { PeriodDays, ProgrammeAnalytics, RecruitmentAnalytics } from './health-types';

export const RECRUITMENT_PATH = '/api/v1/analytics/recruitment';
export const PROGRAMME_PATH = '/api/v1/analytics/programme';

/** The last `days` UTC days up to today, both included. */
export function lastDays(days: PeriodDays, now = new Date()): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/** The same request as CSV (the server names the file). */
export const csvUrl = (path: string, params: Record<string, string | undefined>): string => `${path}${query({ ...params, format: 'csv' })}`;

export function useRecruitment(params: { from: string; to: string }) {
  return useQuery({
    queryKey: ['analytics-recruitment', params],
    queryFn: ({ signal }) => api<RecruitmentAnalytics>(`${RECRUITMENT_PATH}${query(params)}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useProgramme(params: { from: string; to: string; department?: string }) {
  return useQuery({
    queryKey: ['analytics-programme', params],
    queryFn: ({ signal }) => api<ProgrammeAnalytics>(`${PROGRAMME_PATH}${query(params)}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
