import type { IncomingHttpHeaders } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress, OutboundError } from '../http/outbound.ts';

/**
 * POSTing to an address someone else chose: a browser's push service endpoint, a Slack or Teams
 * incoming webhook an admin pasted. The same rules as fetchOutbound (src/http/outbound.ts): https
 * only, no credentials in the URL, a deadline, a bounded answer, and never a private, loopback or
 * link-local address (checked in the connection's own DNS lookup) — unless the host is allowed
 * (webhooks: PODIUM_FETCH_ALLOW_HOSTS or the admin's `fetch.allowHosts`; push endpoints, which any
 * person chooses: PODIUM_FETCH_ALLOW_HOSTS only), where plain http is accepted too (an on-premises
 * relay, or a test's stand-in on 127.0.0.1). Redirects are not followed.
 */
export interface PostOptions {
  /** Host names (or IP literals) that may be private, lower-case. */
  allowHosts: readonly string[];
  headers: Record<string, string | number>;
  body: Buffer | string;
  timeoutMs: number;
  /** At most this much of the answer is read (the rest is dropped); default 64 KB. */
  maxResponseBytes?: number;
}

export interface PostResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Checks that an address may be posted to under the rules above; answers it parsed, or throws OutboundError. */
export function checkPostUrl(value: string, allowHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OutboundError(`${value} is not a web address`);
  }
  if (url.username || url.password) throw new OutboundError('addresses with a user name or password in them are not accepted');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const allowed = allowHosts.includes(host);
  if (url.protocol !== 'https:' && !(allowed && url.protocol === 'http:')) throw new OutboundError(`only https addresses are accepted, not ${url.protocol}`);
  if (!allowed && isIP(host) && isPrivateAddress(host)) {
    throw new OutboundError(`${host} is a private address; an admin can allow it in settings or with PODIUM_FETCH_ALLOW_HOSTS`);
  }
  return url;
}

/** POSTs a body under the rules above and answers the status, headers and (bounded) body; any status is answered. */
export async function postOutbound(value: string, options: PostOptions): Promise<PostResponse> {
  const url = checkPostUrl(value, options.allowHosts);
  const allowed = options.allowHosts.includes(url.hostname.replace(/^\[|\]$/g, '').toLowerCase());
  const limit = options.maxResponseBytes ?? 64 * 1024;
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: 'POST',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: { 'user-agent': 'Podium', ...options.headers, 'content-length': body.byteLength },
      ...(allowed ? {} : { lookup: guardedLookup }),
    });
    outgoing.once('response', (response) => {
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        if (received < limit) chunks.push(chunk.subarray(0, limit - received));
        received += chunk.byteLength;
      });
      response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.once('error', reject);
    });
    outgoing.once('error', (error) => reject(error.name === 'AbortError' ? new OutboundError(`${url.origin} did not answer within ${options.timeoutMs / 1000} s`) : error));
    outgoing.end(body);
  });
}
