import type { ReportFrequency } from '../db/schema/index.ts';
import { addDays, mondayOf, utcDay } from '../impact/weeks.ts';

/** A report's period: UTC days from…to (both included) and its label, e.g. 2026-W47 or 2026-10. */
export interface ReportPeriod {
  key: string;
  from: string;
  to: string;
}

/** The ISO 8601 week label of the week a Monday starts (the week belongs to the year of its Thursday). */
export function isoWeekLabel(monday: string): string {
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(mondayOf(`${year}-01-04`), 3);
  const week = Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function weekStarting(monday: string): ReportPeriod {
  return { key: isoWeekLabel(monday), from: monday, to: addDays(monday, 6) };
}

function monthStarting(first: string): ReportPeriod {
  const [y = 0, m = 1] = first.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { key: first.slice(0, 7), from: first, to: addDays(next, -1) };
}

/**
 * The last complete period before `now`: for a weekly report the ISO week before this one, for a
 * monthly report last calendar month (UTC). A run on any day of this week (month) sends that one.
 */
export function completedPeriod(frequency: ReportFrequency, now: Date): ReportPeriod {
  const today = utcDay(now);
  if (frequency === 'weekly') return weekStarting(addDays(mondayOf(today), -7));
  const firstOfThisMonth = `${today.slice(0, 7)}-01`;
  return monthStarting(`${addDays(firstOfThisMonth, -1).slice(0, 7)}-01`);
}

/** The period a report sends next: the completed one if not yet sent, else the one in progress. */
export function nextPeriod(frequency: ReportFrequency, now: Date, lastPeriod: string | null): ReportPeriod {
  const done = completedPeriod(frequency, now);
  if (lastPeriod !== done.key) return done;
  const today = utcDay(now);
  return frequency === 'weekly' ? weekStarting(mondayOf(today)) : monthStarting(`${today.slice(0, 7)}-01`);
}
