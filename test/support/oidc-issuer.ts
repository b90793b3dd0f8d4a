import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

/** An account at the test provider: its stable subject and the claims it vouches for. */
export interface TestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestIssuer {
  /** The issuer URL (http://127.0.0.1:<port>), without a trailing slash. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** A second registered client: an ID token for it is one with the wrong audience for Podium. */
  otherClientId: string;
  /** Accounts by the name typed on the login page (tests add and change them). */
  accounts: Map<string, TestAccount>;
  /**
   * Rewrites the claims of the next ID token the token endpoint hands out and signs it again with
   * the provider's own key (an ID token issued in the past, or for another client). With
   * `foreignKey` it is signed with a key the provider never published, under the provider's key id
   * (a forged ID token).
   */
  rewriteNextIdToken(change: (claims: JWTPayload) => JWTPayload, options?: { foreignKey?: boolean }): void;
  /**
   * Follows the provider's authorization URL like a browser, signs in as the named account on the
   * login page and answers the redirect back to Podium (with code, state and iss).
   */
  login(authorizationUrl: string, account: string): Promise<URL>;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The login page of the test provider: a plain, accessible form (the e2e journey fills it in). */
function loginPage(uid: string, error: string | null): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main><h1>Test identity provider</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}">
<label for="account">Account</label> <input id="account" name="account" autocomplete="username" required>
<button type="submit">Continue</button>
</form></main></body></html>`;
}

/**
 * Starts a real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1 with a confidential
 * client registered for Podium's callback URL. Its login page asks only for an account name: tests
 * decide who the person is through `accounts`.
 */
export async function startTestIssuer(options: {
  /** Podium's callback URL; a function when Podium's address is known only after the provider started. */
  redirectUri: string | (() => string);
  clientId?: string;
  clientSecret?: string;
}): Promise<TestIssuer> {
  const clientId = options.clientId ?? 'podium-test';
  const clientSecret = options.clientSecret ?? 'podium-test-secret-long-enough';
  const otherClientId = 'another-application';
  const accounts = new Map<string, TestAccount>();
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingJwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const { privateKey: foreignKey } = await generateKeyPair('RS256');
  let rewrite: ((claims: JWTPayload) => JWTPayload) | null = null;
  let rewriteKey = privateKey;

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const redirectUri = () => (typeof options.redirectUri === 'string' ? options.redirectUri : options.redirectUri());
  const configuration = (): Configuration => ({
    clients: [
      { client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri()], grant_types: ['authorization_code'], response_types: ['code'] },
      { client_id: otherClientId, client_secret: 'another-secret-long-enough', redirect_uris: [redirectUri()], grant_types: ['authorization_code'], response_types: ['code'] },
    ],
    jwks: { keys: [signingJwk] },
    cookies: { keys: ['test-issuer-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    // Claims of the granted scopes go into the ID token itself, as Entra ID, Google and Okta do.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = [...accounts.values()].find((a) => a.sub === id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ ...account }) };
    },
  });
  /** The provider is built at its first request, when the redirect URI is known. */
  let built: { provider: Provider; callback: ReturnType<Provider['callback']> } | null = null;
  const instance = () => {
    if (built) return built;
    const provider = new Provider(issuer, configuration());
    // Koa middleware after the token endpoint: the ID token can be re-issued with changed claims.
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: unknown } | undefined;
      if (ctx.path === '/token' && rewrite && body && typeof body.id_token === 'string') {
        const change = rewrite;
        rewrite = null;
        const claims = change(decodeJwt(body.id_token));
        body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid, typ: 'JWT' }).sign(rewriteKey);
      }
    });
    built = { provider, callback: provider.callback() };
    return built;
  };

  async function interaction(request: IncomingMessage, response: ServerResponse, uid: string) {
    const { provider } = instance();
    if (request.method === 'GET') {
      await provider.interactionDetails(request, response);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(uid, null));
      return;
    }
    const details = await provider.interactionDetails(request, response);
    const name = new URLSearchParams(await readBody(request)).get('account')?.trim() ?? '';
    const account = accounts.get(name);
    if (!account) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(uid, `No account named ${name}`));
      return;
    }
    const grant = new provider.Grant({ accountId: account.sub, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope ?? 'openid'));
    const grantId = await grant.save();
    await provider.interactionFinished(request, response, { login: { accountId: account.sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)$/.exec((request.url ?? '').split('?')[0] ?? '');
    if (match?.[1]) {
      interaction(request, response, match[1]).catch((error: unknown) => {
        response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
      });
      return;
    }
    instance().callback(request, response);
  });

  /** A tiny cookie jar per login, as the browser keeps the provider's interaction cookies. */
  async function login(authorizationUrl: string, account: string): Promise<URL> {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const keep = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
    };
    let url = new URL(authorizationUrl);
    let init: RequestInit = {};
    for (let hop = 0; hop < 10; hop++) {
      if (!url.href.startsWith(issuer)) return url;
      const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader() } });
      keep(response);
      init = {};
      const location = response.headers.get('location');
      if (location) {
        url = new URL(location, url);
        continue;
      }
      if (response.status === 200 && url.pathname.startsWith('/interaction/')) {
        await response.text();
        init = { method: 'POST', body: new URLSearchParams({ account }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
        continue;
      }
      throw new Error(`the test provider answered ${response.status} at ${url.pathname}: ${(await response.text()).slice(0, 300)}`);
    }
    throw new Error('too many redirects at the test provider');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    otherClientId,
    accounts,
    rewriteNextIdToken(change, options = {}) {
      rewrite = change;
      rewriteKey = options.foreignKey ? foreignKey : privateKey;
    },
    login,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
