import { addDays, mondayOf, utcDay } from '../impact/weeks.ts';

/** The digest is sent from this local hour on a weekday: the start of a working day, after any quiet night. */
export const SEND_FROM_HOUR = 8;
/** …and until this local hour; a person whose working day is over gets it at 08:00 on the next weekday. */
export const SEND_UNTIL_HOUR = 17;

/** The week a digest belongs to: the Monday (UTC) of the week it is prepared in. */
export const digestWeekOf = (now: Date): string => mondayOf(utcDay(now));

/** The days whose impact a digest reports: the seven days before its week (the week just ended). */
export const impactDaysOf = (week: string): { from: string; to: string } => ({ from: addDays(week, -7), to: addDays(week, -1) });

interface LocalTime {
  date: string;
  hour: number;
  minute: number;
  /** 0 Sunday … 6 Saturday. */
  weekday: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' });
    formats.set(timeZone, format);
  }
  return format;
}

/** Wall-clock time in a time zone (an unknown zone is read as UTC). */
export function localTime(timeZone: string, at: Date): LocalTime {
  let format: Intl.DateTimeFormat;
  try {
    format = formatOf(timeZone);
  } catch {
    format = formatOf('UTC');
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute), weekday: weekdays.indexOf(parts.weekday ?? 'Sun') };
}

/** The instant a local wall-clock time (date, hour) happens in a time zone (DST gaps resolve forward). */
export function instantOf(timeZone: string, date: string, hour: number): Date {
  const wanted = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  let guess = wanted;
  // Two rounds settle the zone's offset, also across a DST change.
  for (let i = 0; i < 2; i++) {
    const local = localTime(timeZone, new Date(guess));
    const seen = Date.parse(`${local.date}T${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}:00Z`);
    guess += wanted - seen;
  }
  return new Date(guess);
}

/**
 * When a person's digest goes out: now, when it is a weekday between 08:00 and 17:00 where they
 * are; otherwise 08:00 local time on the next weekday.
 * @example sendTimeFor('Europe/Amsterdam', new Date('2026-11-30T03:00:00Z')) // 2026-11-30T07:00:00Z
 */
export function sendTimeFor(timeZone: string, now: Date): Date {
  const local = localTime(timeZone, now);
  const weekday = local.weekday >= 1 && local.weekday <= 5;
  if (weekday && local.hour >= SEND_FROM_HOUR && local.hour < SEND_UNTIL_HOUR) return now;
  let date = local.date;
  let day = local.weekday;
  // Before 08:00 on a weekday: today at 08:00. Else the next weekday.
  if (!(weekday && local.hour < SEND_FROM_HOUR)) {
    do {
      date = addDays(date, 1);
      day = (day + 1) % 7;
    } while (day === 0 || day === 6);
  }
  return instantOf(timeZone, date, SEND_FROM_HOUR);
}
