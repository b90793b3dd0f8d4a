import { collectVacancies } from './collect.ts';
import { escapeHtml, htmlOrText, joinHtml, textToHtml } from './html.ts';
import { parseJsonBody } from './json-body.ts';
import { type Adapter, InvalidFeedError } from './types.ts';
import { cleanText, isRecord, parseEpochMillis } from './values.ts';

// Lever's lists are `{ text: heading, content: "<li>…</li>…" }`: list items without the <ul>.
function listsHtml(lists: unknown): string[] {
  if (!Array.isArray(lists)) return [];
  return lists.filter(isRecord).map((list) => {
    const heading = cleanText(list.text);
    const items = typeof list.content === 'string' ? list.content.trim() : '';
    return joinHtml([heading === null ? '' : `<h3>${escapeHtml(heading)}</h3>`, items && `<ul>${items}</ul>`]);
  });
}

function descriptionHtml(posting: Record<string, unknown>): string {
  const opening =
    typeof posting.description === 'string' && posting.description.trim() !== ''
      ? htmlOrText(posting.description)
      : typeof posting.descriptionPlain === 'string'
        ? textToHtml(posting.descriptionPlain)
        : '';
  return joinHtml([opening, ...listsHtml(posting.lists), htmlOrText(posting.additional)]);
}

/** Reads Lever's Postings API (`/v0/postings/{site}?mode=json`, global or EU host): an array of postings. */
export const lever: Adapter = (body) => {
  const feed = parseJsonBody(body, 'lever');
  if (!Array.isArray(feed)) {
    const error = isRecord(feed) && typeof feed.error === 'string' ? ` (Lever says: ${feed.error})` : '';
    throw new InvalidFeedError('lever', `the response is not a list of postings${error}`);
  }
  return collectVacancies(feed, (i) => `Posting ${i + 1}`, (posting, reader) => {
    const identity = reader.identify(posting.id, posting.text);
    if (identity === null) return null;
    const categories = isRecord(posting.categories) ? posting.categories : {};
    return {
      ...identity,
      // Lever's department groups teams; Podium matches departments, so the team is the fallback.
      department: cleanText(categories.department) ?? cleanText(categories.team),
      location: cleanText(categories.location),
      employmentType: cleanText(categories.commitment),
      descriptionHtml: descriptionHtml(posting),
      applyUrl: reader.url(posting.applyUrl, 'Apply URL') ?? reader.url(posting.hostedUrl, 'Posting URL'),
      openings: null,
      openedAt: reader.date(posting.createdAt, 'Created date', parseEpochMillis),
      language: null,
    };
  });
};
