import { collectVacancies } from './collect.ts';
import { decodeEntities } from './html.ts';
import { parseJsonBody } from './json-body.ts';
import { type Adapter, InvalidFeedError } from './types.ts';
import { cleanText, isRecord, joinText, languageCode } from './values.ts';

function names(list: unknown): unknown[] {
  return Array.isArray(list) ? list.map((item) => (isRecord(item) ? item.name : null)) : [];
}

/**
 * Reads Greenhouse's Job Board API (`/v1/boards/{token}/jobs?content=true`): `{ jobs: [...] }`.
 * Greenhouse sends `content` as HTML-escaped HTML, so it is decoded exactly once.
 */
export const greenhouse: Adapter = (body) => {
  const feed = parseJsonBody(body, 'greenhouse');
  if (!isRecord(feed) || !Array.isArray(feed.jobs)) {
    throw new InvalidFeedError('greenhouse', 'the response has no list of "jobs"');
  }
  return collectVacancies(feed.jobs, (i) => `Job ${i + 1}`, (job, reader) => {
    const identity = reader.identify(job.id, job.title);
    if (identity === null) return null;
    const location = isRecord(job.location) ? job.location.name : null;
    return {
      ...identity,
      department: joinText(names(job.departments)),
      location: cleanText(location) ?? joinText(names(job.offices)),
      employmentType: null,
      descriptionHtml: typeof job.content === 'string' ? decodeEntities(job.content).trim() : '',
      applyUrl: reader.url(job.absolute_url, 'Job URL'),
      openings: null,
      // first_published is when the job went live; older boards only have updated_at.
      openedAt: reader.date(job.first_published ?? job.updated_at, 'Published date'),
      language: languageCode(job.language),
    };
  });
};
