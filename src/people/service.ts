import { and, asc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { Auth } from '../auth/context.ts';
import { createLink } from '../auth/links.ts';
import { endAllSessions } from '../auth/sessions.ts';
import { peopleChanged } from './changes.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { type AmbassadorStatus, type GroupKind, groupMemberships, groups, people, personStatusChanges } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { decodeCursor, page } from '../http/pagination.ts';
import { renderMail } from '../mail/templates.ts';
import { presentPeople, presentPerson } from './presenter.ts';
import { findFormerEmployee, rehirePerson } from './rehire.ts';
import type { CreatePersonInput, PeopleQuery, UpdatePersonInput } from './schema.ts';

type PersonRow = typeof people.$inferSelect;

/** Finds a person by e-mail address, case-insensitively. */
export async function findPersonByEmail(tx: Tx, email: string): Promise<PersonRow | null> {
  const [row] = await tx.select().from(people).where(eq(sql`lower(${people.email})`, email.trim().toLowerCase())).limit(1);
  return row ?? null;
}

/** Loads a person or throws person_not_found. */
export async function getPersonRow(tx: Tx, id: string): Promise<PersonRow> {
  const [row] = await tx.select().from(people).where(eq(people.id, id)).limit(1);
  if (!row) throw notFound('person_not_found', id);
  return row;
}

/** Records an ambassador status change with its history row. */
export async function changeAmbassadorStatus(tx: Tx, person: PersonRow, to: AmbassadorStatus, now: Date): Promise<PersonRow> {
  if (person.ambassadorStatus === to) return person;
  const [row] = await tx
    .update(people)
    .set({ ambassadorStatus: to, statusChangedAt: now, updatedAt: now })
    .where(eq(people.id, person.id))
    .returning();
  await tx.insert(personStatusChanges).values({ personId: person.id, fromStatus: person.ambassadorStatus, toStatus: to, changedAt: now });
  if (!row) throw notFound('person_not_found', person.id);
  return row;
}

async function checkGroupKinds(tx: Tx, ids: string[], kind: GroupKind): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.select({ id: groups.id, kind: groups.kind }).from(groups).where(inArray(groups.id, ids));
  for (const id of ids) {
    const group = found.find((g) => g.id === id);
    if (!group) throw notFound('group_not_found', id);
    if (group.kind !== kind) throw new AppError(400, 'group_kind_mismatch', 'error.group_kind_mismatch', { id, kind });
  }
}

/** Replaces a person's memberships of one group kind (one department, one location, any number of teams). */
export async function setMembershipsOfKind(tx: Tx, personId: string, kind: GroupKind, groupIds: string[]): Promise<void> {
  await checkGroupKinds(tx, groupIds, kind);
  await tx.delete(groupMemberships).where(
    and(eq(groupMemberships.personId, personId), inArray(groupMemberships.groupId, tx.select({ id: groups.id }).from(groups).where(eq(groups.kind, kind)))),
  );
  if (groupIds.length > 0) {
    await tx.insert(groupMemberships).values(groupIds.map((groupId) => ({ groupId, personId }))).onConflictDoNothing();
  }
}

async function applyMemberships(tx: Tx, personId: string, input: Pick<CreatePersonInput, 'departmentId' | 'locationId' | 'teamIds'>) {
  if (input.departmentId !== undefined) await setMembershipsOfKind(tx, personId, 'department', input.departmentId ? [input.departmentId] : []);
  if (input.locationId !== undefined) await setMembershipsOfKind(tx, personId, 'location', input.locationId ? [input.locationId] : []);
  if (input.teamIds !== undefined) await setMembershipsOfKind(tx, personId, 'team', input.teamIds);
}

/** Sends a person an invitation with a 7-day sign-in link (the people.invite job). */
export async function sendInvitation(ctx: AppContext, personId: string): Promise<void> {
  await deliverInvitation(ctx, personId);
}

/** Mails the invitation; false when the person cannot sign in with it (deactivated, erased, or an alumnus: re-hiring is the way back). */
async function deliverInvitation(ctx: AppContext, personId: string): Promise<boolean> {
  const person = await getPersonRow(ctx.database.db, personId);
  if (!person.active || person.erasedAt || person.ambassadorStatus === 'alumni') return false;
  const token = await createLink(ctx.database.db, 'invite', person.id, ctx.clock.now());
  const url = `${ctx.config.baseUrl}/auth/magic?token=${encodeURIComponent(token)}`;
  const mail = renderMail('invite', person.language, { organisation: ctx.config.organisationName, name: person.name, url });
  await ctx.mailer.send({ ...mail, to: person.email, personId: person.id, kind: 'invite' });
  return true;
}

/** An admin (re)sends an invitation (audited); answers whether a mail went out. */
export async function invitePerson(ctx: AppContext, auth: Auth, personId: string): Promise<boolean> {
  const sent = await deliverInvitation(ctx, personId);
  if (sent) await recordAudit(ctx.database.db, auth, ctx.clock.now(), { action: 'person.invited', subjectType: 'person', subjectId: personId });
  return sent;
}

/**
 * Creates a person (admin action, audited); e-mail addresses are unique case-insensitively. A
 * returning colleague (an alumnus's work or personal e-mail) gets their own row back: `rehired`.
 */
export async function createPerson(ctx: AppContext, auth: Auth, input: CreatePersonInput) {
  const now = ctx.clock.now();
  let created: PersonRow;
  let rehired = false;
  try {
    created = await ctx.database.db.transaction(async (tx) => {
      const former = await findFormerEmployee(tx, input.email);
      if (former) {
        rehired = true;
        return rehirePerson(tx, auth, former, input, now);
      }
      const [row] = await tx
        .insert(people)
        .values({
          email: input.email,
          name: input.name,
          language: input.language ?? 'en',
          timeZone: input.timeZone ?? 'Europe/Amsterdam',
          startDate: input.startDate ?? null,
          roles: input.roles ?? ['ambassador'],
          ambassadorStatus: 'invited',
          statusChangedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await tx.insert(personStatusChanges).values({ personId: row.id, fromStatus: null, toStatus: 'invited', changedAt: now });
      await applyMemberships(tx, row.id, input);
      await recordAudit(tx, auth, now, { action: 'person.created', subjectType: 'person', subjectId: row.id, after: auditView(row) });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, 'email_taken', 'error.email_taken', { email: input.email });
    throw error;
  }
  if (rehired) peopleChanged(ctx);
  if (input.invite) await sendInvitation(ctx, created.id);
  return { ...(await presentPerson(ctx.database.db, created)), rehired };
}

/** The fields of a person worth keeping in the audit log. */
function auditView(row: PersonRow): Record<string, unknown> {
  return {
    email: row.email,
    name: row.name,
    language: row.language,
    timeZone: row.timeZone,
    startDate: row.startDate,
    roles: row.roles,
    ambassadorStatus: row.ambassadorStatus,
    active: row.active,
  };
}

async function countOtherActiveAdmins(tx: Tx, personId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(people)
    .where(and(eq(people.active, true), sql`'admin' = any(${people.roles})`, sql`${people.id} <> ${personId}`));
  return row?.n ?? 0;
}

/** Updates a person (admin action, audited). Deactivation ends their sessions; their links keep working. */
export async function updatePerson(ctx: AppContext, auth: Auth, id: string, input: UpdatePersonInput) {
  const now = ctx.clock.now();
  try {
    const row = await ctx.database.db.transaction(async (tx) => {
      const before = await getPersonRow(tx, id);
      if (before.erasedAt) throw new AppError(409, 'person_erased', 'error.person_erased');
      const losesAdmin =
        before.roles.includes('admin') && before.active && ((input.roles && !input.roles.includes('admin')) || input.active === false);
      if (losesAdmin && (await countOtherActiveAdmins(tx, id)) === 0) throw new AppError(409, 'last_admin', 'error.last_admin');
      const [after] = await tx
        .update(people)
        .set({
          email: input.email,
          name: input.name,
          language: input.language,
          timeZone: input.timeZone,
          startDate: input.startDate,
          roles: input.roles,
          active: input.active,
          deactivatedAt: input.active === false && before.active ? now : input.active === true ? null : undefined,
          updatedAt: now,
        })
        .where(eq(people.id, id))
        .returning();
      if (!after) throw notFound('person_not_found', id);
      await applyMemberships(tx, id, input);
      if (input.active === false && before.active) await endAllSessions(tx, id);
      await recordAudit(tx, auth, now, { action: 'person.updated', subjectType: 'person', subjectId: id, before: auditView(before), after: auditView(after) });
      return after;
    });
    peopleChanged(ctx);
    return presentPerson(ctx.database.db, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, 'email_taken', 'error.email_taken', { email: input.email ?? '' });
    throw error;
  }
}

/** Lists people with filters, alphabetically, keyset-paginated. */
export async function listPeople(tx: Tx, query: PeopleQuery) {
  const conditions = [];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(people.name, pattern), ilike(people.email, pattern)));
  }
  if (query.email) conditions.push(eq(sql`lower(${people.email})`, query.email.toLowerCase()));
  if (query.role) conditions.push(sql`${query.role} = any(${people.roles})`);
  if (query.status) conditions.push(eq(people.ambassadorStatus, query.status));
  if (query.active !== undefined) conditions.push(eq(people.active, query.active));
  if (query.groupId) {
    conditions.push(
      inArray(people.id, tx.select({ id: groupMemberships.personId }).from(groupMemberships).where(eq(groupMemberships.groupId, query.groupId))),
    );
  }
  const cursor = decodeCursor(query.cursor, ['string', 'uuid']);
  if (cursor) {
    const [name, id] = cursor as [string, string];
    conditions.push(or(gt(sql`lower(${people.name})`, name), and(eq(sql`lower(${people.name})`, name), gt(people.id, id))));
  }
  const rows = await tx
    .select()
    .from(people)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(sql`lower(${people.name})`), asc(people.id))
    .limit(query.limit + 1);
  const result = page(rows, query.limit, (r) => [r.name.toLowerCase(), r.id]);
  return { items: await presentPeople(tx, result.items), nextCursor: result.nextCursor };
}
