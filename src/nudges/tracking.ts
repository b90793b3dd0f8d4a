import type { AppContext } from '../context.ts';
import { safeEqual, sign } from '../auth/tokens.ts';

/**
 * The token in a nudge's click and open links: the nudge id and an HMAC of it under the secret
 * key, so nobody can mark (or count) someone else's nudge by guessing ids.
 */
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function trackingToken(ctx: AppContext, nudgeId: string): string {
  return `${nudgeId}.${sign(ctx.config.secretKey, 'nudge-link', nudgeId).slice(0, 22)}`;
}

/** The nudge id of a valid token, or null. */
export function verifyTrackingToken(ctx: AppContext, token: string): string | null {
  const [nudgeId = '', mac = '', extra] = token.split('.');
  if (extra !== undefined || !uuidPattern.test(nudgeId)) return null;
  return safeEqual(mac, sign(ctx.config.secretKey, 'nudge-link', nudgeId).slice(0, 22)) ? nudgeId : null;
}

/** The click-tracking URL of a nudge's action (it redirects to the nudge's own stored in-app path). */
export const clickUrl = (ctx: AppContext, nudgeId: string): string => `${ctx.config.baseUrl}/n/${trackingToken(ctx, nudgeId)}`;

/** The open pixel of a nudge e-mail (counts opens where the mail client loads images). */
export const openPixelUrl = (ctx: AppContext, nudgeId: string): string => `${ctx.config.baseUrl}/n/${trackingToken(ctx, nudgeId)}/open.gif`;

/** Only a path inside Podium: one leading slash, no scheme, no `//` or backslash (no open redirect). */
export function safeInAppPath(path: unknown): string {
  if (typeof path !== 'string' || !/^\/(?![/\\])[^\s\\]*$/.test(path)) return '/';
  return path;
}
