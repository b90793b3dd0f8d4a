import { type InfiniteData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page, query } from '../../lib/api';

export const SOURCE_TYPES = ['recruitee', 'greenhouse', 'lever', 'personio', 'workable', 'jsonld', 'csv'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export const URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const VACANCY_STATUSES = ['open', 'closed'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];

export const isSourceType = (value: string): value is SourceType => (SOURCE_TYPES as readonly string[]).includes(value);
export const isUrgency = (value: string): value is Urgency => (URGENCIES as readonly string[]).includes(value);
export const isVacancyStatus = (value: string): value is VacancyStatus =>
  (VACANCY_STATUSES as readonly string[]).includes(value);

/** `GET /api/v1/vacancy-sources` item. */
export interface VacancySource {
  id: string;
  type: SourceType;
  name: string;
  url: string | null;
  active: boolean;
  syncIntervalMinutes: number;
  lastSyncedAt: string | null;
  lastError: string | null;
}

export interface SourceInput {
  type: SourceType;
  url?: string;
  name?: string;
}

/** What a sync or CSV upload did, or (awaiting confirmation) would do. */
export interface SyncReport {
  syncId: string;
  status: 'applied' | 'failed' | 'awaiting_confirmation' | 'confirmed' | 'dismissed';
  added: number;
  updated: number;
  closed: number;
  failed: number;
  problems: { externalId: string | null; message: string }[];
  error: string | null;
}

/** `GET /api/v1/vacancies` item. */
export interface Vacancy {
  id: string;
  sourceId: string | null;
  externalId: string | null;
  slug: string;
  title: string;
  department: string | null;
  departmentId: string | null;
  location: string | null;
  employmentType: string | null;
  descriptionHtml: string;
  applyUrl: string | null;
  openings: number;
  status: VacancyStatus;
  urgency: Urgency;
  themeIds: string[];
  themesOverridden: boolean;
  openedAt: string;
  closedAt: string | null;
}

export interface VacancyPatch {
  urgency?: Urgency;
  openings?: number;
  themeIds?: string[];
}

/** One theme of `GET /api/v1/content-gaps`: hiring pressure against recent story supply. */
export interface ContentGap {
  theme: { id: string; key: string; name: string };
  pressure: number;
  supply: number;
  need: number;
  vacancyCount: number;
  vacancies: {
    id: string;
    title: string;
    slug: string;
    urgency: Urgency;
    openings: number;
    department: string | null;
    openedAt: string;
    pressure: number;
  }[];
  storyCount: number;
  stories: { id: string; title: string; slug: string; publishedAt: string; shares: number; humanClicks: number }[];
  suggestedPeople: {
    id: string;
    name: string;
    department: string;
    tellMyStory: boolean;
    lastFeaturedAt: string | null;
  }[];
}

export interface ContentGaps {
  items: ContentGap[];
  generatedAt: string;
}

export interface GapRequestInput {
  themeId: string;
  personId?: string;
  vacancyId?: string;
  kind: 'interview' | 'idea';
  assignedTo?: string;
}

export interface GapRequestResult {
  storyId: string;
  editorUrl: string;
}

interface FunnelCounts {
  shares: number;
  humanClicks: number;
  applications: number;
  hires: number;
}

/** `GET /api/v1/vacancies/{id}/stats`: what advocacy brought one vacancy. */
export interface VacancyFunnel {
  vacancy: {
    id: string;
    title: string;
    slug: string;
    status: VacancyStatus;
    openings: number;
    openedAt: string;
    closedAt: string | null;
  };
  from: string | null;
  to: string | null;
  funnel: FunnelCounts & { ambassadors: number; applyStarted: number };
  advocacy: {
    applyStarted: number;
    applications: number;
    hires: number;
    applicationsViaVacancyShares: number;
    applicationsViaStoryShares: number;
  };
  advocacyShare: number | null;
  timeToFillDays: number | null;
  filledAt: string | null;
  filledBy: 'hire' | 'closed' | null;
  byAmbassador: (FunnelCounts & { person: { id: string; name: string } })[];
  unlistedAmbassadors: number;
}

export const sourcesKey = ['vacancy-sources'] as const;
export const vacanciesKey = ['vacancies'] as const;
export const contentGapsKey = ['content-gaps'] as const;

/** Names (themes, titles) come back in the request language, so the language is part of the keys. */
function useLanguage(): string {
  return useTranslation().i18n.resolvedLanguage ?? 'en';
}

export function useSources() {
  return useQuery({
    queryKey: sourcesKey,
    queryFn: async () => (await api<Page<VacancySource>>('/api/v1/vacancy-sources')).items,
  });
}

/** Vacancies newest first, page by page; `status` '' lists every vacancy. */
export function useVacancies(status: VacancyStatus | '') {
  return useInfiniteQuery({
    queryKey: [...vacanciesKey, status],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Vacancy>>(`/api/v1/vacancies${query({ status, limit: 50, cursor: pageParam })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Saves urgency, openings or themes and puts the saved vacancy into every cached list. */
export function usePatchVacancy(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: VacancyPatch) =>
      api<Vacancy>(`/api/v1/vacancies/${encodeURIComponent(id)}`, { method: 'PATCH', json: patch }),
    onSuccess: (saved) => {
      queryClient.setQueriesData<InfiniteData<Page<Vacancy>>>({ queryKey: vacanciesKey }, (old) =>
        old
          ? {
              ...old,
              pages: old.pages.map((page) => ({
                ...page,
                items: page.items.map((item) => (item.id === saved.id ? saved : item)),
              })),
            }
          : old,
      );
      // Urgency, openings and themes move the hiring pressure behind the content gaps.
      void queryClient.invalidateQueries({ queryKey: contentGapsKey });
    },
  });
}

export function useContentGaps() {
  const language = useLanguage();
  return useQuery({
    queryKey: [...contentGapsKey, language],
    queryFn: () => api<ContentGaps>('/api/v1/content-gaps'),
  });
}

export function useVacancyFunnel(id: string, range: { from: string; to: string }) {
  return useQuery({
    queryKey: ['vacancy-funnel', id, range.from, range.to],
    queryFn: () =>
      api<VacancyFunnel>(`/api/v1/vacancies/${encodeURIComponent(id)}/stats${query({ from: range.from, to: range.to })}`),
    // A new range keeps this vacancy's figures on screen (and the range form in focus) until the new ones arrive.
    placeholderData: (previous) => (previous?.vacancy.id === id ? previous : undefined),
  });
}

/** After a sync or upload the vacancies, their sources and the content gaps have all moved. */
export function useForgetRecruitment() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: sourcesKey });
    void queryClient.invalidateQueries({ queryKey: vacanciesKey });
    void queryClient.invalidateQueries({ queryKey: contentGapsKey });
  };
}
