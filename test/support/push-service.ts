import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, randomUUID, verify } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local push service (RFC 8030) that checks what a real one checks and reads what a browser
 * reads: the VAPID `Authorization: vapid t=<JWT>, k=<public key>` (RFC 8292: ES256 signature by
 * that key, `aud` the endpoint's origin, `exp` in the future and at most 24 hours ahead, a `sub`,
 * and `k` the applicationServerKey the subscription was made with), then decrypts the aes128gcm
 * body (RFC 8188 with the RFC 8291 key derivation) with the subscription's own P-256 key pair and
 * auth secret, which it generated itself as a browser would. Answers 201; 410 for an endpoint
 * marked gone; 413 above 4096 bytes; 400/401/403 with the reason for anything wrong.
 */
export interface PushStandIn {
  origin: string;
  /** Makes a browser-like subscription (its own key pair and auth secret) bound to the server key. */
  subscribe(applicationServerKey: string): { endpoint: string; keys: { p256dh: string; auth: string } };
  /** The push service forgets the subscription: later pushes get 410 Gone. */
  markGone(endpoint: string): void;
  /** Messages accepted, decrypted. */
  received: { endpoint: string; payload: string; ttl: number; urgency: string | null }[];
  /** Requests refused, with the reason. */
  refused: { endpoint: string; status: number; reason: string }[];
  close(): Promise<void>;
}

interface Subscription {
  ecdh: ReturnType<typeof createECDH>;
  auth: Buffer;
  applicationServerKey: string;
  gone: boolean;
}

const b64url = (value: string) => Buffer.from(value, 'base64url');

/** Verifies the VAPID header; answers the reason it is wrong, or null. */
function checkVapid(header: string | undefined, audience: string, expectedKey: string): string | null {
  const match = /^vapid\s+(.+)$/i.exec(header ?? '');
  if (!match?.[1]) return 'no vapid authorization';
  const params = Object.fromEntries(
    match[1].split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    }),
  );
  const token = params.t;
  const key = params.k;
  if (!token || !key) return 'vapid t and k are required';
  if (key !== expectedKey) return 'k is not the applicationServerKey of this subscription';
  const [headerPart, claimsPart, signaturePart] = token.split('.');
  if (!headerPart || !claimsPart || !signaturePart) return 'the JWT is malformed';
  const jwtHeader = JSON.parse(b64url(headerPart).toString('utf8')) as { alg?: string; typ?: string };
  if (jwtHeader.alg !== 'ES256') return `alg ${jwtHeader.alg} is not ES256`;
  const raw = b64url(key);
  if (raw.length !== 65 || raw[0] !== 4) return 'k is not an uncompressed P-256 key';
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  const signed = verify('sha256', Buffer.from(`${headerPart}.${claimsPart}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, b64url(signaturePart));
  if (!signed) return 'the JWT signature does not verify with k';
  const claims = JSON.parse(b64url(claimsPart).toString('utf8')) as { aud?: string; exp?: number; sub?: string };
  if (claims.aud !== audience) return `aud ${claims.aud} is not ${audience}`;
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= now) return 'exp is not in the future';
  if (claims.exp > now + 24 * 3600) return 'exp is more than 24 hours ahead';
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) return 'sub must be a mailto: or https: URI';
  return null;
}

/** RFC 8291 §3.4 key derivation and RFC 8188 decryption of an aes128gcm body. */
function decrypt(body: Buffer, subscription: Subscription): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20] ?? 0;
  const senderPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (idLength !== 65) throw new Error('the keyid is not the sender’s P-256 public key');
  const userAgentPublic = subscription.ecdh.getPublicKey();
  const ecdhSecret = subscription.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), userAgentPublic, senderPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, subscription.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const parts: Buffer[] = [];
  for (let offset = 0, seq = 0; offset < ciphertext.length; offset += recordSize, seq++) {
    const record = ciphertext.subarray(offset, Math.min(offset + recordSize, ciphertext.length));
    const iv = Buffer.from(nonce);
    // The record sequence number is XORed into the nonce's low bytes (RFC 8188 §2.3).
    iv.writeUInt32BE((iv.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv('aes-128-gcm', cek, iv);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    // Padding: the last non-zero byte is the delimiter, 2 for the last record, 1 before it.
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--;
    const delimiter = plain[end];
    const last = offset + recordSize >= ciphertext.length;
    if (delimiter !== (last ? 2 : 1)) throw new Error('bad padding delimiter');
    parts.push(plain.subarray(0, end));
  }
  return Buffer.concat(parts).toString('utf8');
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the push service on a loopback port of the test's own. */
export async function startPushService(): Promise<PushStandIn> {
  const subscriptions = new Map<string, Subscription>();
  const received: PushStandIn['received'] = [];
  const refused: PushStandIn['refused'] = [];
  let origin = '';

  const server = createServer(async (request, response) => {
    const endpoint = `${origin}${request.url ?? ''}`;
    const body = await readBody(request);
    const refuse = (status: number, reason: string) => {
      refused.push({ endpoint, status, reason });
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(reason);
    };
    const subscription = subscriptions.get(endpoint);
    if (request.method !== 'POST') return refuse(405, 'POST only');
    if (!subscription) return refuse(404, 'no such subscription');
    if (subscription.gone) return refuse(410, 'subscription expired');
    const ttl = Number(request.headers.ttl);
    if (!Number.isInteger(ttl) || ttl < 0) return refuse(400, 'TTL header missing');
    const vapidError = checkVapid(request.headers.authorization, origin, subscription.applicationServerKey);
    if (vapidError) return refuse(vapidError.startsWith('no vapid') ? 401 : 403, vapidError);
    if (request.headers['content-encoding'] !== 'aes128gcm') return refuse(415, 'Content-Encoding must be aes128gcm');
    // RFC 8030 §7.2: push services must accept at least 4096 bytes; the common ones accept no more.
    if (body.length > 4096) return refuse(413, 'payload larger than 4096 bytes');
    try {
      const payload = decrypt(body, subscription);
      received.push({ endpoint, payload, ttl, urgency: (request.headers.urgency as string | undefined) ?? null });
    } catch (error) {
      return refuse(400, `cannot decrypt: ${(error as Error).message}`);
    }
    response.writeHead(201, { location: `${endpoint}/messages/${randomUUID()}` });
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    subscribe(applicationServerKey) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const endpoint = `${origin}/push/${randomUUID()}`;
      subscriptions.set(endpoint, { ecdh, auth, applicationServerKey, gone: false });
      return { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
    },
    markGone(endpoint) {
      const subscription = subscriptions.get(endpoint);
      if (subscription) subscription.gone = true;
    },
    received,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
