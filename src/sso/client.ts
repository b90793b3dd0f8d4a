import * as oidc from 'openid-client';
import type { OidcConfig } from '../config.ts';
import { type AppContext, perContext } from '../context.ts';
import type { SsoErrorCode } from './errors.ts';

/** Why a sign-in at the provider did not give Podium a valid ID token. */
export class SsoFailure extends Error {
  readonly code: SsoErrorCode;
  constructor(code: SsoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SsoFailure';
    this.code = code;
  }
}

/** The scopes Podium asks for: who you are, your e-mail address and name. */
const baseScopes = ['openid', 'email', 'profile'];

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Plain http only for a provider on this machine (a development or test provider). */
function insecureAllowed(issuer: URL): boolean {
  return issuer.protocol === 'http:' && loopback.has(issuer.hostname);
}

/** The provider's configuration from discovery, cached per app; a failed discovery is tried again next time. */
const discovered = perContext<{ pending: Promise<oidc.Configuration> | null }>(() => ({ pending: null }));

async function discover(settings: OidcConfig): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuer);
  if (issuer.protocol === 'http:' && !insecureAllowed(issuer)) {
    throw new SsoFailure('provider_unreachable', `the issuer ${settings.issuer} must use https`);
  }
  const execute = insecureAllowed(issuer) ? [oidc.allowInsecureRequests] : [];
  let configuration: oidc.Configuration;
  try {
    configuration = await oidc.discovery(issuer, settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), { execute, timeout: 10 });
  } catch (error) {
    throw new SsoFailure('provider_unreachable', `discovery at ${settings.issuer} failed: ${(error as Error).message}`, { cause: error });
  }
  // client_secret_basic is the default of the standard; a provider that lists only _post gets _post.
  const methods = configuration.serverMetadata().token_endpoint_auth_methods_supported;
  if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) {
    configuration = new oidc.Configuration(configuration.serverMetadata(), settings.clientId, undefined, oidc.ClientSecretPost(settings.clientSecret));
    for (const step of execute) step(configuration);
  }
  // The ID token's signature is checked against the provider's published keys (jwks_uri), not only
  // trusted because it came over TLS: a token the provider did not sign never signs anyone in.
  oidc.enableNonRepudiationChecks(configuration);
  return configuration;
}

/** The discovered provider configuration (one discovery per app while it succeeds). */
export async function providerConfiguration(ctx: AppContext, settings: OidcConfig): Promise<oidc.Configuration> {
  const cache = discovered(ctx);
  if (!cache.pending) {
    cache.pending = discover(settings).catch((error: unknown) => {
      cache.pending = null;
      throw error;
    });
  }
  return cache.pending;
}

/** What Podium remembers between the redirect to the provider and the way back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  /** Where to go after signing in: a path inside Podium. */
  returnTo: string;
}

export function callbackUrl(ctx: AppContext): string {
  return `${ctx.config.baseUrl}/api/v1/auth/sso/callback`;
}

/** The provider's authorization URL for a new sign-in (authorization code flow with PKCE, state and nonce). */
export async function authorizationRequest(ctx: AppContext, settings: OidcConfig, returnTo: string): Promise<{ url: URL; pending: PendingSignIn }> {
  const configuration = await providerConfiguration(ctx, settings);
  const verifier = oidc.randomPKCECodeVerifier();
  const pending: PendingSignIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier, returnTo };
  const supported = configuration.serverMetadata().scopes_supported ?? [];
  // A provider that hands out groups under their own scope (Okta's `groups`) gets asked for it.
  const scopes = settings.groupsClaim && supported.includes(settings.groupsClaim) ? [...baseScopes, settings.groupsClaim] : baseScopes;
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: callbackUrl(ctx),
    scope: scopes.join(' '),
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { url, pending };
}

/** The claims Podium reads, from the ID token and (when the ID token lacks the e-mail address) userinfo. */
export type Claims = Record<string, unknown> & { sub: string };

function claimOf(error: unknown): string | undefined {
  const cause = (error as { cause?: { cause?: { claim?: unknown } } }).cause?.cause;
  return typeof cause?.claim === 'string' ? cause.claim : undefined;
}

/** Sorts what openid-client refused into the codes the sign-in page explains. */
export function classify(error: unknown): SsoFailure {
  if (error instanceof SsoFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof oidc.AuthorizationResponseError) {
    return new SsoFailure(error.error === 'access_denied' ? 'denied' : 'failed', `the provider answered ${error.error}: ${error.error_description ?? ''}`, { cause: error });
  }
  if (error instanceof oidc.ResponseBodyError) return new SsoFailure('failed', `the token endpoint answered ${error.error}`, { cause: error });
  const code = (error as { code?: unknown }).code;
  if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return new SsoFailure('token_expired', message, { cause: error });
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') {
    const claim = claimOf(error);
    if (claim === 'aud' || claim === 'azp') return new SsoFailure('wrong_audience', `the ID token was issued for another application (${claim})`, { cause: error });
    if (claim === 'nonce') return new SsoFailure('state_mismatch', 'the ID token belongs to another sign-in (nonce)', { cause: error });
    return new SsoFailure('failed', `the ID token's ${claim ?? 'claims'} did not match`, { cause: error });
  }
  if (code === 'OAUTH_TIMEOUT' || code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || error instanceof TypeError) {
    return new SsoFailure('provider_unreachable', message, { cause: error });
  }
  return new SsoFailure('failed', message, { cause: error });
}

/** Exchanges the code from the callback URL for validated ID token claims (state, PKCE, nonce, issuer, audience, expiry). */
export async function completeSignIn(ctx: AppContext, settings: OidcConfig, currentUrl: URL, pending: PendingSignIn): Promise<Claims> {
  const configuration = await providerConfiguration(ctx, settings);
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new SsoFailure('failed', 'the provider sent no ID token');
    let claims: Claims = { ...idClaims };
    const hasEmail = typeof claims.email === 'string' && claims.email !== '';
    if (!hasEmail && configuration.serverMetadata().userinfo_endpoint) {
      const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      claims = { ...userinfo, ...claims, email: userinfo.email, email_verified: userinfo.email_verified };
    }
    return claims;
  } catch (error) {
    throw classify(error);
  }
}
