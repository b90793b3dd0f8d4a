import { and, asc, eq, ilike, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { Auth } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { type GroupKind, groupMemberships, groups } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { peopleChanged } from '../people/changes.ts';

const memberCount = sql<number>`(select count(*)::int from ${groupMemberships} where ${groupMemberships.groupId} = ${groups.id})`;

/** Groups with member counts, by kind then name. */
export async function listGroups(tx: Tx, filter: { kind?: GroupKind; q?: string }) {
  const conditions = [];
  if (filter.kind) conditions.push(eq(groups.kind, filter.kind));
  if (filter.q) conditions.push(ilike(groups.name, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  return tx
    .select({ id: groups.id, kind: groups.kind, name: groups.name, memberCount })
    .from(groups)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(groups.kind), asc(sql`lower(${groups.name})`));
}

function taken(error: unknown, kind: string, name: string): never {
  if (isUniqueViolation(error)) throw new AppError(409, 'group_taken', 'error.group_taken', { kind, name });
  throw error;
}

/** Creates a group (audited). */
export async function createGroup(ctx: AppContext, auth: Auth, input: { kind: GroupKind; name: string }) {
  const now = ctx.clock.now();
  try {
    return await ctx.database.db.transaction(async (tx) => {
      const [row] = await tx.insert(groups).values({ kind: input.kind, name: input.name, createdAt: now, updatedAt: now }).returning();
      if (!row) throw new Error('insert returned nothing');
      await recordAudit(tx, auth, now, { action: 'group.created', subjectType: 'group', subjectId: row.id, after: input });
      return { id: row.id, kind: row.kind, name: row.name, memberCount: 0 };
    });
  } catch (error) {
    taken(error, input.kind, input.name);
  }
}

/** Renames a group (audited). */
export async function renameGroup(ctx: AppContext, auth: Auth, id: string, name: string) {
  const now = ctx.clock.now();
  let kind: string = 'group';
  try {
    return await ctx.database.db.transaction(async (tx) => {
      const [before] = await tx.select().from(groups).where(eq(groups.id, id));
      if (!before) throw notFound('group_not_found', id);
      kind = before.kind;
      await tx.update(groups).set({ name, updatedAt: now }).where(eq(groups.id, id));
      await recordAudit(tx, auth, now, { action: 'group.renamed', subjectType: 'group', subjectId: id, before: { name: before.name }, after: { name } });
      const [row] = await tx.select({ id: groups.id, kind: groups.kind, name: groups.name, memberCount }).from(groups).where(eq(groups.id, id));
      if (!row) throw notFound('group_not_found', id);
      return row;
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    taken(error, kind, name);
  }
}

/** Deletes a group and its memberships (audited); people stay. */
export async function deleteGroup(ctx: AppContext, auth: Auth, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.delete(groups).where(eq(groups.id, id)).returning();
    if (!row) throw notFound('group_not_found', id);
    await recordAudit(tx, auth, now, { action: 'group.deleted', subjectType: 'group', subjectId: id, before: { kind: row.kind, name: row.name } });
  });
  peopleChanged(ctx);
}
