import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { signInLinks } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { hashToken, newToken } from './tokens.ts';

export type LinkPurpose = 'sign_in' | 'setup' | 'invite';

const lifetimes: Record<LinkPurpose, number> = {
  sign_in: 15 * 60_000,
  invite: 7 * 86_400_000,
  // The set-up link is printed by the server for its operator; it lives until it is used or replaced.
  setup: 365 * 86_400_000,
};

/**
 * Creates a single-use link token; only its hash is stored. `email` records the address it was sent
 * to when that is not the person's work e-mail (an alumnus's personal address, see alumni-access.ts).
 */
export async function createLink(tx: Tx, purpose: LinkPurpose, personId: string | null, now: Date, email: string | null = null): Promise<string> {
  const token = newToken();
  await tx.insert(signInLinks).values({
    tokenHash: hashToken(token),
    purpose,
    personId,
    email,
    createdAt: now,
    expiresAt: new Date(now.getTime() + lifetimes[purpose]),
  });
  return token;
}

/** Looks a link up without using it (a GET of the link page must never spend it). */
export async function peekLink(tx: Tx, token: string, purposes: LinkPurpose[]) {
  const [row] = await tx.select().from(signInLinks).where(eq(signInLinks.tokenHash, hashToken(token))).limit(1);
  return row && purposes.includes(row.purpose) ? row : null;
}

/**
 * Uses a link once: marks it used in the same statement that checks it, so two clicks cannot both sign in.
 * Throws link_invalid / link_expired / link_used.
 */
export async function consumeLink(tx: Tx, token: string, purposes: LinkPurpose[], now: Date) {
  const row = await peekLink(tx, token, purposes);
  if (!row) throw new AppError(400, 'link_invalid', 'error.link_invalid');
  if (row.usedAt) throw new AppError(400, 'link_used', 'error.link_used');
  if (row.expiresAt <= now) throw new AppError(400, 'link_expired', 'error.link_expired');
  const [used] = await tx
    .update(signInLinks)
    .set({ usedAt: now })
    .where(and(eq(signInLinks.id, row.id), isNull(signInLinks.usedAt)))
    .returning();
  if (!used) throw new AppError(400, 'link_used', 'error.link_used');
  return used;
}

/** Removes links that are used or expired for more than a day (retention). */
export async function purgeOldLinks(tx: Tx, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - 86_400_000);
  const rows = await tx
    .delete(signInLinks)
    .where(or(lt(signInLinks.expiresAt, cutoff), lt(signInLinks.usedAt, cutoff)))
    .returning({ id: signInLinks.id });
  return rows.length;
}
