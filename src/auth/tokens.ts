import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret token with a readable prefix, e.g. `pod_…` for API tokens. */
export function newToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** SHA-256 of a high-entropy token: what the database keeps instead of the token itself. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** HMAC-SHA256 under the secret key, base64url. */
export function sign(secretKey: string, purpose: string, value: string): string {
  return createHmac('sha256', secretKey).update(`${purpose}\0${value}`).digest('base64url');
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A keyed hash of a client address, so rate limits never keep a raw IP address. */
export function hashClientAddress(secretKey: string, ip: string): string {
  return sign(secretKey, 'client-address', ip).slice(0, 22);
}
