import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface NotificationItem {
  id: string;
  title: string;
  body: string;
  /** A path inside Podium, or null. */
  url: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: NotificationItem[];
  unreadCount: number;
}

export const notificationsKey = ['notifications'] as const;

/** My latest notifications; refreshed every minute and when the window regains focus. */
export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: () => api<NotificationList>('/api/v1/me/notifications?limit=50'),
    enabled,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

/** Marks one notification read. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<NotificationItem>(`/api/v1/me/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

/** Marks every notification read. */
export function useMarkAllRead(onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ marked: number; unreadCount: number }>('/api/v1/me/notifications/read-all', { method: 'POST' }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: notificationsKey });
      onDone?.();
    },
  });
}
