import { createPublicKey } from 'node:crypto';
import { z } from 'zod';

const base64url = /^[A-Za-z0-9_-]+=*$/;

/** A P-256 public key as browsers give it (65 bytes, uncompressed, base64url) that really is a point on the curve. */
const p256dhSchema = z
  .string()
  .max(200)
  .regex(base64url, 'must be base64url')
  .refine(
    (value) => {
      const bytes = Buffer.from(value, 'base64url');
      if (bytes.length !== 65 || bytes[0] !== 4) return false;
      try {
        // Importing the point checks that it lies on the curve.
        createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: bytes.subarray(1, 33).toString('base64url'), y: bytes.subarray(33).toString('base64url') }, format: 'jwk' });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be an uncompressed P-256 public key (65 bytes, base64url)' },
  );

/** The 16-byte authentication secret of RFC 8291, base64url. */
const authSchema = z
  .string()
  .max(100)
  .regex(base64url, 'must be base64url')
  .refine((value) => Buffer.from(value, 'base64url').length === 16, { message: 'must be 16 bytes (base64url)' });

/** What `PushSubscription.toJSON()` gives in a browser (RFC 8030 endpoint, RFC 8291 keys). */
export const subscribeBody = z.object({
  endpoint: z.url().max(2000).describe('The push service URL of this browser (https)'),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({ p256dh: p256dhSchema, auth: authSchema }),
});

export const unsubscribeBody = z.object({ endpoint: z.string().min(1).max(2000) });

export const subscriptionSchema = z.object({ endpoint: z.string(), createdAt: z.iso.datetime() });

export const publicKeySchema = z.object({
  publicKey: z.string().describe('The VAPID public key (base64url), the applicationServerKey for pushManager.subscribe'),
});
