import { and, eq, gt, lt } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { people, sessions } from '../db/schema/index.ts';
import { sessionValidFor } from './alumni-access.ts';
import type { Auth } from './context.ts';
import { hashToken, newToken, sign } from './tokens.ts';

export const SESSION_COOKIE = 'podium_session';
const SESSION_DAYS = 30;
/** Sliding expiry is refreshed at most this often, so a busy session does not write on every request. */
const TOUCH_AFTER_MS = 5 * 60_000;

/** Starts a session for a person and returns the cookie token (only ever held by the browser). */
export async function createSession(tx: Tx, personId: string, method: string, now: Date): Promise<string> {
  const token = newToken();
  await tx.insert(sessions).values({
    tokenHash: hashToken(token),
    personId,
    method,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000),
  });
  return token;
}

/**
 * Finds the live session behind a cookie token, for an active, non-erased person. An alumnus's
 * session holds only while they are in the alumni programme, and carries no roles (see alumni-access.ts).
 */
export async function resolveSession(tx: Tx, token: string, now: Date): Promise<Extract<Auth, { kind: 'session' }> | null> {
  const tokenHash = hashToken(token);
  const [row] = await tx
    .select({
      id: sessions.id,
      personId: sessions.personId,
      lastSeenAt: sessions.lastSeenAt,
      method: sessions.method,
      roles: people.roles,
      language: people.language,
      ambassadorStatus: people.ambassadorStatus,
      alumniJoinedAt: people.alumniJoinedAt,
    })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(people.active, true)))
    .limit(1);
  if (!row || !sessionValidFor(row, row.method)) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await tx
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000) })
      .where(eq(sessions.id, row.id));
  }
  if (row.ambassadorStatus === 'alumni') return { kind: 'session', personId: row.personId, roles: [], sessionId: row.id, tokenHash, language: row.language, alumnus: true };
  return { kind: 'session', personId: row.personId, roles: row.roles, sessionId: row.id, tokenHash, language: row.language };
}

/** Ends one session. */
export async function endSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a person (sign out everywhere, deactivation, erasure). */
export async function endAllSessions(tx: Tx, personId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.personId, personId));
}

/** Removes expired sessions (retention). */
export async function purgeExpiredSessions(tx: Tx, now: Date): Promise<number> {
  const rows = await tx.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  return rows.length;
}

/** The CSRF token for a session: derived from it, so nothing extra is stored and every node agrees. */
export function csrfTokenFor(secretKey: string, sessionTokenHash: string): string {
  return sign(secretKey, 'csrf', sessionTokenHash);
}
