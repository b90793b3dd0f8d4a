import { AppError } from '../http/errors.ts';
import type { RangeQuery } from './schema.ts';

const DAY_MS = 86_400_000;

/** A report's period: UTC days, both included, either end open. */
export interface DayRange {
  from: string | null;
  to: string | null;
  /** The instants the days cover: from's midnight, up to (not including) the midnight after `to`. */
  start: Date | null;
  end: Date | null;
}

/** Checks `?from=&to=` and answers the range; `to` before `from` is a 400 a person can act on. */
export function dayRange(query: RangeQuery): DayRange {
  const from = query.from ?? null;
  const to = query.to ?? null;
  if (from && to && to < from) throw new AppError(400, 'period_invalid', 'error.period_invalid', { start: from, end: to });
  return {
    from,
    to,
    start: from ? new Date(`${from}T00:00:00Z`) : null,
    end: to ? new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS) : null,
  };
}
