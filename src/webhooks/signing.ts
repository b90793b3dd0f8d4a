import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures. Every delivery carries
 * `Podium-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * A receiver recomputes the HMAC over the exact bytes it received, compares it in constant time,
 * and refuses a timestamp more than five minutes from its own clock (so a captured request
 * cannot be replayed later). `v1` may appear more than once while a secret is being rotated.
 */
export const SIGNATURE_HEADER = 'Podium-Signature';
export const EVENT_HEADER = 'Podium-Event';
export const DELIVERY_HEADER = 'Podium-Delivery';
/** How far a signature's timestamp may be from the receiver's clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A new signing secret: 32 random bytes, shown to the admin once. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The hex HMAC-SHA256 of `<timestamp>.<body>` under the secret. */
export function computeSignature(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The Podium-Signature header value for a body sent at `now`. */
export function signatureHeader(secret: string, now: Date, body: string | Buffer): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

/** Why a signature was refused (for a receiver's log), or null when it is valid. */
export type SignatureProblem = 'malformed' | 'too_old' | 'mismatch';

/**
 * Verifies a Podium-Signature header against the raw body the way a receiver should: parse
 * `t` and every `v1`, refuse a timestamp outside the tolerance, compare in constant time.
 * @example verifySignature(secret, request.headers['podium-signature'], rawBody, new Date()) === null
 */
export function verifySignature(secret: string, header: string | undefined, body: string | Buffer, now: Date, toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): SignatureProblem | null {
  if (!header) return 'malformed';
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d+$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) return 'malformed';
  if (Math.abs(Math.floor(now.getTime() / 1000) - timestamp) > toleranceSeconds) return 'too_old';
  const expected = Buffer.from(computeSignature(secret, timestamp, body), 'hex');
  const ok = signatures.some((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected));
  return ok ? null : 'mismatch';
}
