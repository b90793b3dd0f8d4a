import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { Auth } from '../auth/context.ts';
import { endAllSessions } from '../auth/sessions.ts';
import type { Tx } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { type AmbassadorStatus, consents, people } from '../db/schema/index.ts';
import { getSetting } from '../settings/service.ts';
import { personalEmailConfirmed } from './alumni.ts';
import type { CreatePersonInput } from './schema.ts';
import { changeAmbassadorStatus, getPersonRow, setMembershipsOfKind } from './service.ts';

/**
 * Re-hires are recognised by e-mail: a person created through the API or a CSV import whose e-mail
 * is an alumnus's work e-mail or the personal e-mail they left behind gets that alumnus's own row
 * back — status invited (or active, see statusOnReturn), left_at and the programme cleared — so
 * their history, shares and links stay one person's, rather than a duplicate or an email_taken error.
 */

type PersonRow = typeof people.$inferSelect;

/** The alumnus an e-mail address belongs to (work e-mail first, then a confirmed personal e-mail no one uses as work e-mail), or null. */
export async function findFormerEmployee(tx: Tx, email: string): Promise<PersonRow | null> {
  const lower = email.trim().toLowerCase();
  const [row] = await tx
    .select()
    .from(people)
    .where(
      and(
        eq(people.ambassadorStatus, 'alumni'),
        isNull(people.erasedAt),
        sql`(lower(${people.email}) = ${lower} or (lower(${people.personalEmail}) = ${lower} and ${personalEmailConfirmed}
          and not exists (select 1 from people q where lower(q.email) = ${lower} and q.id <> ${people.id})))`,
      ),
    )
    .orderBy(sql`(lower(${people.email}) = ${lower}) desc`, sql`${people.leftAt} desc nulls last`)
    .limit(1);
  return row ?? null;
}

/**
 * The status a returning colleague gets: active when their consent to the current social-media
 * policy still stands (leaving does not withdraw it), otherwise invited, to consent again.
 */
async function statusOnReturn(tx: Tx, personId: string): Promise<AmbassadorStatus> {
  const current = await getSetting(tx, 'policy.socialMediaVersion');
  const [consent] = await tx
    .select({ id: consents.id })
    .from(consents)
    .where(and(eq(consents.personId, personId), isNull(consents.withdrawnAt), eq(consents.policyVersion, current)))
    .limit(1);
  return consent ? 'active' : 'invited';
}

/** Takes an alumnus back as an employee: status through the status-change path, left_at and the alumni programme cleared, their alumni sessions ended. */
async function reactivate(tx: Tx, former: PersonRow, email: string, now: Date): Promise<PersonRow> {
  await changeAmbassadorStatus(tx, former, await statusOnReturn(tx, former.id), now);
  const [row] = await tx
    .update(people)
    .set({ email, active: true, deactivatedAt: null, leftAt: null, alumniJoinedAt: null, updatedAt: now })
    .where(eq(people.id, former.id))
    .returning();
  if (!row) throw new Error('re-hire update returned nothing');
  await endAllSessions(tx, former.id);
  return row;
}

/** POST /people for a returning colleague: their row gets the new details (audited as person.rehired). */
export async function rehirePerson(tx: Tx, auth: Auth, former: PersonRow, input: CreatePersonInput, now: Date): Promise<PersonRow> {
  await reactivate(tx, former, input.email, now);
  const [row] = await tx
    .update(people)
    .set({
      name: input.name,
      language: input.language ?? former.language,
      timeZone: input.timeZone ?? former.timeZone,
      startDate: input.startDate === undefined ? former.startDate : input.startDate,
      roles: input.roles ?? ['ambassador'],
      updatedAt: now,
    })
    .where(eq(people.id, former.id))
    .returning();
  if (!row) throw new Error('re-hire update returned nothing');
  if (input.departmentId !== undefined) await setMembershipsOfKind(tx, row.id, 'department', input.departmentId ? [input.departmentId] : []);
  if (input.locationId !== undefined) await setMembershipsOfKind(tx, row.id, 'location', input.locationId ? [input.locationId] : []);
  if (input.teamIds !== undefined) await setMembershipsOfKind(tx, row.id, 'team', input.teamIds);
  await recordAudit(tx, auth, now, {
    action: 'person.rehired',
    subjectType: 'person',
    subjectId: row.id,
    before: { email: former.email, personalEmail: former.personalEmail, ambassadorStatus: former.ambassadorStatus, leftAt: former.leftAt?.toISOString() ?? null },
    after: { email: row.email, ambassadorStatus: row.ambassadorStatus, roles: row.roles },
  });
  return row;
}

/** One re-hired row of a CSV import. */
export interface ImportRehire {
  personId: string;
  email: string;
  line: number;
}

/**
 * Before a CSV import merges its staged rows: every row whose e-mail is an alumnus's work or
 * personal e-mail reactivates that alumnus (their work e-mail becomes the row's), so the merge then
 * updates their row like any existing person's. Recorded in one audit entry per import, which the
 * import's result reads back.
 */
export async function rehireStagedRows(tx: Tx, auth: Auth, importId: string, now: Date): Promise<ImportRehire[]> {
  const matches = await tx
    .execute(sql`
      select distinct on (p.id) p.id, r.email, r.line
      from people_import_rows r
      join people p on p.ambassador_status = 'alumni' and p.erased_at is null
        and (lower(p.email) = r.email or lower(p.personal_email) = r.email)
      where r.import_id = ${importId}
        and not exists (select 1 from people q where lower(q.email) = r.email and q.id <> p.id)
      order by p.id, (lower(p.email) = r.email) desc, r.line`)
    .then((result) => rowsOf<{ id: string; email: string; line: number }>(result));
  const rehired: ImportRehire[] = [];
  for (const match of matches) {
    await reactivate(tx, await getPersonRow(tx, match.id), match.email, now);
    rehired.push({ personId: match.id, email: match.email, line: Number(match.line) });
  }
  if (rehired.length > 0) {
    // Ids and lines only: an address in this entry would outlive the person's erasure (their own
    // audit entries are scrubbed, an import's are not). The address is read from the person's row.
    const entries = rehired.map(({ personId, line }) => ({ personId, line }));
    await recordAudit(tx, auth, now, { action: 'people.rehired', subjectType: 'people_import', subjectId: importId, after: { people: entries } });
  }
  return rehired;
}

/** The re-hires an import made, read back from its audit entry, with each person's current work e-mail. */
export async function rehiresOfImport(tx: Tx, importId: string): Promise<ImportRehire[]> {
  const rows = await tx
    .execute(sql`select after from audit_log where action = 'people.rehired' and subject_type = 'people_import' and subject_id = ${importId} limit 1`)
    .then((result) => rowsOf<{ after: { people?: { personId: string; line: number }[] } | null }>(result));
  const entries = rows[0]?.after?.people ?? [];
  if (entries.length === 0) return [];
  const found = await tx.select({ id: people.id, email: people.email }).from(people).where(inArray(people.id, entries.map((entry) => entry.personId)));
  const emails = new Map(found.map((row) => [row.id, row.email.toLowerCase()]));
  return entries.map((entry) => ({ personId: entry.personId, line: Number(entry.line), email: emails.get(entry.personId) ?? '' }));
}

/** For a dry run: the lines of a file that would take an alumnus back (by work or personal e-mail). */
export async function previewRehires(tx: Tx, rows: readonly { line: number; email: string }[]): Promise<{ line: number; email: string }[]> {
  if (rows.length === 0) return [];
  // One text[] parameter (an array literal, so both engines take it alike).
  const emails = `{${[...new Set(rows.map((r) => r.email.toLowerCase()))].map((e) => `"${e.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  const found = await tx
    .execute(sql`
      select lower(p.email) as work, lower(p.personal_email) as personal from people p
      where p.ambassador_status = 'alumni' and p.erased_at is null
        and (lower(p.email) = any(${emails}::text[]) or lower(p.personal_email) = any(${emails}::text[]))`)
    .then((result) => rowsOf<{ work: string; personal: string | null }>(result));
  const known = new Set(found.flatMap((row) => (row.personal ? [row.work, row.personal] : [row.work])));
  return rows.filter((r) => known.has(r.email.toLowerCase())).map((r) => ({ line: r.line, email: r.email.toLowerCase() }));
}
