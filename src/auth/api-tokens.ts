import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { apiTokens, people, type Role, type TokenScope } from '../db/schema/index.ts';
import type { Auth } from './context.ts';
import { hashToken, newToken } from './tokens.ts';

export const TOKEN_PREFIX = 'pod_';

/** Creates an API token and returns the secret once; the database keeps only its hash. */
export async function createApiToken(
  tx: Tx,
  input: { name: string; role: Role; scopes?: TokenScope[]; personId: string | null; createdBy: string | null; internal?: boolean; now: Date },
) {
  const token = newToken(TOKEN_PREFIX);
  const [row] = await tx
    .insert(apiTokens)
    .values({
      name: input.name,
      role: input.role,
      scopes: input.scopes ?? [],
      personId: input.personId,
      createdBy: input.createdBy,
      internal: input.internal ?? false,
      tokenHash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      createdAt: input.now,
    })
    .returning();
  if (!row) throw new Error('token insert returned nothing');
  return { token, row };
}

/**
 * Resolves a Bearer token to its auth context; revoked, expired and deactivated-person tokens resolve
 * to nothing, and so do tokens of alumni (they sign in only by magic link, see alumni-access.ts).
 */
export async function resolveApiToken(tx: Tx, token: string, now: Date): Promise<Extract<Auth, { kind: 'token' }> | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await tx
    .select({ id: apiTokens.id, role: apiTokens.role, scopes: apiTokens.scopes, personId: apiTokens.personId, personActive: people.active, personStatus: people.ambassadorStatus, language: people.language, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .leftJoin(people, eq(people.id, apiTokens.personId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))))
    .limit(1);
  if (!row || (row.personId && (!row.personActive || row.personStatus === 'alumni'))) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await tx.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return { kind: 'token', tokenId: row.id, personId: row.personId, roles: [row.role], scopes: row.scopes, language: row.language ?? 'en' };
}

/** Admin-visible tokens, newest first (internal control tokens are left out). */
export async function listApiTokens(tx: Tx) {
  return tx
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.internal, false))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes a token; returns the row, or null when there is none. */
export async function revokeApiToken(tx: Tx, id: string, now: Date) {
  const [row] = await tx.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).returning();
  return row ?? null;
}

/** Deletes a token outright (the CLI's short-lived control tokens). */
export async function deleteApiToken(tx: Tx, id: string): Promise<void> {
  await tx.delete(apiTokens).where(eq(apiTokens.id, id));
}
