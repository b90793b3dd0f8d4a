import Parser from 'rss-parser';
import { fetchOutbound } from '../http/outbound.ts';

/** Longest a feed may take to answer, and the most it may send. */
export const FEED_TIMEOUT_MS = 10_000;
export const FEED_MAX_BYTES = 5 * 1024 * 1024;

/** One newsroom item as Podium imports it. */
export interface FeedItem {
  key: string;
  title: string;
  summary: string;
  link: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Plain text from a feed's HTML summary: no tags, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?(p|div|br|li|h[1-6])\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return safeCodePoint(Number.parseInt(name.slice(2), 16)) ?? whole;
      if (name.startsWith('#')) return safeCodePoint(Number.parseInt(name.slice(1), 10)) ?? whole;
      return entities[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

function safeCodePoint(code: number): string | null {
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
  return String.fromCodePoint(code);
}

const isWebUrl = (value: string | undefined): value is string => {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

/**
 * Fetches and parses an RSS 2.0 or Atom feed over http(s), with a timeout and a size limit.
 * Items without a usable link or title are left out; each item's key is its guid (or id), else its link.
 */
export async function fetchFeed(url: string, options: { allowHosts: readonly string[]; timeoutMs?: number; maxBytes?: number }): Promise<FeedItem[]> {
  const response = await fetchOutbound(url, {
    allowHosts: options.allowHosts,
    timeoutMs: options.timeoutMs ?? FEED_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? FEED_MAX_BYTES,
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
    userAgent: 'Podium newsroom import',
  });
  const xml = response.body.toString('utf8');
  let feed: Awaited<ReturnType<Parser['parseString']>>;
  try {
    feed = await new Parser().parseString(xml);
  } catch (error) {
    throw new Error(`the feed is not valid RSS or Atom: ${(error as Error).message.split('\n')[0]}`);
  }
  const items: FeedItem[] = [];
  for (const item of feed.items ?? []) {
    const link = item.link?.trim();
    const title = htmlToText(item.title ?? '');
    if (!isWebUrl(link) || !title) continue;
    const id = (item as { id?: unknown }).id;
    const key = (typeof item.guid === 'string' && item.guid.trim()) || (typeof id === 'string' && id.trim()) || link;
    const summary = htmlToText(item.summary ?? item.content ?? item.contentSnippet ?? '');
    items.push({ key: key.slice(0, 1000), title: title.slice(0, 200), summary: summary.length > 1000 ? `${summary.slice(0, 997)}…` : summary, link });
  }
  return items;
}
