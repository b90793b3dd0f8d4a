import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets Podium must be able to read back (a LinkedIn access token, a webhook's signing secret,
 * a Slack bot token) are kept encrypted at rest with AES-256-GCM. The key is derived from the
 * instance's secret key (PODIUM_SECRET_KEY) with HKDF, one key per purpose, so a database dump
 * alone reveals none of them. Stored form: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
export type SecretPurpose = 'linkedin-token' | 'webhook-secret' | 'integration-token';

const VERSION = 'v1';

function keyFor(secretKey: string, purpose: SecretPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, 'podium-secrets', `podium:${purpose}`, 32));
}

/** Encrypts `plain` for storage; the same input encrypts differently every time (random IV). */
export function encryptSecret(secretKey: string, purpose: SecretPurpose, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secretKey, purpose), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export class SecretUnreadableError extends Error {
  constructor() {
    super('the stored secret cannot be decrypted with this secret key (was PODIUM_SECRET_KEY changed?)');
    this.name = 'SecretUnreadableError';
  }
}

/** Decrypts what `encryptSecret` stored; throws SecretUnreadableError when the key or the text does not match. */
export function decryptSecret(secretKey: string, purpose: SecretPurpose, stored: string): string {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new SecretUnreadableError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secretKey, purpose), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretUnreadableError();
  }
}
