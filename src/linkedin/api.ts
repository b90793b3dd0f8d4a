import type { LinkedinConfig } from '../config.ts';

/**
 * LinkedIn's OAuth 2.0 and REST APIs, as Podium uses them: the authorization code exchange,
 * OpenID userinfo, the Images API (initializeUpload, then a PUT of the bytes) and the Posts API.
 * Base URLs come from configuration (PODIUM_LINKEDIN_AUTH_URL / _API_URL), so tests point them at
 * a local fake that follows the same contract. Every versioned REST call carries the
 * `LinkedIn-Version` and `X-Restli-Protocol-Version: 2.0.0` headers.
 */

const TIMEOUT_MS = 20_000;

/**
 * Why a call failed, as the sender acts on it: `unauthorized` (401: the token expired or was
 * revoked — the person must reconnect), `rate_limited` (429: wait Retry-After), `unavailable`
 * (5xx or no answer: try again later), `rejected` (any other 4xx: LinkedIn's message says why).
 */
export type LinkedinFailure = 'unauthorized' | 'rate_limited' | 'unavailable' | 'rejected';

export class LinkedinApiError extends Error {
  override name = 'LinkedinApiError';
  readonly kind: LinkedinFailure;
  readonly status: number | null;
  /** From Retry-After (seconds or an HTTP date), when LinkedIn gave one. */
  readonly retryAfterMs: number | null;
  /**
   * No answer came, but the request may have reached LinkedIn (a timeout, a dropped connection):
   * for a post, LinkedIn may show it already, so it is not sent again.
   */
  readonly mayHaveArrived: boolean;
  constructor(kind: LinkedinFailure, status: number | null, message: string, retryAfterMs: number | null = null, mayHaveArrived = false) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
    this.mayHaveArrived = mayHaveArrived;
  }
}

/** Network errors that mean the request never left (no connection was made). */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

async function call(url: string, init: RequestInit, now: Date): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    const notSent = typeof code === 'string' && NOT_SENT_CODES.has(code);
    const reason = typeof code === 'string' ? code : (error as Error).name;
    throw new LinkedinApiError('unavailable', null, `LinkedIn could not be reached (${reason})`, null, !notSent);
  }
  if (response.ok) return response;
  const body = (await response.text().catch(() => '')).slice(0, 2000);
  const message = messageOf(body) ?? `HTTP ${response.status}`;
  if (response.status === 401) throw new LinkedinApiError('unauthorized', 401, message);
  if (response.status === 429) throw new LinkedinApiError('rate_limited', 429, message, retryAfterMs(response.headers.get('retry-after'), now));
  if (response.status >= 500) throw new LinkedinApiError('unavailable', response.status, message, retryAfterMs(response.headers.get('retry-after'), now));
  throw new LinkedinApiError('rejected', response.status, message);
}

/** LinkedIn's error bodies: `{message}` (REST), `{error_description}` / `{error}` (OAuth). */
function messageOf(body: string): string | null {
  try {
    const json = JSON.parse(body) as { message?: unknown; error_description?: unknown; error?: unknown };
    for (const value of [json.message, json.error_description, json.error]) if (typeof value === 'string' && value) return value.slice(0, 500);
  } catch {
    // not JSON
  }
  return body.trim() ? body.trim().slice(0, 500) : null;
}

const restHeaders = (config: LinkedinConfig, token: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  'linkedin-version': config.apiVersion,
  'x-restli-protocol-version': '2.0.0',
});

export interface TokenGrant {
  accessToken: string;
  /** Seconds the token is valid (LinkedIn: 60 days). */
  expiresIn: number;
  scope: string;
}

/** Exchanges an authorization code (form-encoded POST to <authUrl>/accessToken). */
export async function exchangeCode(config: LinkedinConfig, code: string, redirectUri: string, now: Date): Promise<TokenGrant> {
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: config.clientId ?? '', client_secret: config.clientSecret ?? '' });
  const response = await call(`${config.authUrl}/accessToken`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form }, now);
  const json = (await response.json()) as { access_token?: unknown; expires_in?: unknown; scope?: unknown };
  if (typeof json.access_token !== 'string' || typeof json.expires_in !== 'number') throw new LinkedinApiError('rejected', response.status, 'the token answer has no access_token or expires_in');
  return { accessToken: json.access_token, expiresIn: json.expires_in, scope: typeof json.scope === 'string' ? json.scope : '' };
}

/** The member behind a token (OpenID Connect userinfo): `sub` names them in URNs. */
export async function userInfo(config: LinkedinConfig, token: string, now: Date): Promise<{ sub: string; name: string | null }> {
  const response = await call(`${config.apiUrl}/v2/userinfo`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, now);
  const json = (await response.json()) as { sub?: unknown; name?: unknown; given_name?: unknown; family_name?: unknown };
  if (typeof json.sub !== 'string' || !json.sub) throw new LinkedinApiError('rejected', response.status, 'userinfo has no sub');
  const name = typeof json.name === 'string' ? json.name : [json.given_name, json.family_name].filter((p) => typeof p === 'string').join(' ') || null;
  return { sub: json.sub, name };
}

export const personUrn = (memberId: string): string => `urn:li:person:${memberId}`;

/** Uploads an image for the member (Images API): initializeUpload, then PUT the bytes; answers the image URN. */
export async function uploadImage(config: LinkedinConfig, token: string, memberId: string, image: { bytes: Buffer; mediaType: string }, now: Date): Promise<string> {
  const init = await call(
    `${config.apiUrl}/rest/images?action=initializeUpload`,
    { method: 'POST', headers: { ...restHeaders(config, token), 'content-type': 'application/json' }, body: JSON.stringify({ initializeUploadRequest: { owner: personUrn(memberId) } }) },
    now,
  );
  const json = (await init.json()) as { value?: { uploadUrl?: unknown; image?: unknown } };
  const uploadUrl = json.value?.uploadUrl;
  const urn = json.value?.image;
  if (typeof uploadUrl !== 'string' || typeof urn !== 'string' || !/^https?:\/\//.test(uploadUrl)) throw new LinkedinApiError('rejected', init.status, 'initializeUpload answered no uploadUrl or image');
  await call(uploadUrl, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': image.mediaType }, body: new Uint8Array(image.bytes) }, now);
  return urn;
}

export interface ArticlePost {
  memberId: string;
  /** Already escaped for the little text format. */
  commentary: string;
  source: string;
  title: string;
  description: string;
  thumbnail: string | null;
}

/** Creates a public feed post with an article (Posts API); answers the post URN from `x-restli-id`. */
export async function createPost(config: LinkedinConfig, token: string, post: ArticlePost, now: Date): Promise<string> {
  const body = {
    author: personUrn(post.memberId),
    commentary: post.commentary,
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    content: { article: { source: post.source, title: post.title, description: post.description, ...(post.thumbnail ? { thumbnail: post.thumbnail } : {}) } },
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: false,
  };
  const response = await call(`${config.apiUrl}/rest/posts`, { method: 'POST', headers: { ...restHeaders(config, token), 'content-type': 'application/json' }, body: JSON.stringify(body) }, now);
  await response.body?.cancel();
  const urn = response.headers.get('x-restli-id');
  if (!urn) throw new LinkedinApiError('rejected', response.status, 'LinkedIn answered without x-restli-id');
  return urn;
}
