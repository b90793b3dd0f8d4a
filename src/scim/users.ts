import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { Auth } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { type GroupKind, groupMemberships, groups, identities, people } from '../db/schema/index.ts';
import { markLeaver } from '../people/alumni.ts';
import { peopleChanged } from '../people/changes.ts';
import { rehirePerson } from '../people/rehire.ts';
import { emailSchema } from '../people/schema.ts';
import { createPerson, getPersonRow, setMembershipsOfKind, updatePerson } from '../people/service.ts';
import { invalidValue, notFoundError, ScimError } from './errors.ts';
import type { Comparison } from './filter.ts';
import { ENTERPRISE_SCHEMA, SCIM_ISSUER, SCIM_PROVIDER, USER_SCHEMA } from './schemas.ts';
import { applyUserPatch, type PatchOperation, type UserState } from './user-state.ts';
import { languageOf } from './values.ts';

type PersonRow = typeof people.$inferSelect;

/** What SCIM keeps of a person beyond Podium's own columns, in people.preferences (cleared on erasure with the rest). */
interface ScimPreferences {
  userName?: string | null;
  displayName?: string | null;
  formatted?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  title?: string | null;
  /** Kept for a leaver (who is in no group): re-activation puts them back in their department and location. */
  department?: string | null;
  locality?: string | null;
}

const scimPreferences = (row: PersonRow): ScimPreferences => {
  const value = row.preferences.scim;
  return typeof value === 'object' && value !== null ? (value as ScimPreferences) : {};
};

/** A person counts as active for the identity provider while they work here: not a leaver, not deactivated. */
const isActive = (row: Pick<PersonRow, 'active' | 'ambassadorStatus'>) => row.active && row.ambassadorStatus !== 'alumni';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function loadPerson(tx: Tx, id: string): Promise<PersonRow> {
  if (!uuidPattern.test(id)) throw notFoundError('User', id);
  const [row] = await tx.select().from(people).where(and(eq(people.id, id), isNull(people.erasedAt))).limit(1);
  if (!row) throw notFoundError('User', id);
  return row;
}

async function externalIdOf(tx: Tx, personId: string): Promise<string | null> {
  const [row] = await tx
    .select({ subject: identities.subject })
    .from(identities)
    .where(and(eq(identities.personId, personId), eq(identities.provider, SCIM_PROVIDER), eq(identities.issuer, SCIM_ISSUER)))
    .limit(1);
  return row?.subject ?? null;
}

async function groupsOf(tx: Tx, personIds: string[]) {
  if (personIds.length === 0) return [];
  return tx
    .select({ personId: groupMemberships.personId, id: groups.id, kind: groups.kind, name: groups.name })
    .from(groupMemberships)
    .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
    .where(inArray(groupMemberships.personId, personIds))
    .orderBy(asc(sql`lower(${groups.name})`));
}

/** The state of a person as SCIM sees it (the starting point of a PATCH). */
export async function currentState(tx: Tx, row: PersonRow): Promise<UserState> {
  const prefs = scimPreferences(row);
  const memberships = await groupsOf(tx, [row.id]);
  // The name as the provider gave it, so a changed familyName alone renames the person; a person
  // Podium knew before provisioning starts from their name in Podium.
  const named = Boolean(prefs.displayName || prefs.formatted || prefs.givenName || prefs.familyName);
  return {
    userName: prefs.userName ?? row.email,
    email: row.email,
    givenName: prefs.givenName ?? null,
    familyName: prefs.familyName ?? null,
    formatted: named ? (prefs.formatted ?? null) : row.name,
    displayName: named ? (prefs.displayName ?? null) : row.name,
    externalId: await externalIdOf(tx, row.id),
    active: isActive(row),
    preferredLanguage: row.language,
    locale: null,
    title: prefs.title ?? null,
    department: isActive(row) ? (memberships.find((g) => g.kind === 'department')?.name ?? null) : (prefs.department ?? null),
    locality: isActive(row) ? (memberships.find((g) => g.kind === 'location')?.name ?? null) : (prefs.locality ?? null),
  };
}

/** A person as a SCIM User resource. */
function present(ctx: AppContext, row: PersonRow, externalId: string | null, memberships: { id: string; kind: GroupKind; name: string }[]) {
  const prefs = scimPreferences(row);
  const department = memberships.find((g) => g.kind === 'department')?.name;
  const location = memberships.find((g) => g.kind === 'location')?.name;
  const base = `${ctx.config.baseUrl}/scim/v2`;
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    id: row.id,
    ...(externalId ? { externalId } : {}),
    userName: prefs.userName ?? row.email,
    name: { formatted: row.name, ...(prefs.givenName ? { givenName: prefs.givenName } : {}), ...(prefs.familyName ? { familyName: prefs.familyName } : {}) },
    displayName: row.name,
    emails: [{ value: row.email, type: 'work', primary: true }],
    active: isActive(row),
    preferredLanguage: row.language,
    ...(prefs.title ? { title: prefs.title } : {}),
    ...(location ? { addresses: [{ type: 'work', locality: location, primary: true }] } : {}),
    groups: memberships.filter((g) => g.kind === 'team').map((g) => ({ value: g.id, display: g.name, $ref: `${base}/Groups/${g.id}` })),
    [ENTERPRISE_SCHEMA]: department ? { department } : {},
    meta: { resourceType: 'User', created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: `${base}/Users/${row.id}`, version: `W/"${row.updatedAt.getTime()}"` },
  };
}
export type ScimUser = ReturnType<typeof present>;

export async function getUser(ctx: AppContext, id: string): Promise<ScimUser> {
  const tx = ctx.database.db;
  const row = await loadPerson(tx, id);
  return present(ctx, row, await externalIdOf(tx, row.id), await groupsOf(tx, [row.id]));
}

/** The SQL condition for one filter comparison on Users; unsupported attributes are a 400 invalidFilter. */
function userCondition(comparison: Comparison) {
  const { attribute, value, where } = comparison;
  if (where && (where.attribute !== 'type' || where.value.toLowerCase() !== 'work')) {
    throw new ScimError(400, 'Only the work e-mail address can be filtered on: emails[type eq "work"].value.', 'invalidFilter');
  }
  const text = () => {
    if (typeof value !== 'string') throw new ScimError(400, `Filter on ${attribute} with a quoted value.`, 'invalidFilter');
    return value.trim().toLowerCase();
  };
  switch (attribute) {
    case 'username': {
      const v = text();
      return sql`(lower(${people.email}) = ${v} or lower(${people.preferences} -> 'scim' ->> 'userName') = ${v})`;
    }
    case 'emails':
    case 'emails.value':
      return eq(sql`lower(${people.email})`, text());
    case 'externalid':
      if (typeof value !== 'string') throw new ScimError(400, 'Filter on externalId with a quoted value.', 'invalidFilter');
      return inArray(people.id, identitySubquery(value));
    case 'id':
      return typeof value === 'string' && uuidPattern.test(value) ? eq(people.id, value) : sql`false`;
    case 'displayname':
      return eq(sql`lower(${people.name})`, text());
    case 'active':
      if (typeof value !== 'boolean') throw new ScimError(400, 'Filter on active with true or false.', 'invalidFilter');
      return value ? and(eq(people.active, true), ne(people.ambassadorStatus, 'alumni')) : sql`(${people.active} = false or ${people.ambassadorStatus} = 'alumni')`;
    default:
      throw new ScimError(400, `Filtering Users on "${attribute}" is not supported; use userName, externalId, emails[type eq "work"].value, id, displayName or active.`, 'invalidFilter');
  }
}

/** The people whose SCIM externalId is this subject. */
const identitySubquery = (subject: string) =>
  sql`(select ${identities.personId} from ${identities} where ${identities.provider} = ${SCIM_PROVIDER} and ${identities.issuer} = ${SCIM_ISSUER} and ${identities.subject} = ${subject})`;

/** Users matching a filter, one page (startIndex is 1-based), oldest first. */
export async function listUsers(ctx: AppContext, filter: Comparison[], startIndex: number, count: number) {
  const tx = ctx.database.db;
  const where = and(isNull(people.erasedAt), ...filter.map(userCondition));
  const [total] = await tx.select({ n: sql<number>`count(*)::int` }).from(people).where(where);
  const rows = count === 0 ? [] : await tx.select().from(people).where(where).orderBy(asc(people.createdAt), asc(people.id)).limit(count).offset(startIndex - 1);
  const ids = rows.map((r) => r.id);
  const memberships = await groupsOf(tx, ids);
  const externals = ids.length
    ? await tx
        .select({ personId: identities.personId, subject: identities.subject })
        .from(identities)
        .where(and(inArray(identities.personId, ids), eq(identities.provider, SCIM_PROVIDER), eq(identities.issuer, SCIM_ISSUER)))
    : [];
  const resources = rows.map((row) =>
    present(
      ctx,
      row,
      externals.find((e) => e.personId === row.id)?.subject ?? null,
      memberships.filter((m) => m.personId === row.id),
    ),
  );
  return { total: total?.n ?? 0, resources };
}

// ---------------------------------------------------------------------------------------------
// Writing

interface Resolved {
  email: string;
  name: string;
  language: 'nl' | 'en' | null;
}

/** Checks a state and derives Podium's e-mail and name from it. */
function resolve(state: UserState): Resolved {
  const candidate = state.email ?? (state.userName?.includes('@') ? state.userName : null);
  if (!candidate) throw invalidValue('A user needs a work e-mail address: in "emails" (type work) or as a "userName" that is an e-mail address.');
  const email = emailSchema.safeParse(candidate);
  if (!email.success) throw invalidValue(`"${candidate}" is not a valid e-mail address.`);
  if (!state.userName) throw invalidValue('"userName" is required.');
  const joined = [state.givenName, state.familyName].filter(Boolean).join(' ');
  const name = state.displayName ?? state.formatted ?? (joined || null) ?? state.userName;
  if (name.length > 200) throw invalidValue('The name is longer than 200 characters.');
  if (state.externalId && state.externalId.length > 255) throw invalidValue('"externalId" is longer than 255 characters.');
  for (const [label, value] of [['title', state.title], ['department', state.department], ['addresses.locality', state.locality]] as const) {
    if (value && value.length > 120) throw invalidValue(`"${label}" is longer than 120 characters.`);
  }
  return { email: email.data, name, language: languageOf(state.preferredLanguage) ?? languageOf(state.locale) };
}

/** The (not erased) person a SCIM externalId belongs to, or null. */
async function personWithExternalId(tx: Tx, externalId: string): Promise<PersonRow | null> {
  const [row] = await tx
    .select({ person: people })
    .from(identities)
    .innerJoin(people, eq(people.id, identities.personId))
    .where(and(eq(identities.provider, SCIM_PROVIDER), eq(identities.issuer, SCIM_ISSUER), eq(identities.subject, externalId), isNull(people.erasedAt)))
    .limit(1);
  return row?.person ?? null;
}

async function checkExternalId(tx: Tx, externalId: string | null, personId: string | null): Promise<void> {
  if (!externalId) return;
  const other = await personWithExternalId(tx, externalId);
  if (other && other.id !== personId) throw new ScimError(409, `Another user already has externalId "${externalId}".`, 'uniqueness');
}

async function checkEmail(tx: Tx, email: string, personId: string | null): Promise<void> {
  const [other] = await tx
    .select({ id: people.id, status: people.ambassadorStatus })
    .from(people)
    .where(eq(sql`lower(${people.email})`, email))
    .limit(1);
  // An alumnus with this address is a returning colleague: createPerson takes them back (rehire.ts).
  if (other && other.id !== personId && !(personId === null && other.status === 'alumni')) {
    throw new ScimError(409, `A user with userName or e-mail "${email}" already exists.`, 'uniqueness');
  }
}

/** The id of the group of a kind with this name, made (audited) when there is none yet. */
async function groupNamed(tx: Tx, auth: Auth, kind: GroupKind, name: string, now: Date): Promise<string> {
  const [found] = await tx
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.kind, kind), eq(sql`lower(${groups.name})`, name.toLowerCase())))
    .limit(1);
  if (found) return found.id;
  const [row] = await tx.insert(groups).values({ kind, name, createdAt: now, updatedAt: now }).returning({ id: groups.id });
  if (!row) throw new Error('group insert returned nothing');
  await recordAudit(tx, auth, now, { action: 'group.created', subjectType: 'group', subjectId: row.id, after: { kind, name, source: 'scim' } });
  return row.id;
}

/** Writes what only SCIM knows: the externalId identity, the name parts and title, department and location. */
async function writeScimFields(tx: Tx, auth: Auth, personId: string, state: UserState, memberships: boolean, now: Date): Promise<void> {
  await tx.delete(identities).where(and(eq(identities.personId, personId), eq(identities.provider, SCIM_PROVIDER), eq(identities.issuer, SCIM_ISSUER)));
  if (state.externalId) {
    // An erased person's old account at the provider no longer names anyone.
    await tx
      .delete(identities)
      .where(
        and(
          eq(identities.provider, SCIM_PROVIDER),
          eq(identities.issuer, SCIM_ISSUER),
          eq(identities.subject, state.externalId),
          inArray(identities.personId, tx.select({ id: people.id }).from(people).where(sql`${people.erasedAt} is not null`)),
        ),
      );
    await tx.insert(identities).values({ personId, provider: SCIM_PROVIDER, issuer: SCIM_ISSUER, subject: state.externalId, email: state.email, createdAt: now, lastSeenAt: now });
  }
  const prefs: ScimPreferences = { userName: state.userName, displayName: state.displayName, formatted: state.formatted, givenName: state.givenName, familyName: state.familyName, title: state.title, department: state.department, locality: state.locality };
  await tx
    .update(people)
    .set({ preferences: sql`${people.preferences} || ${JSON.stringify({ scim: prefs })}::jsonb` })
    .where(eq(people.id, personId));
  if (memberships) {
    await setMembershipsOfKind(tx, personId, 'department', state.department ? [await groupNamed(tx, auth, 'department', state.department, now)] : []);
    await setMembershipsOfKind(tx, personId, 'location', state.locality ? [await groupNamed(tx, auth, 'location', state.locality, now)] : []);
  }
}

function scimAudit(state: UserState) {
  return { externalId: state.externalId, userName: state.userName, title: state.title, department: state.department, location: state.locality, active: state.active };
}

/**
 * Provisions a user (POST /Users): through the people service's createPerson, so a returning
 * colleague (an alumnus's address) gets their own row back. Podium sends no invitation: people
 * provisioned by an identity provider sign in through it.
 */
export async function createUser(ctx: AppContext, auth: Auth, state: UserState): Promise<ScimUser> {
  const resolved = resolve(state);
  const now = ctx.clock.now();
  // A leaver the provider provisions again (re-assigned after a DELETE): their own row comes back.
  const known = state.externalId ? await personWithExternalId(ctx.database.db, state.externalId) : null;
  if (known?.ambassadorStatus === 'alumni') return writeUser(ctx, auth, known, await currentState(ctx.database.db, known), state);
  await checkExternalId(ctx.database.db, state.externalId, null);
  await checkEmail(ctx.database.db, resolved.email, null);
  let person: Awaited<ReturnType<typeof createPerson>>;
  try {
    person = await createPerson(ctx, auth, { email: resolved.email, name: resolved.name, ...(resolved.language ? { language: resolved.language } : {}), invite: false });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'email_taken') throw new ScimError(409, `A user with e-mail "${resolved.email}" already exists.`, 'uniqueness');
    throw error;
  }
  await ctx.database.db.transaction(async (tx) => {
    await writeScimFields(tx, auth, person.id, state, true, now);
    await recordAudit(tx, auth, now, { action: 'scim.user.provisioned', subjectType: 'person', subjectId: person.id, after: scimAudit(state) });
  }).catch(uniqueness);
  peopleChanged(ctx);
  if (!state.active) await leave(ctx, auth, person.id);
  return getUser(ctx, person.id);
}

function uniqueness(error: unknown): never {
  if (isUniqueViolation(error)) throw new ScimError(409, 'Another user already has this userName, e-mail address or externalId.', 'uniqueness');
  throw error;
}

const lastAdminError = () =>
  new ScimError(409, 'This user is the last active administrator of Podium and cannot be deactivated; make someone else an administrator first.', 'mutability');

/** Whether the person is an active admin and no one else is (the people service refuses their leaving too). */
async function isLastAdmin(tx: Tx, row: PersonRow): Promise<boolean> {
  if (!row.roles.includes('admin') || !row.active) return false;
  const [other] = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.active, true), sql`'admin' = any(${people.roles})`, ne(people.id, row.id)))
    .limit(1);
  return !other;
}

/** Deactivation and DELETE: the person leaves through the alumni flow (links keep working, nothing is deleted). */
async function leave(ctx: AppContext, auth: Auth, personId: string): Promise<void> {
  const row = await getPersonRow(ctx.database.db, personId);
  if (row.ambassadorStatus === 'alumni') return;
  try {
    await markLeaver(ctx, auth, personId, {});
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'last_admin') throw lastAdminError();
    throw error;
  }
}

/**
 * A SCIM token is a provisioning token, not an administrator: it may not move the sign-in address of
 * someone who holds roles beyond ambassador (a sign-in link would then go to whoever the provider names),
 * nor bring back such a person whom an administrator deactivated in Podium.
 */
function guardPrivileged(row: PersonRow, resolved: Resolved, after: UserState): void {
  if (!row.roles.some((role) => role !== 'ambassador')) return;
  if (resolved.email !== row.email.toLowerCase()) {
    throw new ScimError(400, `User ${row.id} is a Podium ${row.roles.filter((r) => r !== 'ambassador').join(' and ')}: their e-mail address is changed by an administrator in Podium, not by provisioning.`, 'mutability');
  }
  if (after.active && !row.active && row.ambassadorStatus !== 'alumni') {
    throw new ScimError(400, `User ${row.id} was deactivated by an administrator in Podium and holds roles beyond ambassador: an administrator re-activates them in Podium.`, 'mutability');
  }
}

/** Replaces (PUT) or patches a user: every change goes through the people service and the leaver and re-hire flows. */
async function writeUser(ctx: AppContext, auth: Auth, row: PersonRow, before: UserState, after: UserState): Promise<ScimUser> {
  const resolved = resolve(after);
  guardPrivileged(row, resolved, after);
  const now = ctx.clock.now();
  const db = ctx.database.db;
  // Refused before anything is written: a PUT that renames and deactivates the last admin changes nothing.
  if (!after.active && isActive(row) && (await isLastAdmin(db, row))) throw lastAdminError();
  await checkExternalId(db, after.externalId, row.id);
  if (resolved.email !== row.email.toLowerCase()) await checkEmail(db, resolved.email, row.id);
  const wasActive = isActive(row);
  if (after.active && !wasActive) {
    if (row.ambassadorStatus === 'alumni') {
      // A returning colleague: the re-hire path of the people service (status, left_at, programme).
      await db.transaction(async (tx) => rehirePerson(tx, auth, row, { email: resolved.email, name: resolved.name, ...(resolved.language ? { language: resolved.language } : {}) }, now)).catch(uniqueness);
      peopleChanged(ctx);
    } else {
      await updatePerson(ctx, auth, row.id, { active: true });
    }
  }
  const current = await getPersonRow(db, row.id);
  const changes = {
    ...(resolved.email !== current.email ? { email: resolved.email } : {}),
    ...(resolved.name !== current.name ? { name: resolved.name } : {}),
    ...(resolved.language && resolved.language !== current.language ? { language: resolved.language } : {}),
  };
  if (Object.keys(changes).length > 0) {
    try {
      await updatePerson(ctx, auth, row.id, changes);
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'email_taken') throw new ScimError(409, `A user with e-mail "${resolved.email}" already exists.`, 'uniqueness');
      throw error;
    }
  }
  await db
    .transaction(async (tx) => {
      await writeScimFields(tx, auth, row.id, { ...after, email: resolved.email }, after.active, now);
      await recordAudit(tx, auth, now, { action: 'scim.user.updated', subjectType: 'person', subjectId: row.id, before: scimAudit(before), after: scimAudit(after) });
    })
    .catch(uniqueness);
  peopleChanged(ctx);
  if (!after.active && wasActive) await leave(ctx, auth, row.id);
  return getUser(ctx, row.id);
}

export async function replaceUser(ctx: AppContext, auth: Auth, id: string, state: UserState): Promise<ScimUser> {
  const row = await loadPerson(ctx.database.db, id);
  return writeUser(ctx, auth, row, await currentState(ctx.database.db, row), state);
}

export async function patchUser(ctx: AppContext, auth: Auth, id: string, operations: PatchOperation[]): Promise<ScimUser> {
  const row = await loadPerson(ctx.database.db, id);
  const before = await currentState(ctx.database.db, row);
  return writeUser(ctx, auth, row, before, applyUserPatch(before, operations));
}

/** DELETE /Users/:id: the person becomes a leaver (alumni); they are not deleted, their links keep working. */
export async function deleteUser(ctx: AppContext, auth: Auth, id: string): Promise<void> {
  const row = await loadPerson(ctx.database.db, id);
  await leave(ctx, auth, row.id);
  await recordAudit(ctx.database.db, auth, ctx.clock.now(), { action: 'scim.user.deleted', subjectType: 'person', subjectId: row.id });
}
