import { collectVacancies } from './collect.ts';
import { htmlOrText, joinHtml } from './html.ts';
import { parseJsonBody } from './json-body.ts';
import { type Adapter, InvalidFeedError } from './types.ts';
import { cleanText, isRecord, joinText, languageCode } from './values.ts';

function locationOf(job: Record<string, unknown>): string | null {
  const own = joinText([job.city, job.state, job.country]);
  if (own !== null) return own;
  const first = Array.isArray(job.locations) ? job.locations.find(isRecord) : undefined;
  const listed = first === undefined ? null : joinText([first.city, first.region, first.country]);
  return listed ?? (job.telecommuting === true ? 'Remote' : null);
}

/** Reads Workable's public jobs API (widget `accounts/{account}?details=true`): `{ jobs: [...] }`. */
export const workable: Adapter = (body) => {
  const feed = parseJsonBody(body, 'workable');
  if (!isRecord(feed) || !Array.isArray(feed.jobs)) {
    throw new InvalidFeedError('workable', 'the response has no list of "jobs"');
  }
  return collectVacancies(feed.jobs, (i) => `Job ${i + 1}`, (job, reader) => {
    const identity = reader.identify(job.shortcode, job.title);
    if (identity === null) return null;
    return {
      ...identity,
      department: cleanText(job.department),
      location: locationOf(job),
      employmentType: cleanText(job.employment_type),
      descriptionHtml: joinHtml([
        htmlOrText(job.description),
        htmlOrText(job.requirements),
        htmlOrText(job.benefits),
      ]),
      applyUrl:
        reader.url(job.application_url, 'Application URL') ??
        reader.url(job.url, 'Job URL') ??
        reader.url(job.shortlink, 'Short link'),
      openings: null,
      openedAt: reader.date(job.published_on ?? job.created_at, 'Published date'),
      language: languageCode(job.language),
    };
  });
};
