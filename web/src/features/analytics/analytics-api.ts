import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ApiError, api, query } from '../../lib/api';
import { saveBlob } from '../../lib/download';
import {
  type AnalyticsFilters,
  BREAKDOWNS,
  type Breakdown,
  type BreakdownReport,
  FILTER_DIMENSIONS,
  INTERVALS,
  type Interval,
  type Overview,
  type Timeseries,
} from './analytics-types';

export const OVERVIEW_PATH = '/api/v1/analytics/overview';
export const BREAKDOWN_PATH = '/api/v1/analytics/breakdown';
export const TIMESERIES_PATH = '/api/v1/analytics/timeseries';

const analyticsKey = ['analytics'] as const;

/** The view's state lives in the address, so a filtered view can be bookmarked, shared and exported. */
export interface ViewState {
  filters: AnalyticsFilters;
  by: Breakdown;
  interval: Interval;
}

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return values.includes(value as T) ? (value as T) : fallback;
}

/** Reads the filters, breakdown and interval from the address; `update` changes them (empty values drop out). */
export function useViewState(): [ViewState, (changes: Partial<AnalyticsFilters & { by: Breakdown; interval: Interval }>) => void] {
  const [params, setParams] = useSearchParams();
  const text = (key: string) => params.get(key) ?? '';
  const filters: AnalyticsFilters = {
    from: text('from'),
    to: text('to'),
    compare: params.get('compare') === 'none' ? 'none' : 'previous',
    department: text('department'),
    location: text('location'),
    persona: text('persona'),
    theme: text('theme'),
    format: text('format'),
    campaign: text('campaign'),
    network: text('network'),
    audience: text('audience'),
  };
  const state: ViewState = {
    filters,
    by: oneOf(BREAKDOWNS, params.get('by'), 'department'),
    interval: oneOf(INTERVALS, params.get('interval'), 'week'),
  };
  const update = (changes: Partial<AnalyticsFilters & { by: Breakdown; interval: Interval }>) => {
    setParams(
      () => {
        // The address as it is now: two changes in a row (before a render) must not undo each other.
        const next = new URLSearchParams(window.location.search);
        for (const [key, value] of Object.entries(changes)) {
          if (value === '' || value === undefined || (key === 'compare' && value === 'previous')) next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    );
  };
  return [state, update];
}

/** The query parameters of the API for these filters (the period comparison only when switched off). */
export function filterParams(filters: AnalyticsFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.from) params.from = filters.from;
  if (filters.to) params.to = filters.to;
  if (filters.compare === 'none') params.compare = 'none';
  for (const dimension of FILTER_DIMENSIONS) if (filters[dimension]) params[dimension] = filters[dimension];
  // `format` also asks for CSV, so the story format always travels as `storyFormat`.
  if (params.format) {
    params.storyFormat = params.format;
    delete params.format;
  }
  return params;
}

/** True when any dimension (not the period) narrows the view. */
export function isNarrowed(filters: AnalyticsFilters): boolean {
  return FILTER_DIMENSIONS.some((dimension) => filters[dimension] !== '');
}

/** The address of an analytics request, as JSON or (`csv`) as the same figures in a CSV file. */
export function analyticsUrl(path: string, params: Record<string, string>, csv = false): string {
  return `${path}${query({ ...params, ...(csv ? { format: 'csv' } : {}) })}`;
}

export function useOverview(filters: AnalyticsFilters) {
  const params = filterParams(filters);
  return useQuery({
    queryKey: [...analyticsKey, 'overview', params],
    queryFn: ({ signal }) => api<Overview>(analyticsUrl(OVERVIEW_PATH, params), { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useBreakdown(filters: AnalyticsFilters, by: Breakdown) {
  const params = { ...filterParams(filters), by };
  return useQuery({
    queryKey: [...analyticsKey, 'breakdown', params],
    queryFn: ({ signal }) => api<BreakdownReport>(analyticsUrl(BREAKDOWN_PATH, params), { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useTimeseries(filters: AnalyticsFilters, interval: Interval) {
  const params = { ...filterParams(filters), interval };
  return useQuery({
    queryKey: [...analyticsKey, 'timeseries', params],
    queryFn: ({ signal }) => api<Timeseries>(analyticsUrl(TIMESERIES_PATH, params), { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** One chart's CSV in an export: a heading line, then the API's CSV for the same filters. */
export interface ExportPart {
  title: string;
  url: string;
}

async function csvText(url: string, language: string): Promise<string> {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/csv', 'Accept-Language': language } });
  if (!response.ok) throw new ApiError(response.status, 'export_failed', (await response.text().catch(() => '')) || `HTTP ${response.status}`);
  // Each part carries Excel's byte order mark; the joined file gets one at its start.
  return (await response.text()).replace(/^\uFEFF/, '').trimEnd();
}

const quoted = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * Downloads every chart of a view as one CSV file: each part's figures under a line naming it,
 * the parts apart by an empty line, the filters of the view in the first lines.
 */
export async function downloadView(fileName: string, heading: string[][], parts: ExportPart[], language: string): Promise<void> {
  const texts = await Promise.all(parts.map((part) => csvText(part.url, language)));
  const lines = [...heading.map((row) => row.map(quoted).join(',')), ''];
  for (const [i, part] of parts.entries()) lines.push(quoted(part.title), texts[i] ?? '', '');
  saveBlob(new Blob([`\uFEFF${lines.join('\r\n')}`], { type: 'text/csv;charset=utf-8' }), fileName);
}
