import { createHmac } from 'node:crypto';
import { z } from 'zod';

/**
 * The guardrails every nudge passes: a frequency cap, quiet hours and weekends in the person's own
 * time zone, and the holdout draw. Pure functions; the planner and the delivery job call them.
 */

export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, e.g. 21:00');

/** The organisation's guardrails (setting `nudges.guardrails`). */
export const guardrailsSchema = z.object({
  /** At most this many nudges per person in any 7 days (holdouts count too, so both groups are treated alike). */
  perWeek: z.number().int().min(0).max(14),
  quietStart: clockTime,
  quietEnd: clockTime,
  /** false: nothing on Saturday and Sunday (in the person's time zone). */
  weekends: z.boolean(),
  /** The holdout share new templates start with (each template keeps its own). */
  holdoutPercent: z.number().int().min(0).max(50),
});
export type Guardrails = z.infer<typeof guardrailsSchema>;
export const defaultGuardrails: Guardrails = { perWeek: 1, quietStart: '21:00', quietEnd: '08:00', weekends: false, holdoutPercent: 10 };

export interface QuietHours {
  start: string;
  end: string;
}

/** A person's own quiet hours (`people.preferences.quietHours`, set in their profile) win over the organisation's. */
export function quietHoursOf(guardrails: Guardrails, preferences: Record<string, unknown> | null | undefined): QuietHours {
  const own = z.object({ start: clockTime, end: clockTime }).safeParse(preferences?.quietHours);
  return own.success ? own.data : { start: guardrails.quietStart, end: guardrails.quietEnd };
}

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

interface LocalTime {
  year: number;
  month: number;
  day: number;
  minutes: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const weekdays: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** A time zone that Intl knows, or UTC (a mistyped zone must not stop nudges). */
export function validTimeZone(timeZone: string): string {
  if (formats.has(timeZone)) return timeZone;
  try {
    formats.set(
      timeZone,
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' }),
    );
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function localTime(instant: Date, timeZone: string): LocalTime {
  const zone = validTimeZone(timeZone);
  const format = formats.get(zone) ?? formats.get(validTimeZone('UTC'));
  const parts = Object.fromEntries((format as Intl.DateTimeFormat).formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: weekdays[parts.weekday ?? 'Mon'] ?? 1,
  };
}

/** The instant at a wall-clock time in a time zone (the later one when DST makes it ambiguous, skipped times move forward). */
export function zonedInstant(year: number, month: number, day: number, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const local = localTime(new Date(guess), timeZone);
    const seen = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes);
    const diff = wall - seen;
    if (diff === 0) break;
    guess += diff;
  }
  return new Date(guess);
}

function isQuiet(minutes: number, quiet: QuietHours): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/**
 * The first moment at or after `now` that is neither in the person's quiet hours nor (unless
 * weekends are allowed) on a Saturday or Sunday where the person is.
 * @example nextAllowedMoment(new Date('2026-11-27T21:30:00Z'), 'Europe/Amsterdam', { start: '21:00', end: '08:00' }, false) // Monday 08:00 local
 */
export function nextAllowedMoment(now: Date, timeZone: string, quiet: QuietHours, weekends: boolean): Date {
  let candidate = now;
  for (let step = 0; step < 10; step++) {
    const local = localTime(candidate, timeZone);
    const weekend = local.weekday === 0 || local.weekday === 6;
    if (!weekends && weekend) {
      // The next local day starts at its end of quiet hours (or midnight when there are none).
      const next = new Date(Date.UTC(local.year, local.month - 1, local.day + 1));
      const startMinutes = isQuiet(0, quiet) ? minutesOf(quiet.end) : 0;
      candidate = zonedInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), startMinutes, timeZone);
      continue;
    }
    if (isQuiet(local.minutes, quiet)) {
      const end = minutesOf(quiet.end);
      // Past midnight already (before the end) → today's end; still in the evening → tomorrow's end.
      const dayOffset = local.minutes < end ? 0 : 1;
      const target = new Date(Date.UTC(local.year, local.month - 1, local.day + dayOffset));
      candidate = zonedInstant(target.getUTCFullYear(), target.getUTCMonth() + 1, target.getUTCDate(), end, timeZone);
      continue;
    }
    return candidate;
  }
  return candidate;
}

/** True when `now` itself is an allowed moment. */
export function isAllowedMoment(now: Date, timeZone: string, quiet: QuietHours, weekends: boolean): boolean {
  return nextAllowedMoment(now, timeZone, quiet, weekends).getTime() === now.getTime();
}

/**
 * The holdout draw: deterministic per (template, person) under the secret key, so a person stays
 * in or out of a template's control group across runs, and nobody can predict or steer it.
 */
export function holdoutDraw(secretKey: string, templateId: string, personId: string): number {
  const digest = createHmac('sha256', secretKey).update(`nudge-holdout\0${templateId}\0${personId}`).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000;
}

export function isHeldOut(secretKey: string, templateId: string, personId: string, holdoutPercent: number): boolean {
  return holdoutDraw(secretKey, templateId, personId) * 100 < holdoutPercent;
}

/** How many more nudges fit in a person's week under the cap. */
export function roomUnderCap(perWeek: number, decidedInLastWeek: number): number {
  return Math.max(0, perWeek - decidedInLastWeek);
}
