/**
 * Merges tracking parameters into a destination URL without clobbering it: the URL's own query
 * parameters keep their order and their exact encoding, the fragment stays last, and a parameter
 * that is also given here (utm_source, utm_medium, utm_campaign, utm_content, pcid) is replaced by
 * Podium's value — the link knows the network, campaign and share, so its values are the true ones.
 * Keys are compared after percent-decoding. The result is ASCII (unicode is percent-encoded by the
 * WHATWG URL parser), as a Location header must be.
 * @example mergeUtm('https://example.com/a?x=1#top', { utm_source: 'linkedin' }) // https://example.com/a?x=1&utm_source=linkedin#top
 */
export function mergeUtm(url: string, params: Readonly<Record<string, string>>): string {
  const href = new URL(url).href;
  const hashAt = href.indexOf('#');
  const fragment = hashAt === -1 ? '' : href.slice(hashAt);
  const beforeFragment = hashAt === -1 ? href : href.slice(0, hashAt);
  const queryAt = beforeFragment.indexOf('?');
  const base = queryAt === -1 ? beforeFragment : beforeFragment.slice(0, queryAt);
  const query = queryAt === -1 ? '' : beforeFragment.slice(queryAt + 1);
  const ours = new Set(Object.keys(params));
  const kept = query.split('&').filter((part) => part !== '' && !ours.has(decodeKey(part.split('=')[0] ?? '')));
  const added = Object.entries(params).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  return `${base}?${[...kept, ...added].join('&')}${fragment}`;
}

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}
