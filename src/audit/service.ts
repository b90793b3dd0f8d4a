import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { Auth } from '../auth/context.ts';
import type { Tx } from '../db/client.ts';
import { auditLog, apiTokens, people } from '../db/schema/index.ts';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Records an admin or editor action in the same transaction as the change itself. */
export async function recordAudit(tx: Tx, auth: Auth, at: Date, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    at,
    actorPersonId: auth.kind === 'anonymous' ? null : auth.personId,
    actorTokenId: auth.kind === 'token' ? auth.tokenId : null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/** Audit entries newest first, keyset-paginated on (at, id). */
export async function listAudit(tx: Tx, options: { action?: string; limit: number; after?: { at: Date; id: string } }) {
  const conditions = [];
  if (options.action) conditions.push(eq(auditLog.action, options.action));
  if (options.after) {
    conditions.push(or(lt(auditLog.at, options.after.at), and(eq(auditLog.at, options.after.at), lt(auditLog.id, options.after.id))));
  }
  return tx
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      before: auditLog.before,
      after: auditLog.after,
      actorId: people.id,
      actorName: people.name,
      tokenId: apiTokens.id,
      tokenName: apiTokens.name,
    })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorPersonId))
    .leftJoin(apiTokens, eq(apiTokens.id, auditLog.actorTokenId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(options.limit + 1);
}
