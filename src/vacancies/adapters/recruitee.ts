import { collectVacancies } from './collect.ts';
import { htmlOrText, joinHtml } from './html.ts';
import { parseJsonBody } from './json-body.ts';
import { type Adapter, InvalidFeedError } from './types.ts';
import { cleanText, isRecord, joinText } from './values.ts';

/** Reads Recruitee's careers site API (`/api/offers/`): `{ offers: [...] }`. */
export const recruitee: Adapter = (body) => {
  const feed = parseJsonBody(body, 'recruitee');
  if (!isRecord(feed) || !Array.isArray(feed.offers)) {
    throw new InvalidFeedError('recruitee', 'the response has no list of "offers"');
  }
  return collectVacancies(feed.offers, (i) => `Offer ${i + 1}`, (offer, reader) => {
    const identity = reader.identify(offer.id, offer.title);
    if (identity === null) return null;
    return {
      ...identity,
      department: cleanText(offer.department),
      location: cleanText(offer.location) ?? joinText([offer.city, offer.country]),
      employmentType: cleanText(offer.employment_type_code),
      // The careers page shows both parts, description first.
      descriptionHtml: joinHtml([htmlOrText(offer.description), htmlOrText(offer.requirements)]),
      applyUrl:
        reader.url(offer.careers_apply_url, 'Apply URL') ?? reader.url(offer.careers_url, 'Careers URL'),
      openings: null,
      openedAt: reader.date(offer.published_at ?? offer.created_at, 'Published date'),
      language: null,
    };
  });
};
