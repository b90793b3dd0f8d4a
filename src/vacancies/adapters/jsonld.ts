import { collectVacancies } from './collect.ts';
import { htmlOrText } from './html.ts';
import { looksLikeHtmlPage, trimBody } from './json-body.ts';
import { jsonLdScripts } from './script-blocks.ts';
import { type Adapter, InvalidFeedError } from './types.ts';
import { cleanText, externalIdOf, isRecord, joinText, languageCode } from './values.ts';

// Deep enough for ItemList → ListItem → JobPosting inside @graph; shallow enough to stop runaway data.
const MAX_DEPTH = 8;

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

function isJobPosting(node: Record<string, unknown>): boolean {
  return asArray(node['@type']).some((type) => typeof type === 'string' && /(?:^|[/:#])JobPosting$/.test(type));
}

/** Every JobPosting in a JSON-LD value: top level, in arrays, in @graph, or nested in lists. */
function findPostings(value: unknown, found: Record<string, unknown>[], depth = 0): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) findPostings(item, found, depth + 1);
  } else if (isRecord(value)) {
    if (isJobPosting(value)) found.push(value);
    else for (const child of Object.values(value)) findPostings(child, found, depth + 1);
  }
}

// identifier is Text, a number, a PropertyValue { name, value }, or a list of those.
function identifierOf(value: unknown): string | null {
  for (const item of asArray(value)) {
    const id = isRecord(item) ? externalIdOf(item.value) : externalIdOf(item);
    if (id !== null) return id;
  }
  return null;
}

function nameOf(value: unknown): unknown {
  return isRecord(value) ? value.name : value;
}

function placeText(place: unknown): string | null {
  if (!isRecord(place)) return cleanText(place);
  const address = asArray(place.address)[0];
  if (!isRecord(address)) return cleanText(address) ?? cleanText(place.name);
  return joinText([address.addressLocality, nameOf(address.addressCountry)]) ?? cleanText(place.name);
}

function locationOf(posting: Record<string, unknown>): string | null {
  const places = [...new Set(asArray(posting.jobLocation).map(placeText).filter((text) => text !== null))];
  if (places.length > 0) return places.join('; ');
  return asArray(posting.jobLocationType).includes('TELECOMMUTE') ? 'Remote' : null;
}

function absolute(raw: unknown, base: string): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return new URL(raw.trim(), base).href;
  } catch {
    return raw;
  }
}

function parseBlocks(html: string): unknown[] {
  const blocks: unknown[] = [];
  for (const script of jsonLdScripts(html)) {
    try {
      blocks.push(JSON.parse(script));
    } catch {
      // Pages carry other JSON-LD (breadcrumbs, organisation) that may be broken without
      // concerning us; a broken block with jobs in it would silently close them, so it may not.
      if (/JobPosting/.test(script)) {
        throw new InvalidFeedError('jsonld', 'a JobPosting block on the page is not valid JSON');
      }
    }
  }
  return blocks;
}

/**
 * Reads a careers page carrying schema.org JobPosting JSON-LD. A page without any JobPosting
 * is a valid, empty feed; the caller's mass-close guard protects against a wrong address.
 */
export const jsonld: Adapter = (body, source) => {
  const html = trimBody(body);
  if (html === '') throw new InvalidFeedError('jsonld', 'the response is empty');
  if (!looksLikeHtmlPage(html) && !/<script\b/i.test(html)) {
    throw new InvalidFeedError('jsonld', 'the address did not return a web page');
  }
  const postings: Record<string, unknown>[] = [];
  for (const block of parseBlocks(html)) findPostings(block, postings);
  return collectVacancies(postings, (i) => `JobPosting ${i + 1}`, (posting, reader) => {
    const url = absolute(posting.url, source.url);
    // Pages often give no identifier; the posting's own URL is the next most stable key.
    const identity = reader.identify(identifierOf(posting.identifier) ?? url, posting.title ?? posting.name);
    if (identity === null) return null;
    const directApply = typeof posting.directApply === 'string' ? absolute(posting.directApply, source.url) : null;
    const hiringOrganization = asArray(posting.hiringOrganization).find(isRecord);
    return {
      ...identity,
      department: cleanText(nameOf(hiringOrganization?.department)),
      location: locationOf(posting),
      employmentType: joinText(asArray(posting.employmentType)),
      descriptionHtml: htmlOrText(posting.description),
      applyUrl: reader.url(directApply, 'Apply URL') ?? reader.url(url, 'Job URL'),
      openings: reader.openings(posting.totalJobOpenings),
      openedAt: reader.date(posting.datePosted, 'Date posted'),
      language: languageCode(isRecord(posting.inLanguage) ? posting.inLanguage.alternateName : posting.inLanguage),
    };
  });
};
