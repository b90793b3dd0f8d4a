import type { AdapterProblem, AdapterResult, ImportedVacancy } from './types.ts';
import {
  cleanText,
  externalIdOf,
  httpUrl,
  isRecord,
  parseFeedDate,
  positiveInteger,
  quoted,
} from './values.ts';

/** Reads the fields of one feed entry and remembers what was wrong with them. */
export class EntryReader {
  externalId: string | null = null;
  readonly problems: string[] = [];
  readonly #label: string;

  constructor(label: string) {
    this.#label = label;
  }

  /** Records a problem with this entry. */
  note(message: string): void {
    this.problems.push(message);
  }

  /** The id and title an entry cannot do without; null (with a problem) when either is missing. */
  identify(rawId: unknown, rawTitle: unknown): { externalId: string; title: string } | null {
    const externalId = externalIdOf(rawId);
    const title = cleanText(rawTitle);
    this.externalId = externalId;
    if (externalId === null) {
      const named = title === null ? '' : ` (${quoted(title)})`;
      this.note(`${this.#label}${named} has no id, so it cannot be kept in sync; skipped`);
      return null;
    }
    if (title === null) {
      this.note(`${this.#label} has no title; skipped`);
      return null;
    }
    return { externalId, title };
  }

  /** A date field; an unreadable one is left empty and reported. */
  date(raw: unknown, field: string, parse: (raw: unknown) => Date | null = parseFeedDate): Date | null {
    if (raw === undefined || raw === null || raw === '') return null;
    const date = parse(raw);
    if (date === null) this.note(`${field} ${quoted(raw)} is not a valid date; left empty`);
    return date;
  }

  /** A link field; anything but an absolute http(s) URL is left empty and reported. */
  url(raw: unknown, field: string): string | null {
    if (raw === undefined || raw === null || raw === '') return null;
    const url = httpUrl(raw);
    if (url === null) this.note(`${field} ${quoted(raw)} is not an http(s) address; left empty`);
    return url;
  }

  /** A number of openings; anything but a positive whole number is left empty and reported. */
  openings(raw: unknown): number | null {
    if (raw === undefined || raw === null || raw === '') return null;
    const openings = positiveInteger(raw);
    if (openings === null) this.note(`Openings ${quoted(raw)} is not a positive whole number; left empty`);
    return openings;
  }
}

/** Reads one entry into a vacancy, or returns null after noting why it cannot be used. */
export type ReadEntry = (entry: Record<string, unknown>, reader: EntryReader) => ImportedVacancy | null;

/**
 * Runs `read` over every entry of a feed: problems are collected per entry, entries that are
 * not objects are reported, and a repeated id keeps the first entry.
 * @example
 * collectVacancies(feed.jobs, (i) => `Job ${i + 1}`, (job, reader) => ...)
 */
export function collectVacancies(
  entries: readonly unknown[],
  labelOf: (index: number) => string,
  read: ReadEntry,
): AdapterResult {
  const vacancies: ImportedVacancy[] = [];
  const problems: AdapterProblem[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const label = labelOf(index);
    if (!isRecord(entry)) {
      problems.push({ externalId: null, message: `${label} is not a job entry; skipped` });
      return;
    }
    const reader = new EntryReader(label);
    const vacancy = read(entry, reader);
    for (const message of reader.problems) problems.push({ externalId: reader.externalId, message });
    if (vacancy === null) return;
    if (seen.has(vacancy.externalId)) {
      problems.push({
        externalId: vacancy.externalId,
        message: `${label} repeats id ${quoted(vacancy.externalId)}; only the first is kept`,
      });
      return;
    }
    seen.add(vacancy.externalId);
    vacancies.push(vacancy);
  });
  return { vacancies, problems };
}
