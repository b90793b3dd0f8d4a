import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { collectVacancies } from './collect.ts';
import { escapeHtml, htmlOrText, joinHtml } from './html.ts';
import { looksLikeHtmlPage, trimBody } from './json-body.ts';
import { type Adapter, InvalidFeedError } from './types.ts';
import { cleanText, httpUrl, isRecord, joinText, languageCode } from './values.ts';

const ROOT = 'workzag-jobs';

// Repeated elements are always arrays, so one position reads like many; values stay strings
// so that ids such as "0042" keep their zeros.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (_name, jPath) =>
    jPath === `${ROOT}.position` || jPath === `${ROOT}.position.jobDescriptions.jobDescription`,
});

function invalid(reason: string): InvalidFeedError {
  return new InvalidFeedError('personio', reason);
}

function readDocument(body: string): Record<string, unknown> {
  const text = trimBody(body);
  if (text === '') throw invalid('the response is empty');
  if (looksLikeHtmlPage(text)) throw invalid('the address returned a web page instead of the XML feed');
  if (!text.startsWith('<')) throw invalid('the response is not XML');
  // The feed never declares entities; refusing them rules out entity-expansion bombs.
  if (/<!ENTITY/i.test(text)) throw invalid('the XML declares entities, which the Personio feed never does');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw invalid(`the XML is broken near line ${valid.err.line} (${valid.err.msg})`);
  const document: unknown = parser.parse(text);
  if (!isRecord(document)) throw invalid('the XML has no content');
  const root = Object.keys(document).find((key) => !key.startsWith('?'));
  if (root === 'rss' || root === 'feed' || root === 'rdf:RDF') {
    throw invalid('this is a news (RSS/Atom) feed, not the Personio job feed');
  }
  if (root !== ROOT) throw invalid(`the XML starts with <${root ?? '?'}> instead of <${ROOT}>`);
  return document;
}

function descriptionHtml(position: Record<string, unknown>): string {
  const blocks = isRecord(position.jobDescriptions) ? position.jobDescriptions.jobDescription : undefined;
  if (!Array.isArray(blocks)) return '';
  return joinHtml(
    blocks.filter(isRecord).map((block) => {
      const heading = cleanText(block.name);
      return joinHtml([heading === null ? '' : `<h3>${escapeHtml(heading)}</h3>`, htmlOrText(block.value)]);
    }),
  );
}

// The feed has no links: a position's page is /job/{id} on the same careers site, in the
// language the feed was asked for.
function jobUrl(sourceUrl: string, id: string): string | null {
  const feedUrl = httpUrl(sourceUrl);
  if (feedUrl === null) return null;
  const { origin, searchParams } = new URL(feedUrl);
  const url = new URL(`/job/${encodeURIComponent(id)}`, origin);
  const language = searchParams.get('language');
  if (language !== null) url.searchParams.set('language', language);
  return url.href;
}

// The feed is in the language asked for with ?language=, and says so nowhere else.
function feedLanguage(sourceUrl: string): string | null {
  const url = httpUrl(sourceUrl);
  return url === null ? null : languageCode(new URL(url).searchParams.get('language'));
}

/**
 * Reads Personio's XML feed (`/xml`, optionally `?language=`): `<workzag-jobs><position>…`.
 * `<workzag-jobs/>` is a valid feed with no vacancies.
 */
export const personio: Adapter = (body, source) => {
  const root = readDocument(body)[ROOT];
  const positions = isRecord(root) && Array.isArray(root.position) ? root.position : [];
  const language = feedLanguage(source.url);
  return collectVacancies(positions, (i) => `Position ${i + 1}`, (position, reader) => {
    const identity = reader.identify(position.id, position.name);
    if (identity === null) return null;
    return {
      ...identity,
      department: cleanText(position.department),
      location: cleanText(position.office),
      employmentType: joinText([position.employmentType, position.schedule]),
      descriptionHtml: descriptionHtml(position),
      applyUrl: jobUrl(source.url, identity.externalId),
      openings: null,
      openedAt: reader.date(position.createdAt, 'Created date'),
      language,
    };
  });
};
