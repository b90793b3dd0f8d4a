import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { Auth } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { groupMemberships, groups, people } from '../db/schema/index.ts';
import { createGroup, deleteGroup, renameGroup } from '../groups/service.ts';
import { peopleChanged } from '../people/changes.ts';
import { invalidValue, notFoundError, ScimError } from './errors.ts';
import { type Comparison, shortAttribute } from './filter.ts';
import { GROUP_SCHEMA } from './schemas.ts';
import type { PatchOperation } from './user-state.ts';
import { attr, isObject, type Json, stringValue } from './values.ts';

/**
 * SCIM Groups are Podium's teams (groups of kind 'team'): departments and locations come with the
 * user (enterprise extension `department`, work address `locality`). Members are people.
 */
const KIND = 'team' as const;
type GroupRow = typeof groups.$inferSelect;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function loadGroup(tx: Tx, id: string): Promise<GroupRow> {
  if (!uuidPattern.test(id)) throw notFoundError('Group', id);
  const [row] = await tx.select().from(groups).where(and(eq(groups.id, id), eq(groups.kind, KIND))).limit(1);
  if (!row) throw notFoundError('Group', id);
  return row;
}

async function membersOf(tx: Tx, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return tx
    .select({ groupId: groupMemberships.groupId, id: people.id, name: people.name })
    .from(groupMemberships)
    .innerJoin(people, eq(people.id, groupMemberships.personId))
    .where(and(inArray(groupMemberships.groupId, groupIds), isNull(people.erasedAt)))
    .orderBy(asc(sql`lower(${people.name})`), asc(people.id));
}

function present(ctx: AppContext, row: GroupRow, members: { id: string; name: string }[] | null) {
  const base = `${ctx.config.baseUrl}/scim/v2`;
  return {
    schemas: [GROUP_SCHEMA],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    displayName: row.name,
    ...(members ? { members: members.map((m) => ({ value: m.id, display: m.name, $ref: `${base}/Users/${m.id}`, type: 'User' })) } : {}),
    meta: { resourceType: 'Group', created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: `${base}/Groups/${row.id}`, version: `W/"${row.updatedAt.getTime()}"` },
  };
}
export type ScimGroup = ReturnType<typeof present>;

export async function getGroup(ctx: AppContext, id: string, withMembers = true): Promise<ScimGroup> {
  const row = await loadGroup(ctx.database.db, id);
  return present(ctx, row, withMembers ? await membersOf(ctx.database.db, [row.id]) : null);
}

function groupCondition(comparison: Comparison) {
  const { attribute, value } = comparison;
  if (typeof value !== 'string') throw new ScimError(400, `Filter on ${attribute} with a quoted value.`, 'invalidFilter');
  switch (attribute) {
    case 'displayname':
      return eq(sql`lower(${groups.name})`, value.trim().toLowerCase());
    case 'externalid':
      return eq(groups.externalId, value);
    case 'id':
      return uuidPattern.test(value) ? eq(groups.id, value) : sql`false`;
    case 'members.value':
    case 'members':
      return uuidPattern.test(value)
        ? inArray(groups.id, sql`(select ${groupMemberships.groupId} from ${groupMemberships} where ${groupMemberships.personId} = ${value})`)
        : sql`false`;
    default:
      throw new ScimError(400, `Filtering Groups on "${attribute}" is not supported; use displayName, externalId, id or members[value eq "…"].`, 'invalidFilter');
  }
}

export async function listGroups(ctx: AppContext, filter: Comparison[], startIndex: number, count: number, withMembers: boolean) {
  const tx = ctx.database.db;
  const where = and(eq(groups.kind, KIND), ...filter.map(groupCondition));
  const [total] = await tx.select({ n: sql<number>`count(*)::int` }).from(groups).where(where);
  const rows = count === 0 ? [] : await tx.select().from(groups).where(where).orderBy(asc(groups.createdAt), asc(groups.id)).limit(count).offset(startIndex - 1);
  const members = withMembers ? await membersOf(tx, rows.map((r) => r.id)) : [];
  return { total: total?.n ?? 0, resources: rows.map((row) => present(ctx, row, withMembers ? members.filter((m) => m.groupId === row.id) : null)) };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Member ids from a SCIM `members` value: `[{ "value": "<person id>" }, …]`. */
function memberIds(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    const id = isObject(item) ? attr(item, 'value') : item;
    if (typeof id !== 'string' || !uuidPattern.test(id)) throw invalidValue(`Group members are given as {"value": "<User id>"}; "${JSON.stringify(item)}" is not.`);
    return id.toLowerCase();
  });
}

/** Every id must be a provisioned, non-erased person; leavers are left out of teams (the alumni flow removed them). */
async function checkMembers(tx: Tx, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = await tx
    .select({ id: people.id, status: people.ambassadorStatus })
    .from(people)
    .where(and(inArray(people.id, unique), isNull(people.erasedAt)));
  const missing = unique.filter((id) => !found.some((f) => f.id === id));
  if (missing.length > 0) throw invalidValue(`No user with id ${missing.join(', ')}: provision the user before adding them to a group.`);
  return found.filter((f) => f.status !== 'alumni').map((f) => f.id);
}

async function changeMembers(tx: Tx, groupId: string, add: string[], remove: string[]): Promise<void> {
  if (remove.length > 0) await tx.delete(groupMemberships).where(and(eq(groupMemberships.groupId, groupId), inArray(groupMemberships.personId, remove)));
  if (add.length > 0) await tx.insert(groupMemberships).values(add.map((personId) => ({ groupId, personId }))).onConflictDoNothing();
}

function taken(error: unknown, name: string): never {
  if (isUniqueViolation(error) || (error instanceof Error && 'code' in error && error.code === 'group_taken')) {
    throw new ScimError(409, `A group named "${name}" already exists.`, 'uniqueness');
  }
  throw error;
}

function groupFields(body: Json) {
  const displayName = stringValue(attr(body, 'displayName'), 'displayName');
  if (!displayName) throw invalidValue('"displayName" is required.');
  if (displayName.length > 120) throw invalidValue('"displayName" is longer than 120 characters.');
  const externalId = stringValue(attr(body, 'externalId'), 'externalId');
  return { displayName, externalId, members: memberIds(attr(body, 'members')) };
}

/** POST /Groups: a team through the groups service, with its externalId and members. */
export async function createScimGroup(ctx: AppContext, auth: Auth, body: Json): Promise<ScimGroup> {
  const { displayName, externalId, members } = groupFields(body);
  const add = await checkMembers(ctx.database.db, members);
  const created = await createGroup(ctx, auth, { kind: KIND, name: displayName }).catch((error: unknown) => taken(error, displayName));
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    await tx.update(groups).set({ externalId }).where(eq(groups.id, created.id));
    await changeMembers(tx, created.id, add, []);
    await recordAudit(tx, auth, now, { action: 'scim.group.provisioned', subjectType: 'group', subjectId: created.id, after: { externalId, members: add } });
  });
  peopleChanged(ctx);
  return getGroup(ctx, created.id);
}

/** PUT /Groups/:id: name, externalId and the full member list. */
export async function replaceScimGroup(ctx: AppContext, auth: Auth, id: string, body: Json): Promise<ScimGroup> {
  const row = await loadGroup(ctx.database.db, id);
  const { displayName, externalId, members } = groupFields(body);
  return writeGroup(ctx, auth, row, { displayName, externalId, members: { replace: members, add: [], remove: [] } });
}

interface GroupChange {
  displayName?: string;
  externalId?: string | null;
  members: { replace: string[] | null; add: string[]; remove: string[] };
}

/** The member id a path such as `members[value eq "…"]` names. */
function memberInPath(path: string): string | null {
  const match = /^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i.exec(path.trim());
  return match?.[1]?.toLowerCase() ?? null;
}

/** PATCH /Groups/:id as Entra ID and Okta send it: members added and removed, displayName or externalId replaced. */
export async function patchScimGroup(ctx: AppContext, auth: Auth, id: string, operations: PatchOperation[]): Promise<void> {
  const row = await loadGroup(ctx.database.db, id);
  const change: GroupChange = { members: { replace: null, add: [], remove: [] } };
  const set = (key: string, value: unknown, op: PatchOperation['op'], path: string) => {
    const name = shortAttribute(key);
    if (name === 'displayname') {
      const displayName = op === 'remove' ? null : stringValue(value, 'displayName');
      if (!displayName) throw new ScimError(400, 'A group cannot be without its displayName.', 'mutability');
      if (displayName.length > 120) throw invalidValue('"displayName" is longer than 120 characters.');
      change.displayName = displayName;
    } else if (name === 'externalid') {
      change.externalId = op === 'remove' ? null : stringValue(value, 'externalId');
    } else if (name === 'members') {
      const ids = memberIds(value);
      if (op === 'add') change.members.add.push(...ids);
      else if (op === 'replace') change.members = { replace: ids, add: [], remove: [] };
      // Remove with a value removes those; without one, every member (RFC 7644 §3.5.2.2).
      else if (value === undefined || value === null) change.members = { replace: [], add: [], remove: [] };
      else change.members.remove.push(...ids);
    } else if (memberInPath(name)) {
      if (op !== 'remove') throw new ScimError(400, `"${path}" can only be removed.`, 'invalidPath');
      change.members.remove.push(memberInPath(name) as string);
    }
    // Other attributes (id, meta, schemas) are read-only or not kept: ignored.
  };
  for (const operation of operations) {
    if (operation.path) {
      set(operation.path, operation.value, operation.op, operation.path);
    } else {
      if (!isObject(operation.value)) throw new ScimError(400, 'An operation without a "path" needs an object "value".', 'invalidValue');
      for (const [key, value] of Object.entries(operation.value)) set(key, value, operation.op, key);
    }
  }
  await writeGroup(ctx, auth, row, change);
}

async function writeGroup(ctx: AppContext, auth: Auth, row: GroupRow, change: GroupChange): Promise<ScimGroup> {
  const db = ctx.database.db;
  const add = await checkMembers(db, [...(change.members.replace ?? []), ...change.members.add]);
  if (change.displayName && change.displayName !== row.name) {
    const name = change.displayName;
    await renameGroup(ctx, auth, row.id, name).catch((error: unknown) => taken(error, name));
  }
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const before = (await membersOf(tx, [row.id])).map((m) => m.id);
    const remove = change.members.replace ? before.filter((id) => !change.members.replace?.includes(id)) : change.members.remove.filter((id) => !add.includes(id));
    const added = add.filter((id) => !before.includes(id));
    const removed = remove.filter((id) => before.includes(id));
    await changeMembers(tx, row.id, added, removed);
    const externalChanged = change.externalId !== undefined && change.externalId !== row.externalId;
    await tx
      .update(groups)
      .set({ ...(externalChanged ? { externalId: change.externalId } : {}), updatedAt: now })
      .where(eq(groups.id, row.id));
    if (added.length > 0 || removed.length > 0 || externalChanged) {
      await recordAudit(tx, auth, now, {
        action: 'scim.group.updated',
        subjectType: 'group',
        subjectId: row.id,
        before: externalChanged ? { externalId: row.externalId } : null,
        after: { ...(externalChanged ? { externalId: change.externalId } : {}), added, removed },
      });
    }
  });
  peopleChanged(ctx);
  return getGroup(ctx, row.id);
}

/** DELETE /Groups/:id: the team goes (its members stay), through the groups service. */
export async function deleteScimGroup(ctx: AppContext, auth: Auth, id: string): Promise<void> {
  const row = await loadGroup(ctx.database.db, id);
  await deleteGroup(ctx, auth, row.id);
}
