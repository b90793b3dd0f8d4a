import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** GET /api/v1/me/linkedin. */
export interface LinkedinConnection {
  configured: boolean;
  status: 'connected' | 'expired' | 'not_connected';
  name: string | null;
  expiresAt: string | null;
  connectedAt: string | null;
  expiresInDays: number | null;
}

export type LinkedinPostStatus = 'scheduled' | 'posting' | 'posted' | 'failed' | 'cancelled';

/** One of my posts to LinkedIn (GET /api/v1/linkedin/posts). */
export interface LinkedinPost {
  id: string;
  itemType: 'story' | 'vacancy';
  storyId: string | null;
  vacancyId: string | null;
  itemTitle: string;
  text: string;
  requestedFor: string | null;
  scheduledFor: string;
  status: LinkedinPostStatus;
  attempts: number;
  lastError: string | null;
  shortUrl: string | null;
  postUrn: string | null;
  postUrl: string | null;
  postedAt: string | null;
  createdAt: string;
}

export interface LinkedinPostDraft {
  itemType: 'story' | 'vacancy';
  storyId?: string;
  vacancyId?: string;
  text: string;
  audience?: string;
  at?: string;
}

export const connectionKey = ['linkedin-connection'] as const;
export const postsKey = ['linkedin-posts'] as const;

/** Where the browser goes to connect (a full navigation: LinkedIn's consent page, then back to /profile). */
export const CONNECT_URL = '/api/v1/me/linkedin/connect';

export function useLinkedinConnection(enabled = true) {
  return useQuery({ queryKey: connectionKey, queryFn: () => api<LinkedinConnection>('/api/v1/me/linkedin'), enabled, staleTime: 60_000 });
}

export function useDisconnectLinkedin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<null>('/api/v1/me/linkedin', { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: connectionKey }),
    meta: { inlineError: true },
  });
}

/** My posts; refreshed every few seconds while one is waiting to be sent or being sent. */
export function useLinkedinPosts(enabled = true) {
  return useQuery({
    queryKey: postsKey,
    queryFn: () => api<{ items: LinkedinPost[] }>('/api/v1/linkedin/posts'),
    enabled,
    refetchInterval: (query) => (query.state.data?.items.some((p) => p.status === 'posting' || (p.status === 'scheduled' && p.requestedFor === null)) ? 3000 : false),
  });
}

export function usePlanLinkedinPost() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: LinkedinPostDraft) => api<LinkedinPost>('/api/v1/linkedin/posts', { method: 'POST', json: draft }),
    onSuccess: () => client.invalidateQueries({ queryKey: postsKey }),
    meta: { inlineError: true },
  });
}

export function useUpdateLinkedinPost() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; text?: string; at?: string }) => api<LinkedinPost>(`/api/v1/linkedin/posts/${encodeURIComponent(id)}`, { method: 'PATCH', json: patch }),
    onSuccess: () => client.invalidateQueries({ queryKey: postsKey }),
    meta: { inlineError: true },
  });
}

export function useCancelLinkedinPost() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<null>(`/api/v1/linkedin/posts/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: postsKey }),
    meta: { inlineError: true },
  });
}

/** A `datetime-local` value (local time, minutes) for a moment. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value as an ISO moment (read in the browser's time zone), or null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
