import webpush from 'web-push';
import type { AppContext } from '../context.ts';
import { postOutbound } from '../integrations/post.ts';
import { vapidKeys, vapidSubject } from './vapid.ts';

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** What the service worker (web/public/sw.js) shows: a title, a body and where a click leads. */
export interface PushPayload {
  title: string;
  body: string;
  /** Opened on click; the service worker opens same-origin addresses only. */
  url: string;
  /** Notifications with the same tag replace each other on the device. */
  tag?: string;
}

export interface PushOptions {
  /** How long the push service keeps the message for an offline device (RFC 8030 TTL). */
  ttlSeconds: number;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
}

/** A push service answered something other than success or "gone": worth another try later. */
export class PushFailed extends Error {
  override name = 'PushFailed';
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * Private hosts a push endpoint may be on: only the operator's PODIUM_FETCH_ALLOW_HOSTS (an
 * on-premises push relay). Any signed-in person chooses an endpoint, so the admin's allowance for
 * fetching feeds from the intranet (`fetch.allowHosts`) must not let them aim Podium's POSTs there.
 */
export const pushAllowHosts = (ctx: AppContext): readonly string[] => ctx.config.fetchAllowHosts;

/** Push services take at most 4096 bytes of encrypted body (RFC 8291 §4); a long body is shortened to fit. */
export function fitPayload(payload: PushPayload): string {
  const limit = 3800; // what remains after the aes128gcm header (86 bytes), padding delimiter and tag
  let text = JSON.stringify(payload);
  for (let body = payload.body; Buffer.byteLength(text) > limit && body.length > 0; ) {
    body = body.slice(0, Math.max(0, body.length - Math.ceil((Buffer.byteLength(text) - limit) / 3) - 1));
    text = JSON.stringify({ ...payload, body: `${body}…` });
  }
  return text;
}

/**
 * Sends one Web Push message: web-push encrypts the payload (aes128gcm, RFC 8188/8291) and signs
 * the VAPID JWT (RFC 8292); the request itself goes out under Podium's outbound rules. Answers
 * 'gone' when the push service says the subscription no longer exists (404/410).
 */
export async function sendPush(ctx: AppContext, target: PushTarget, payload: PushPayload, options: PushOptions): Promise<'sent' | 'gone'> {
  const keys = await vapidKeys(ctx);
  const details = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, fitPayload(payload), {
    vapidDetails: { subject: vapidSubject(ctx), publicKey: keys.publicKey, privateKey: keys.privateKey },
    TTL: options.ttlSeconds,
    urgency: options.urgency,
    contentEncoding: 'aes128gcm',
  });
  const response = await postOutbound(details.endpoint, {
    allowHosts: pushAllowHosts(ctx),
    headers: details.headers as Record<string, string | number>,
    body: details.body ?? Buffer.alloc(0),
    timeoutMs: 10_000,
  });
  if (response.status >= 200 && response.status < 300) return 'sent';
  if (response.status === 404 || response.status === 410) return 'gone';
  throw new PushFailed(response.status, `the push service ${new URL(target.endpoint).host} answered HTTP ${response.status}: ${response.body.slice(0, 200)}`);
}
