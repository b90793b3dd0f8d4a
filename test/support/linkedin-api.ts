import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for LinkedIn, following its published contract (Microsoft Learn: "Authorization
 * Code Flow", "Sign In with LinkedIn using OpenID Connect", "Images API", "Posts API"):
 *
 * - GET  /oauth/v2/authorization — checks response_type=code, the client id, a registered
 *   redirect_uri and the scopes, then (as LinkedIn does after the member consents) redirects to
 *   redirect_uri with `code` and the unchanged `state`; `denyNext()` answers with
 *   `error=user_cancelled_authorize` instead.
 * - POST /oauth/v2/accessToken — form-encoded authorization_code grant; the code is single-use,
 *   valid 30 minutes and bound to its redirect_uri; a wrong client secret is 401 invalid_client;
 *   answers `{access_token, expires_in: 5184000 (60 days), scope}`.
 * - GET  /v2/userinfo — OpenID userinfo for a Bearer token: `{sub, name, given_name, family_name}`.
 * - POST /rest/images?action=initializeUpload — `{initializeUploadRequest:{owner}}` → `{value:{uploadUrl, image, uploadUrlExpiresAt}}`;
 *   PUT <uploadUrl> with the bytes → 201.
 * - POST /rest/posts — 201 with the post URN in `x-restli-id` and an empty body.
 *
 * Versioned REST calls (/rest/…) need `LinkedIn-Version: YYYYMM` (or YYYYMM.RR) and
 * `X-Restli-Protocol-Version: 2.0.0` (else 400); a version not yet released or retired (LinkedIn
 * supports each for about a year after its release; by the stand-in's clock) is 426; the author /
 * owner must be the token's member (else 403); an expired or unknown token is 401. Switches:
 * `expireToken`, `failNext` (a 429 with Retry-After, or a 5xx, once each), `dropNext` (the
 * connection is closed after the request arrived, without an answer). Every request is recorded.
 */
export interface LinkedinStandIn {
  /** PODIUM_LINKEDIN_AUTH_URL (…/oauth/v2). */
  authUrl: string;
  /** PODIUM_LINKEDIN_API_URL. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  /** The environment for createTestApp. */
  env(): Record<string, string>;
  /** The member who consents next (default: a fresh member). */
  setMember(member: { sub: string; name: string }): void;
  /** The next authorization is refused by the member (cancel on the consent page). */
  denyNext(): void;
  /** Every token issued, newest last. */
  tokens: { accessToken: string; sub: string; expiresAt: number; revoked: boolean }[];
  /** Makes a token (default: every token) answer 401 from now on. */
  expireToken(accessToken?: string): void;
  /** The next call to the path (e.g. '/rest/posts') answers this status once (429 with Retry-After seconds when given). */
  failNext(path: string, status: number, retryAfterSeconds?: number): void;
  /** The next call to the path is read in full, then its connection is closed without an answer (as when a gateway drops it). */
  dropNext(path: string): void;
  /** Posts created, with their body as sent. */
  posts: { urn: string; body: PostBody; version: string }[];
  /** Images uploaded, by URN. */
  images: Map<string, { owner: string; bytes: number; contentType: string }>;
  requests: { method: string; path: string; headers: Record<string, string | string[] | undefined>; body: string }[];
  close(): Promise<void>;
}

export interface PostBody {
  author: string;
  commentary: string;
  visibility: string;
  distribution: { feedDistribution: string; targetEntities: unknown[]; thirdPartyDistributionChannels: unknown[] };
  content?: { article?: { source: string; title?: string; description?: string; thumbnail?: string } };
  lifecycleState: string;
  isReshareDisabledByAuthor: boolean;
}

export interface LinkedinStandInOptions {
  /** Redirect URIs registered on the app (exact match, as LinkedIn requires). */
  redirectUris: string[];
  /** The clock tokens and codes expire by (the test's clock). */
  now?: () => number;
}

const TOKEN_LIFETIME_S = 60 * 24 * 3600;
const CODE_LIFETIME_MS = 30 * 60_000;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** LinkedIn's REST error shape. */
const restError = (response: ServerResponse, status: number, code: string, message: string) => json(response, status, { status, code, message });

/** Starts the stand-in on a loopback port of the test's own. */
export async function startLinkedinApi(options: LinkedinStandInOptions): Promise<LinkedinStandIn> {
  const now = options.now ?? Date.now;
  const clientId = `fakeclient${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(16).toString('hex');
  const codes = new Map<string, { redirectUri: string; sub: string; name: string; scope: string; expiresAt: number; used: boolean }>();
  const tokens: LinkedinStandIn['tokens'] = [];
  const names = new Map<string, string>();
  const posts: LinkedinStandIn['posts'] = [];
  const images: LinkedinStandIn['images'] = new Map();
  const pendingUploads = new Map<string, { urn: string; owner: string }>();
  const requests: LinkedinStandIn['requests'] = [];
  const failures = new Map<string, { status: number; retryAfter?: number }[]>();
  const drops = new Map<string, number>();
  let nextMember: { sub: string; name: string } | null = null;
  let deny = false;
  let postCounter = 7_000_000_000_000_000_000n;
  let base = '';

  const tokenOf = (request: IncomingMessage) => {
    const header = request.headers.authorization ?? '';
    const value = header.startsWith('Bearer ') ? header.slice(7) : '';
    const token = tokens.find((t) => t.accessToken === value);
    if (!token || token.revoked || token.expiresAt <= now()) return null;
    return token;
  };

  const versioned = (request: IncomingMessage, response: ServerResponse): boolean => {
    const version = request.headers['linkedin-version'];
    const parts = typeof version === 'string' ? /^(\d{4})(\d{2})(?:\.\d{2})?$/.exec(version) : null;
    if (!parts) {
      restError(response, 400, 'VERSION_MISSING', 'A version must be present. Please specify a version by adding the LinkedIn-Version header.');
      return false;
    }
    const today = new Date(now());
    const age = today.getUTCFullYear() * 12 + today.getUTCMonth() - (Number(parts[1]) * 12 + Number(parts[2]) - 1);
    if (age < 0 || age >= 12) {
      restError(response, 426, 'NONEXISTENT_VERSION', `Requested version ${version} is not active`);
      return false;
    }
    if (request.headers['x-restli-protocol-version'] !== '2.0.0') {
      restError(response, 400, 'INVALID_PROTOCOL_VERSION', 'X-Restli-Protocol-Version 2.0.0 is required');
      return false;
    }
    return true;
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', base);
    const body = await readBody(request);
    requests.push({ method: request.method ?? '', path: `${url.pathname}${url.search}`, headers: request.headers, body: url.pathname.startsWith('/upload/') ? `<${body.length} bytes>` : body.toString('utf8') });

    const dropping = drops.get(url.pathname) ?? 0;
    if (dropping > 0) {
      drops.set(url.pathname, dropping - 1);
      request.socket.destroy();
      return;
    }
    const failure = failures.get(url.pathname)?.shift();
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
      json(response, failure.status, { status: failure.status, message: failure.status === 429 ? 'Too many requests' : 'Internal Server Error' }, headers);
      return;
    }

    if (request.method === 'GET' && url.pathname === '/oauth/v2/authorization') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? '';
      if (q.get('client_id') !== clientId) return json(response, 400, { error: 'invalid_request', error_description: 'invalid client_id' });
      if (!options.redirectUris.includes(redirectUri)) return json(response, 400, { error: 'invalid_request', error_description: 'The redirect_uri does not match the registered value' });
      const target = new URL(redirectUri);
      const state = q.get('state');
      if (state !== null) target.searchParams.set('state', state);
      if (q.get('response_type') !== 'code') {
        target.searchParams.set('error', 'unsupported_response_type');
      } else if (deny) {
        deny = false;
        target.searchParams.set('error', 'user_cancelled_authorize');
        target.searchParams.set('error_description', 'The user cancelled the authorization');
      } else {
        const scope = q.get('scope') ?? '';
        if (!scope.split(' ').includes('w_member_social')) target.searchParams.set('error', 'invalid_scope');
        else {
          const code = randomBytes(24).toString('base64url');
          const member = nextMember ?? { sub: randomBytes(6).toString('base64url'), name: 'Fake Member' };
          nextMember = null;
          codes.set(code, { redirectUri, sub: member.sub, name: member.name, scope: scope.split(' ').join(','), expiresAt: now() + CODE_LIFETIME_MS, used: false });
          target.searchParams.set('code', code);
        }
      }
      response.writeHead(302, { location: target.toString() });
      response.end();
      return;
    }

    if (request.method === 'POST' && url.pathname === '/oauth/v2/accessToken') {
      if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        return json(response, 400, { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded' });
      }
      const form = new URLSearchParams(body.toString('utf8'));
      if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) return json(response, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      if (form.get('grant_type') !== 'authorization_code') return json(response, 400, { error: 'unsupported_grant_type', error_description: 'grant_type' });
      const code = codes.get(form.get('code') ?? '');
      if (!code || code.used || code.expiresAt <= now()) return json(response, 400, { error: 'invalid_request', error_description: 'Unable to retrieve access token: authorization code not found' });
      if (form.get('redirect_uri') !== code.redirectUri) return json(response, 400, { error: 'invalid_redirect_uri', error_description: 'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code' });
      code.used = true;
      const accessToken = `AQ${randomBytes(30).toString('base64url')}`;
      tokens.push({ accessToken, sub: code.sub, expiresAt: now() + TOKEN_LIFETIME_S * 1000, revoked: false });
      names.set(code.sub, code.name);
      return json(response, 200, { access_token: accessToken, expires_in: TOKEN_LIFETIME_S, scope: code.scope, token_type: 'Bearer', id_token: 'unused-in-tests' });
    }

    if (request.method === 'GET' && url.pathname === '/v2/userinfo') {
      const token = tokenOf(request);
      if (!token) return restError(response, 401, 'REVOKED_ACCESS_TOKEN', 'The token used in the request has been revoked by the user');
      const name = names.get(token.sub) ?? 'Fake Member';
      const [given = name, ...rest] = name.split(' ');
      return json(response, 200, { sub: token.sub, name, given_name: given, family_name: rest.join(' '), locale: { country: 'NL', language: 'nl' }, email_verified: true });
    }

    if (url.pathname.startsWith('/rest/')) {
      if (!versioned(request, response)) return;
      const token = tokenOf(request);
      if (!token) return restError(response, 401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired');
      const member = `urn:li:person:${token.sub}`;
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      } catch {
        return restError(response, 400, 'BAD_REQUEST', 'body is not JSON');
      }
      if (request.method === 'POST' && url.pathname === '/rest/images' && url.searchParams.get('action') === 'initializeUpload') {
        const owner = (parsed.initializeUploadRequest as { owner?: unknown } | undefined)?.owner;
        if (owner !== member) return restError(response, 403, 'ACCESS_DENIED', `Not enough permissions to upload for ${String(owner)}`);
        const id = randomBytes(8).toString('hex');
        const urn = `urn:li:image:D4E${id}`;
        pendingUploads.set(id, { urn, owner: member });
        return json(response, 200, { value: { uploadUrlExpiresAt: now() + 3_600_000, uploadUrl: `${base}/upload/${id}`, image: urn } });
      }
      if (request.method === 'POST' && url.pathname === '/rest/posts') {
        const post = parsed as unknown as PostBody;
        if (post.author !== member) return restError(response, 403, 'ACCESS_DENIED', `Not enough permissions to post as ${String(post.author)}`);
        if (typeof post.commentary !== 'string') return restError(response, 422, 'MISSING_FIELD', '/commentary is required');
        if (post.lifecycleState !== 'PUBLISHED' || !post.distribution || post.distribution.feedDistribution !== 'MAIN_FEED' || !post.visibility) {
          return restError(response, 422, 'INVALID_FIELD', 'lifecycleState, visibility and distribution are required');
        }
        const article = post.content?.article;
        if (article) {
          if (typeof article.source !== 'string' || !/^https?:\/\//.test(article.source)) return restError(response, 422, 'INVALID_FIELD', '/content/article/source must be a URL');
          if (article.thumbnail !== undefined && !images.has(article.thumbnail)) return restError(response, 422, 'INVALID_FIELD', `/content/article/thumbnail ${article.thumbnail} is not an uploaded image`);
        }
        postCounter += 1n;
        const urn = `urn:li:share:${postCounter}`;
        posts.push({ urn, body: post, version: String(request.headers['linkedin-version']) });
        response.writeHead(201, { 'x-restli-id': urn, 'x-linkedin-id': urn });
        response.end();
        return;
      }
      return restError(response, 404, 'NOT_FOUND', `no resource ${url.pathname}`);
    }

    if (request.method === 'PUT' && url.pathname.startsWith('/upload/')) {
      const pending = pendingUploads.get(url.pathname.slice('/upload/'.length));
      const token = tokenOf(request);
      if (!pending) return restError(response, 404, 'NOT_FOUND', 'unknown upload');
      if (!token || `urn:li:person:${token.sub}` !== pending.owner) return restError(response, 401, 'EXPIRED_ACCESS_TOKEN', 'invalid token for this upload');
      if (body.length === 0) return restError(response, 400, 'BAD_REQUEST', 'empty upload');
      pendingUploads.delete(url.pathname.slice('/upload/'.length));
      images.set(pending.urn, { owner: pending.owner, bytes: body.length, contentType: request.headers['content-type'] ?? '' });
      response.writeHead(201);
      response.end();
      return;
    }

    restError(response, 404, 'NOT_FOUND', `no route ${request.method} ${url.pathname}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    authUrl: `${base}/oauth/v2`,
    apiUrl: base,
    clientId,
    clientSecret,
    env: () => ({ PODIUM_LINKEDIN_CLIENT_ID: clientId, PODIUM_LINKEDIN_CLIENT_SECRET: clientSecret, PODIUM_LINKEDIN_AUTH_URL: `${base}/oauth/v2`, PODIUM_LINKEDIN_API_URL: base }),
    setMember(member) {
      nextMember = member;
    },
    denyNext() {
      deny = true;
    },
    tokens,
    expireToken(accessToken) {
      for (const token of tokens) if (accessToken === undefined || token.accessToken === accessToken) token.revoked = true;
    },
    failNext(path, status, retryAfterSeconds) {
      const list = failures.get(path) ?? [];
      list.push(retryAfterSeconds === undefined ? { status } : { status, retryAfter: retryAfterSeconds });
      failures.set(path, list);
    },
    dropNext(path) {
      drops.set(path, (drops.get(path) ?? 0) + 1);
    },
    posts,
    images,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
