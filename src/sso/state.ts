import { sign, safeEqual } from '../auth/tokens.ts';
import type { PendingSignIn } from './client.ts';

/** The short-lived cookie that carries state, nonce, PKCE verifier and return path to the callback. */
export const SSO_COOKIE = 'podium_sso';
/** Only the callback needs it. */
export const SSO_COOKIE_PATH = '/api/v1/auth/sso';
/** Ten minutes to sign in at the provider. */
export const SSO_COOKIE_SECONDS = 600;

const purpose = 'sso-state';

/** Encodes a pending sign-in as `<base64url JSON>.<HMAC>` with the time it started. */
export function sealPending(secretKey: string, pending: PendingSignIn, now: Date): string {
  const body = Buffer.from(JSON.stringify({ ...pending, at: now.getTime() })).toString('base64url');
  return `${body}.${sign(secretKey, purpose, body)}`;
}

/** The pending sign-in from the cookie, or null when it is missing, altered or older than ten minutes. */
export function openPending(secretKey: string, value: string | undefined, now: Date): PendingSignIn | null {
  if (!value) return null;
  const [body = '', mac = ''] = value.split('.');
  if (!body || !safeEqual(mac, sign(secretKey, purpose, body))) return null;
  try {
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<PendingSignIn> & { at?: number };
    if (typeof parsed.at !== 'number' || now.getTime() - parsed.at > SSO_COOKIE_SECONDS * 1000 || parsed.at - now.getTime() > 60_000) return null;
    const { state, nonce, verifier, returnTo } = parsed;
    if (typeof state !== 'string' || typeof nonce !== 'string' || typeof verifier !== 'string' || typeof returnTo !== 'string') return null;
    return { state, nonce, verifier, returnTo: safeReturnTo(returnTo) };
  } catch {
    return null;
  }
}

/**
 * A path inside Podium to return to after signing in, or `/`: only relative paths that start with one
 * slash (never `//host` or `/\host`, which browsers read as another site), no control characters.
 */
export function safeReturnTo(value: string | undefined | null): string {
  if (!value || value.length > 1000) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  // The sign-in pages themselves are no place to come back to.
  if (value.startsWith('/sign-in') || value.startsWith('/api/')) return '/';
  return value;
}
