import type { VacancySourceType } from '../../db/schema/recruitment.ts';

/** The systems a vacancy source can read from (the schema's list). */
export type { VacancySourceType };

/** One vacancy as read from a source, in the one shape every adapter produces. */
export interface ImportedVacancy {
  /** The source's own id, always as a string (numeric ids too). */
  externalId: string;
  title: string;
  department: string | null;
  location: string | null;
  employmentType: string | null;
  /** Raw HTML joined from the source's parts; the caller sanitises it. Plain text parts are escaped. */
  descriptionHtml: string;
  /** An http(s) URL, never anything else. */
  applyUrl: string | null;
  /** A positive integer, or null when the source does not say. */
  openings: number | null;
  openedAt: Date | null;
  /** Primary language subtag in lower case ("nl", "en"), when the source says. */
  language: string | null;
}

/** Something wrong with one entry of an otherwise valid feed. */
export interface AdapterProblem {
  /** The entry's id when it has one. */
  externalId: string | null;
  message: string;
}

/**
 * What an adapter read from a valid feed. An empty `vacancies` with no `problems` is a valid,
 * empty feed; entries that could not be used are skipped and named in `problems`.
 */
export interface AdapterResult {
  vacancies: ImportedVacancy[];
  problems: AdapterProblem[];
}

/** Reads one fetched document of a source. Throws InvalidFeedError when it is not such a feed at all. */
export type Adapter = (body: string, source: { url: string }) => AdapterResult;

/** How a recruiter knows each source, for messages. */
export const SOURCE_LABELS: Record<VacancySourceType, string> = {
  recruitee: 'Recruitee',
  greenhouse: 'Greenhouse',
  lever: 'Lever',
  personio: 'Personio',
  workable: 'Workable',
  jsonld: 'careers page (JobPosting)',
  csv: 'CSV',
};

// Where the right document lives, so the message says what to fix rather than only what broke.
const SOURCE_HINTS: Record<VacancySourceType, string> = {
  recruitee: 'use https://{company}.recruitee.com/api/offers/',
  greenhouse: 'use https://boards-api.greenhouse.io/v1/boards/{board token}/jobs?content=true',
  lever: 'use https://api.lever.co/v0/postings/{site}?mode=json (or api.eu.lever.co for EU accounts)',
  personio: 'use https://{company}.jobs.personio.de/xml',
  workable: 'use https://apply.workable.com/api/v1/widget/accounts/{account}?details=true',
  jsonld: 'use the address of a careers page that lists its jobs as schema.org JobPosting',
  csv: 'use the columns externalId,title,department,location,employmentType,description,applyUrl,openings,openedAt',
};

/**
 * The document as a whole is not a feed of the expected kind (an error page, cut-off JSON,
 * another kind of feed). The caller must change nothing when this is thrown.
 */
export class InvalidFeedError extends Error {
  readonly sourceType: VacancySourceType;

  constructor(sourceType: VacancySourceType, reason: string) {
    super(`Not a valid ${SOURCE_LABELS[sourceType]} feed: ${reason}; ${SOURCE_HINTS[sourceType]}.`);
    this.name = 'InvalidFeedError';
    this.sourceType = sourceType;
  }
}
