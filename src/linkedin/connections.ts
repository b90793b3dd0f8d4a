import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import { decryptSecret, encryptSecret, SecretUnreadableError } from '../crypto/secrets.ts';
import { linkedinConnections } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { exchangeCode, LinkedinApiError, userInfo } from './api.ts';
import { notifyPerson } from './notify.ts';
import type { ConnectionView } from './schema.ts';

/** The scopes Podium asks for: sign-in (to know the member) and posting as the member. */
export const LINKEDIN_SCOPES = 'openid profile w_member_social';
/** How long a person has between leaving for LinkedIn's consent page and coming back. */
const STATE_TTL_MS = 15 * 60_000;
/** A reminder to reconnect goes out this long before the token expires (LinkedIn tokens live 60 days). */
export const RECONNECT_NUDGE_BEFORE_MS = 7 * 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

/** The profile page, where the LinkedIn section shows the result of connecting. */
export const PROFILE_PATH = '/profile';

export const isConfigured = (ctx: AppContext): boolean => ctx.config.linkedin.clientId !== null && ctx.config.linkedin.clientSecret !== null;

export function requireConfigured(ctx: AppContext): void {
  if (!isConfigured(ctx)) throw new AppError(409, 'linkedin_not_configured', 'error.linkedin.not_configured');
}

export const redirectUri = (ctx: AppContext): string => `${ctx.config.baseUrl}/api/v1/me/linkedin/callback`;

/** What the state is bound to: the browser session (or, for a token, the token) that started connecting. */
const bindingOf = (auth: SignedIn): string => (auth.kind === 'session' ? `session:${auth.sessionId}` : `token:${auth.tokenId}`);

const mac = (ctx: AppContext, auth: SignedIn, nonce: string, expires: number): string =>
  createHmac('sha256', ctx.config.secretKey).update(`linkedin-state\n${bindingOf(auth)}\n${auth.personId}\n${nonce}\n${expires}`).digest('base64url');

/**
 * The OAuth `state`: a random nonce, an expiry and an HMAC over both, the person and their session.
 * Nothing is stored; a state from another session, another person or older than 15 minutes fails.
 */
export function issueState(ctx: AppContext, auth: SignedIn): string {
  const nonce = randomBytes(16).toString('base64url');
  const expires = ctx.clock.now().getTime() + STATE_TTL_MS;
  return `${nonce}.${expires}.${mac(ctx, auth, nonce, expires)}`;
}

export function stateIsValid(ctx: AppContext, auth: SignedIn, state: string): boolean {
  const [nonce, expiresText, given] = state.split('.');
  if (!nonce || !expiresText || !given || !/^\d+$/.test(expiresText)) return false;
  const expires = Number(expiresText);
  if (expires < ctx.clock.now().getTime()) return false;
  const expected = Buffer.from(mac(ctx, auth, nonce, expires));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** GET /me/linkedin/connect: where to send the browser (LinkedIn's consent page). */
export function authorizationUrl(ctx: AppContext, auth: SignedIn): string {
  requireConfigured(ctx);
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: ctx.config.linkedin.clientId ?? '',
    redirect_uri: redirectUri(ctx),
    scope: LINKEDIN_SCOPES,
    state: issueState(ctx, auth),
  });
  return `${ctx.config.linkedin.authUrl}/authorization?${query}`;
}

/** The result the profile page shows after coming back from LinkedIn (`?linkedin=<code>`). */
export type ConnectResult = 'connected' | 'cancelled' | 'state_invalid' | 'failed' | 'not_configured';

/**
 * GET /me/linkedin/callback: checks the state, exchanges the code, asks who the member is and
 * stores the connection with the token encrypted (AES-256-GCM, purpose `linkedin-token`). A new
 * token starts a new 60-day period, so the reconnect reminder may go out again.
 */
export async function completeConnection(ctx: AppContext, auth: SignedIn, query: { code?: string | undefined; state?: string | undefined; error?: string | undefined }): Promise<ConnectResult> {
  if (!isConfigured(ctx)) return 'not_configured';
  const personId = auth.personId;
  if (!personId) return 'failed';
  if (!query.state || !stateIsValid(ctx, auth, query.state)) return 'state_invalid';
  if (query.error || !query.code) return 'cancelled';
  const now = ctx.clock.now();
  try {
    const grant = await exchangeCode(ctx.config.linkedin, query.code, redirectUri(ctx), now);
    const member = await userInfo(ctx.config.linkedin, grant.accessToken, now);
    const values = {
      memberId: member.sub,
      name: member.name,
      accessTokenEncrypted: encryptSecret(ctx.config.secretKey, 'linkedin-token', grant.accessToken),
      scopes: grant.scope,
      expiresAt: new Date(now.getTime() + grant.expiresIn * 1000),
      status: 'connected' as const,
      connectedAt: now,
      reconnectNudgedAt: null,
      updatedAt: now,
    };
    await ctx.database.db
      .insert(linkedinConnections)
      .values({ personId, ...values })
      .onConflictDoUpdate({ target: linkedinConnections.personId, set: values });
    return 'connected';
  } catch (error) {
    if (!(error instanceof LinkedinApiError)) throw error;
    ctx.log.warn({ kind: error.kind, status: error.status, message: error.message }, 'linkedin connect failed');
    return 'failed';
  }
}

type ConnectionRow = typeof linkedinConnections.$inferSelect;

/** A connection's status as people see it: a token past its expiry is expired even before the daily job marks it. */
export function effectiveStatus(row: Pick<ConnectionRow, 'status' | 'expiresAt'>, now: Date): 'connected' | 'expired' | 'revoked' {
  if (row.status === 'connected' && row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return row.status;
}

export async function connectionOf(ctx: AppContext, personId: string): Promise<ConnectionRow | null> {
  const [row] = await ctx.database.db.select().from(linkedinConnections).where(eq(linkedinConnections.personId, personId)).limit(1);
  return row ?? null;
}

/** GET /me/linkedin. */
export async function connectionStatus(ctx: AppContext, personId: string): Promise<ConnectionView> {
  const configured = isConfigured(ctx);
  const row = await connectionOf(ctx, personId);
  const now = ctx.clock.now();
  if (!row) return { configured, status: 'not_connected', name: null, expiresAt: null, connectedAt: null, expiresInDays: null };
  const status = effectiveStatus(row, now);
  return {
    configured,
    status: status === 'revoked' ? 'expired' : status,
    name: row.name,
    expiresAt: row.expiresAt.toISOString(),
    connectedAt: row.connectedAt.toISOString(),
    expiresInDays: Math.max(0, Math.floor((row.expiresAt.getTime() - now.getTime()) / DAY_MS)),
  };
}

/** DELETE /me/linkedin: forgets the connection (and its token). Planned posts then fail when due unless the person reconnects. */
export async function disconnect(ctx: AppContext, personId: string): Promise<void> {
  await ctx.database.db.delete(linkedinConnections).where(eq(linkedinConnections.personId, personId));
}

/** The usable token and member of a person, or why there is none. */
export async function credentialsOf(ctx: AppContext, personId: string): Promise<{ token: string; memberId: string } | 'not_connected' | 'token_expired'> {
  const row = await connectionOf(ctx, personId);
  if (!row) return 'not_connected';
  if (effectiveStatus(row, ctx.clock.now()) !== 'connected') return 'token_expired';
  try {
    return { token: decryptSecret(ctx.config.secretKey, 'linkedin-token', row.accessTokenEncrypted), memberId: row.memberId };
  } catch (error) {
    // The secret key changed since the token was stored: as good as expired, the person reconnects.
    if (!(error instanceof SecretUnreadableError)) throw error;
    await markExpired(ctx, personId);
    return 'token_expired';
  }
}

/** LinkedIn said 401: the token expired early or the member revoked Podium's access. */
export async function markExpired(ctx: AppContext, personId: string): Promise<void> {
  await ctx.database.db
    .update(linkedinConnections)
    .set({ status: 'expired', updatedAt: ctx.clock.now() })
    .where(and(eq(linkedinConnections.personId, personId), eq(linkedinConnections.status, 'connected')));
}

/**
 * The daily job: connections past their expiry become `expired`; connections expiring within 7
 * days whose current token has not been reminded about get one reminder (in-app, and e-mail where
 * the person chose it) to reconnect. `reconnect_nudged_at` is reset by a reconnect (a new token).
 */
export async function runReconnectNudges(ctx: AppContext): Promise<{ expired: number; nudged: number }> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const expired = await db
    .update(linkedinConnections)
    .set({ status: 'expired', updatedAt: now })
    .where(and(eq(linkedinConnections.status, 'connected'), lte(linkedinConnections.expiresAt, now)))
    .returning({ personId: linkedinConnections.personId });
  const due = await db
    .update(linkedinConnections)
    .set({ reconnectNudgedAt: now })
    .where(
      and(
        eq(linkedinConnections.status, 'connected'),
        isNull(linkedinConnections.reconnectNudgedAt),
        gt(linkedinConnections.expiresAt, now),
        lte(linkedinConnections.expiresAt, new Date(now.getTime() + RECONNECT_NUDGE_BEFORE_MS)),
      ),
    )
    .returning({ personId: linkedinConnections.personId, expiresAt: linkedinConnections.expiresAt });
  for (const row of due) {
    const days = Math.max(1, Math.ceil((row.expiresAt.getTime() - now.getTime()) / DAY_MS));
    await notifyPerson(ctx, row.personId, { title: 'linkedin.reconnect_title', body: 'linkedin.reconnect_body', params: { days }, path: PROFILE_PATH, kind: 'linkedin_reconnect' });
  }
  return { expired: expired.length, nudged: due.length };
}
