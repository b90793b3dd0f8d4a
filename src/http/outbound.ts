import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { AppContext } from '../context.ts';
import { getSetting } from '../settings/service.ts';

/**
 * Fetching what an admin or editor pointed Podium at (a newsroom feed, an applicant tracking
 * system): only http(s), a deadline, a size limit, few redirects, the expected content types,
 * and never a private, loopback or link-local address — unless that host is allowed (a
 * self-hosted system on the intranet) in settings or with PODIUM_FETCH_ALLOW_HOSTS. The address
 * is checked where the connection is made, so a name cannot resolve to a public address when
 * checked and a private one when used.
 */
export interface OutboundOptions {
  /** Host names (or IP literals) that may be private, lower-case. */
  allowHosts: readonly string[];
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  /** The Accept header. */
  accept: string;
  /** Content types (media type only) the answer may have; anything else is refused. */
  contentTypes?: readonly string[];
  userAgent?: string;
}

export interface OutboundResponse {
  /** Where the answer came from, after redirects. */
  url: string;
  contentType: string;
  body: Buffer;
}

/** Why a fetch was refused or failed, in words an admin can act on. */
export class OutboundError extends Error {
  override name = 'OutboundError';
}

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  // ::/96 holds ::, ::1 and the IPv4-compatible forms (::127.0.0.1); fec0::/10 is the old site-local range.
  ['::', 96],
  ['::1', 128],
  ['fec0::', 10],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** True for addresses that are not on the public internet (IPv4-mapped IPv6 is judged by its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family === 6) return blocked.check(bare, 'ipv6');
  return true;
}

/** Resolves a name and refuses it when any of its addresses is private (also used for outbound POSTs: push, webhooks). */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((entry) => isPrivateAddress(entry.address));
    if (refused || addresses.length === 0) {
      return callback(new OutboundError(`${hostname} resolves to a private address (${refused?.address ?? 'none'}); an admin can allow this host in settings or with PODIUM_FETCH_ALLOW_HOSTS`), '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
};

/** Fetches a URL under the rules above and answers its body. */
export async function fetchOutbound(url: string, options: OutboundOptions): Promise<OutboundResponse> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  let current = parseWebUrl(url);
  for (let hop = 0; ; hop++) {
    const response = await open(current, options, deadline);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.resume();
      if (hop >= (options.maxRedirects ?? 3)) throw new OutboundError(`${url} redirects more than ${options.maxRedirects ?? 3} times`);
      current = parseWebUrl(new URL(location, current).toString());
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new OutboundError(`${current.toString()} answered HTTP ${status}`);
    }
    const contentType = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (options.contentTypes && !options.contentTypes.includes(contentType)) {
      response.resume();
      throw new OutboundError(`${current.toString()} answered ${contentType || 'no content type'}, not ${options.contentTypes.join(' or ')}`);
    }
    return { url: current.toString(), contentType, body: await readLimited(response, options.maxBytes, current) };
  }
}

function parseWebUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OutboundError(`${value} is not a web address`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundError(`only http and https addresses can be read, not ${url.protocol}`);
  if (url.username || url.password) throw new OutboundError('addresses with a user name or password in them are not accepted');
  return url;
}

function open(url: URL, options: OutboundOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const allowed = options.allowHosts.includes(host);
  if (!allowed && isIP(host) && isPrivateAddress(host)) {
    return Promise.reject(new OutboundError(`${host} is a private address; an admin can allow it in settings or with PODIUM_FETCH_ALLOW_HOSTS`));
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: 'GET',
      signal,
      headers: { accept: options.accept, 'user-agent': options.userAgent ?? 'Podium', 'accept-encoding': 'identity' },
      ...(allowed ? {} : { lookup: guardedLookup }),
    });
    outgoing.once('response', resolve);
    outgoing.once('error', (error) => reject(error.name === 'AbortError' ? new OutboundError(`${url.toString()} did not answer within ${options.timeoutMs / 1000} s`) : error));
    outgoing.end();
  });
}

async function readLimited(response: IncomingMessage, limit: number, url: URL): Promise<Buffer> {
  const size = limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} KB`;
  const tooLarge = () => new OutboundError(`${url.toString()} sent more than ${size}`);
  if (Number(response.headers['content-length'] ?? 0) > limit) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of response) {
      received += (chunk as Buffer).byteLength;
      if (received > limit) {
        response.destroy();
        throw tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof OutboundError) throw error;
    if ((error as Error).name === 'AbortError') throw new OutboundError(`${url.toString()} did not answer within the time allowed`);
    throw error;
  }
  return Buffer.concat(chunks);
}

/** The hosts allowed to be private: PODIUM_FETCH_ALLOW_HOSTS plus the admin's setting. */
export async function allowedFetchHosts(ctx: AppContext): Promise<string[]> {
  return [...new Set([...ctx.config.fetchAllowHosts, ...(await getSetting(ctx.database.db, 'fetch.allowHosts'))])];
}
