/**
 * Why single sign-on did not sign someone in. The callback sends the browser back to
 * `/sign-in?sso_error=<code>`, and the sign-in page explains the code in the person's language.
 */
export const ssoErrorCodes = [
  /** The ID token was issued for another application (its `aud` is not Podium's client id). */
  'wrong_audience',
  /** The ID token had expired when it reached Podium. */
  'token_expired',
  /** The e-mail address is outside PODIUM_OIDC_ALLOWED_DOMAINS. */
  'domain_not_allowed',
  /** The person was deactivated in Podium. */
  'account_deactivated',
  /** The person left the organisation: alumni sign in with a link to their personal e-mail address. */
  'alumni',
  /** Discovery, the token endpoint or userinfo could not be reached (or SSO is not configured). */
  'provider_unreachable',
  /** The answer did not belong to a sign-in this browser started (state, nonce, or the sign-in took too long). */
  'state_mismatch',
  /** The provider sent no e-mail address. */
  'email_missing',
  /** The provider says the e-mail address is not verified (or, for an account with roles beyond ambassador, does not say it is). */
  'email_unverified',
  /** The person cancelled at the provider. */
  'denied',
  /** Anything else the provider or the token did wrong. */
  'failed',
] as const;

export type SsoErrorCode = (typeof ssoErrorCodes)[number];
