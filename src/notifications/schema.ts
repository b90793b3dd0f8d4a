import { z } from 'zod';

export const notificationSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  /** A path inside Podium, or null. */
  url: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type NotificationView = z.infer<typeof notificationSchema>;

export const notificationListSchema = z.object({ items: z.array(notificationSchema), unreadCount: z.number().int() });

export const notificationsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) });

export const readAllSchema = z.object({ marked: z.number().int(), unreadCount: z.number().int() });

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24-hour clock)');

/**
 * Quiet hours in the person's own time zone (people.preferences.quietHours): no nudge is sent
 * between start and end; an end before the start runs past midnight ("21:00"–"08:00").
 */
export const quietHoursSchema = z
  .object({ start: clock, end: clock })
  .refine((value) => value.start !== value.end, { message: 'start and end must differ' })
  .describe('Quiet hours in your own time zone, e.g. {"start":"21:00","end":"08:00"}');
export type QuietHours = z.infer<typeof quietHoursSchema>;

/** Quiet hours as stored in people.preferences, or null when none (or not valid any more). */
export function quietHoursOf(preferences: Record<string, unknown>): QuietHours | null {
  const parsed = quietHoursSchema.safeParse(preferences.quietHours);
  return parsed.success ? parsed.data : null;
}

/** A path inside Podium: one leading slash, no scheme, no host, no backslash. */
export function isInternalPath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') && value.length <= 2000;
}
