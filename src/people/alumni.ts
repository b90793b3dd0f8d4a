import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { Auth, SignedIn } from '../auth/context.ts';
import { createLink } from '../auth/links.ts';
import { endAllSessions } from '../auth/sessions.ts';
import { safeEqual, sign } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { apiTokens, groupMemberships, groups, people, signInLinks } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { renderMail } from '../mail/templates.ts';
import { peopleChanged } from './changes.ts';
import { changeAmbassadorStatus, getPersonRow } from './service.ts';
import { emitPersonLeft } from '../webhooks/events.ts';

/**
 * Leaving and the alumni programme (the revolving-door ambassador). A leaver becomes an alumnus:
 * status 'alumni' (recorded in person_status_changes), left_at set, no staff roles, no groups, every
 * session, API token and pending sign-in link of theirs gone. Their shares, links, clicks and
 * conversions are not touched: links keep redirecting and results stay credited to them.
 * An alumnus may join the alumni programme (alumni_joined_at) and leave it again; the sign-in and
 * access rules for alumni are in src/auth/alumni-access.ts.
 */

type PersonRow = typeof people.$inferSelect;

/** How long the signed invitation link to the programme page works. */
const INVITATION_DAYS = 30;
const DAY_MS = 86_400_000;

/** What the API shows about a person's alumni status. */
export interface AlumniView {
  personId: string;
  name: string;
  ambassadorStatus: PersonRow['ambassadorStatus'];
  leftAt: string | null;
  personalEmail: string | null;
  inProgramme: boolean;
  alumniJoinedAt: string | null;
}

export function presentAlumni(row: PersonRow): AlumniView {
  return {
    personId: row.id,
    name: row.name,
    ambassadorStatus: row.ambassadorStatus,
    leftAt: row.leftAt?.toISOString() ?? null,
    personalEmail: row.personalEmail,
    inProgramme: row.ambassadorStatus === 'alumni' && row.alumniJoinedAt !== null,
    alumniJoinedAt: row.alumniJoinedAt?.toISOString() ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// The signed invitation link

const invitationPayload = (personId: string, expires: number, leftAt: Date) => `${personId}.${expires}.${leftAt.getTime()}`;

/**
 * A link to the alumni programme page that cannot be forged (HMAC under the secret key), works for
 * 30 days, and only for this leaving: a re-hire (or a second leaving) makes it worthless.
 * Helper for the alumni-invitation nudge and the personal-e-mail sign-in of someone not yet in the programme.
 */
export function alumniInvitationToken(secretKey: string, person: { id: string; leftAt: Date }, now: Date): string {
  const expires = now.getTime() + INVITATION_DAYS * DAY_MS;
  const signature = sign(secretKey, 'alumni-invitation', invitationPayload(person.id, expires, person.leftAt));
  return `${person.id}.${expires.toString(36)}.${signature}`;
}

/**
 * The absolute URL of the alumni programme page for a leaver, or null when the person has not left.
 * @example alumniInvitationUrl(ctx, person) // https://podium.example/alumni/join?token=…
 */
export function alumniInvitationUrl(ctx: AppContext, person: { id: string; leftAt: Date | null; ambassadorStatus: string }): string | null {
  if (person.ambassadorStatus !== 'alumni' || !person.leftAt) return null;
  const token = alumniInvitationToken(ctx.config.secretKey, { id: person.id, leftAt: person.leftAt }, ctx.clock.now());
  return `${ctx.config.baseUrl}/alumni/join?token=${encodeURIComponent(token)}`;
}

const invalidInvitation = () => new AppError(400, 'alumni_invitation_invalid', 'error.alumni.invitation_invalid');
/** The shape of a person id: anything else never reaches the database (which would refuse it as a uuid). */
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The leaver an invitation token names; 400 for a forged, expired or outdated one. */
async function personOfInvitation(ctx: AppContext, tx: Tx, token: string): Promise<PersonRow> {
  const [personId = '', expiresText = '', signature = ''] = token.split('.');
  const expires = Number.parseInt(expiresText, 36);
  if (!uuidPattern.test(personId) || !Number.isFinite(expires) || !signature) throw invalidInvitation();
  const [person] = await tx.select().from(people).where(eq(people.id, personId)).limit(1);
  if (person?.ambassadorStatus !== 'alumni' || !person.leftAt || person.erasedAt || !person.active) throw invalidInvitation();
  const expected = sign(ctx.config.secretKey, 'alumni-invitation', invitationPayload(person.id, expires, person.leftAt));
  if (!safeEqual(signature, expected)) throw invalidInvitation();
  if (expires <= ctx.clock.now().getTime()) throw new AppError(400, 'alumni_invitation_expired', 'error.alumni.invitation_expired');
  return person;
}

// ---------------------------------------------------------------------------------------------
// Personal e-mail

/** A personal address may be no account's work e-mail (that would be someone's sign-in) and no other alumnus's personal one. */
async function checkPersonalEmail(tx: Tx, personId: string, email: string): Promise<void> {
  const lower = email.trim().toLowerCase();
  const [work] = await tx.select({ id: people.id }).from(people).where(eq(sql`lower(${people.email})`, lower)).limit(1);
  if (work) throw new AppError(409, 'personal_email_is_work_email', 'error.alumni.personal_email_is_work_email', { email: lower });
  const [other] = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(sql`lower(${people.personalEmail})`, lower), ne(people.id, personId)))
    .limit(1);
  if (other) throw new AppError(409, 'personal_email_taken', 'error.alumni.personal_email_taken', { email: lower });
}

/** Finds an alumnus by the personal e-mail they left behind, case-insensitively. */
export async function findAlumnusByPersonalEmail(tx: Tx, email: string): Promise<PersonRow | null> {
  const [row] = await tx
    .select()
    .from(people)
    .where(and(eq(sql`lower(${people.personalEmail})`, email.trim().toLowerCase()), eq(people.ambassadorStatus, 'alumni')))
    .orderBy(sql`${people.leftAt} desc nulls last`)
    .limit(1);
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Leaving

async function otherActiveAdmins(tx: Tx, personId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(people)
    .where(and(eq(people.active, true), sql`'admin' = any(${people.roles})`, ne(people.id, personId)));
  return row?.n ?? 0;
}

/**
 * Whether a personal e-mail address is known to be the alumnus's own: an admin entered it, or the
 * alumnus signed in with a link mailed to it. Re-hires are matched by a personal address only when
 * it is confirmed, so nobody can type in someone else's private address and inherit their new account.
 */
const PERSONAL_EMAIL_CONFIRMED = 'personalEmailConfirmed';

/** people.preferences with the personal e-mail marked confirmed (true) or not (false). */
export function withPersonalEmailConfirmed(confirmed: boolean) {
  return sql`${people.preferences} || ${JSON.stringify({ [PERSONAL_EMAIL_CONFIRMED]: confirmed })}::jsonb`;
}

/** SQL: the row's personal e-mail is confirmed. */
export const personalEmailConfirmed = sql`coalesce((${people.preferences} ->> ${PERSONAL_EMAIL_CONFIRMED})::boolean, false)`;

/**
 * An admin marks a person as leaver (audited). Status alumni through the status-change path, left_at
 * set (a date in the past or today; today when none is given), staff roles and groups dropped, every
 * session, person-bound API token and pending sign-in link ended. Shares, links, clicks and
 * conversions are left exactly as they are.
 */
export async function markLeaver(ctx: AppContext, auth: Auth, personId: string, input: { personalEmail?: string | null | undefined; leftOn?: string | undefined }) {
  const now = ctx.clock.now();
  const leftAt = input.leftOn ? new Date(`${input.leftOn}T00:00:00.000Z`) : now;
  if (leftAt.getTime() > now.getTime()) throw new AppError(400, 'left_on_in_future', 'error.alumni.left_on_in_future');
  const row = await ctx.database.db.transaction(async (tx) => {
    const before = await getPersonRow(tx, personId);
    if (before.erasedAt) throw new AppError(409, 'person_erased', 'error.person_erased');
    if (before.ambassadorStatus === 'alumni') throw new AppError(409, 'already_alumni', 'error.alumni.already_alumni');
    if (before.roles.includes('admin') && before.active && (await otherActiveAdmins(tx, personId)) === 0) throw new AppError(409, 'last_admin', 'error.last_admin');
    const personalEmail = input.personalEmail === undefined ? before.personalEmail : input.personalEmail;
    if (personalEmail) await checkPersonalEmail(tx, personId, personalEmail);
    await changeAmbassadorStatus(tx, before, 'alumni', now);
    const [after] = await tx
      .update(people)
      .set({ leftAt, personalEmail: personalEmail?.toLowerCase() ?? null, alumniJoinedAt: null, roles: ['ambassador'], updatedAt: now, preferences: withPersonalEmailConfirmed(personalEmail !== null && personalEmail !== undefined) })
      .where(eq(people.id, personId))
      .returning();
    if (!after) throw new Error('leaver update returned nothing');
    await emitPersonLeft(ctx, tx, after);
    const formerGroups = await tx
      .select({ id: groups.id, kind: groups.kind, name: groups.name })
      .from(groupMemberships)
      .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
      .where(eq(groupMemberships.personId, personId));
    // No longer in any department or team: nothing targeted at a group reaches them, and a share
    // they make as an alumnus is no department's (earlier shares keep the department they had).
    await tx.delete(groupMemberships).where(eq(groupMemberships.personId, personId));
    await endAllSessions(tx, personId);
    await tx.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.personId, personId), isNull(apiTokens.revokedAt)));
    // A sign-in link sent to the work e-mail a moment ago must not let them in afterwards.
    await tx.delete(signInLinks).where(and(eq(signInLinks.personId, personId), isNull(signInLinks.usedAt)));
    await recordAudit(tx, auth, now, {
      action: 'person.left',
      subjectType: 'person',
      subjectId: personId,
      before: { ambassadorStatus: before.ambassadorStatus, roles: before.roles, groups: formerGroups, personalEmail: before.personalEmail },
      after: { ambassadorStatus: 'alumni', roles: after.roles, leftAt: leftAt.toISOString(), personalEmail: after.personalEmail },
    });
    return after;
  });
  peopleChanged(ctx);
  return presentAlumni(row);
}

/** An admin reads a person's alumni status. */
export async function alumniStatusOf(ctx: AppContext, personId: string): Promise<AlumniView> {
  return presentAlumni(await getPersonRow(ctx.database.db, personId));
}

// ---------------------------------------------------------------------------------------------
// Mails to the personal e-mail

/** Mails an alumnus in the programme a 15-minute sign-in link to their personal e-mail (the only way they sign in). */
async function mailAlumniSignIn(ctx: AppContext, person: PersonRow): Promise<void> {
  if (!person.personalEmail) return;
  const token = await createLink(ctx.database.db, 'sign_in', person.id, ctx.clock.now(), person.personalEmail.toLowerCase());
  const url = `${ctx.config.baseUrl}/auth/magic?token=${encodeURIComponent(token)}`;
  const mail = renderMail('alumni_sign_in', person.language, { organisation: ctx.config.organisationName, name: person.name, url });
  await ctx.mailer.send({ ...mail, to: person.personalEmail, personId: person.id, kind: 'alumni_sign_in' });
}

/** Mails a leaver not (or no longer) in the programme the link to the programme page. */
async function mailInvitation(ctx: AppContext, person: PersonRow): Promise<void> {
  const url = alumniInvitationUrl(ctx, person);
  if (!url || !person.personalEmail) return;
  const mail = renderMail('alumni_invitation', person.language, { organisation: ctx.config.organisationName, name: person.name, url });
  await ctx.mailer.send({ ...mail, to: person.personalEmail, personId: person.id, kind: 'alumni_invitation' });
}

/**
 * A sign-in request for an address that is nobody's usable work e-mail: when it is an alumnus's
 * personal e-mail, an alumnus in the programme gets a sign-in link and one not in it the link to
 * the programme page (they cannot sign in until they join). Sends nothing otherwise.
 */
export async function mailAlumnusAtPersonalEmail(ctx: AppContext, email: string): Promise<void> {
  const person = await findAlumnusByPersonalEmail(ctx.database.db, email);
  if (!person?.active || person.erasedAt) return;
  if (person.alumniJoinedAt) await mailAlumniSignIn(ctx, person);
  else await mailInvitation(ctx, person);
}

/** Whether a used sign-in link was one sent to this alumnus's current personal e-mail. */
export function isPersonalEmailLink(link: { email: string | null }, person: Pick<PersonRow, 'personalEmail'>): boolean {
  return link.email !== null && person.personalEmail !== null && link.email === person.personalEmail.toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Joining and leaving the programme

/** What the programme page shows to whoever holds an invitation link: a first name, never an address in full. */
export async function invitationStatus(ctx: AppContext, token: string) {
  const person = await personOfInvitation(ctx, ctx.database.db, token);
  return { name: person.name, language: person.language, inProgramme: person.alumniJoinedAt !== null, personalEmailHint: maskEmail(person.personalEmail) };
}

/** j•••@example.org: enough to recognise one's own address, not enough to learn someone's. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.indexOf('@');
  return at <= 0 ? '•••' : `${email[0]}•••${email.slice(at)}`;
}

/**
 * Joins the programme from the invitation link. A personal e-mail may be given when none is known
 * yet (changing a known one needs signing in). Joining does not sign anyone in: a sign-in link goes
 * to the personal e-mail, as for every alumni sign-in.
 */
export async function joinByInvitation(ctx: AppContext, token: string, personalEmail: string | undefined) {
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    const person = await personOfInvitation(ctx, tx, token);
    let email = person.personalEmail;
    if (personalEmail && personalEmail.toLowerCase() !== email?.toLowerCase()) {
      if (email) throw new AppError(409, 'personal_email_already_set', 'error.alumni.personal_email_already_set');
      await checkPersonalEmail(tx, person.id, personalEmail);
      email = personalEmail.toLowerCase();
    }
    if (!email) throw new AppError(400, 'personal_email_required', 'error.alumni.personal_email_required');
    const [after] = await tx
      .update(people)
      // An address typed in on the invitation page is not confirmed until a sign-in link to it is used.
      .set({ alumniJoinedAt: person.alumniJoinedAt ?? now, personalEmail: email, updatedAt: now, ...(email === person.personalEmail ? {} : { preferences: withPersonalEmailConfirmed(false) }) })
      .where(eq(people.id, person.id))
      .returning();
    if (!after) throw new Error('join update returned nothing');
    if (!person.alumniJoinedAt) {
      await recordAudit(tx, { kind: 'anonymous' }, now, { action: 'alumni.joined', subjectType: 'person', subjectId: person.id, after: { personalEmail: email } });
    }
    return after;
  });
  peopleChanged(ctx);
  await mailAlumniSignIn(ctx, row);
  return { inProgramme: true as const, signInLinkSentTo: maskEmail(row.personalEmail) };
}

async function leaveProgrammeOf(tx: Tx, person: PersonRow, now: Date): Promise<PersonRow> {
  const [after] = await tx.update(people).set({ alumniJoinedAt: null, updatedAt: now }).where(eq(people.id, person.id)).returning();
  await endAllSessions(tx, person.id);
  if (person.alumniJoinedAt) {
    await recordAudit(tx, { kind: 'anonymous' }, now, { action: 'alumni.left_programme', subjectType: 'person', subjectId: person.id });
  }
  return after ?? person;
}

/** Leaves the programme from the invitation link (no sign-in needed); every session of theirs ends. */
export async function leaveByInvitation(ctx: AppContext, token: string) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => leaveProgrammeOf(tx, await personOfInvitation(ctx, tx, token), now));
  peopleChanged(ctx);
  return { inProgramme: false as const };
}

async function alumnusRow(tx: Tx, personId: string): Promise<PersonRow> {
  const person = await getPersonRow(tx, personId);
  if (person.ambassadorStatus !== 'alumni') throw new AppError(409, 'not_alumnus', 'error.alumni.not_alumnus');
  return person;
}

/** A signed-in alumnus reads their programme status. */
export async function myAlumniStatus(ctx: AppContext, personId: string): Promise<AlumniView> {
  return presentAlumni(await alumnusRow(ctx.database.db, personId));
}

/** A signed-in alumnus changes the personal e-mail they sign in with. */
export async function changeMyPersonalEmail(ctx: AppContext, auth: SignedIn, personalEmail: string): Promise<AlumniView> {
  return changePersonalEmail(ctx, auth, auth.personId as string, personalEmail);
}

/**
 * Sets or changes an alumnus's personal e-mail (audited): the alumnus themself, or an admin for a
 * leaver who left none behind (without one they cannot be reached or sign in).
 */
export async function changePersonalEmail(ctx: AppContext, auth: Auth, personId: string, personalEmail: string): Promise<AlumniView> {
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    const person = await alumnusRow(tx, personId);
    await checkPersonalEmail(tx, personId, personalEmail);
    // An admin vouches for the address; the alumnus's own new address is confirmed by signing in with it.
    const byAdmin = auth.kind !== 'anonymous' && auth.personId !== personId && auth.roles.includes('admin');
    const [after] = await tx
      .update(people)
      .set({ personalEmail: personalEmail.toLowerCase(), updatedAt: now, preferences: withPersonalEmailConfirmed(byAdmin) })
      .where(eq(people.id, personId))
      .returning();
    await recordAudit(tx, auth, now, {
      action: 'alumni.personal_email_changed',
      subjectType: 'person',
      subjectId: personId,
      before: { personalEmail: person.personalEmail },
      after: { personalEmail: personalEmail.toLowerCase() },
    });
    return after ?? person;
  });
  return presentAlumni(row);
}

/** A signed-in alumnus leaves the programme: they are signed out everywhere and cannot sign in until they join again. */
export async function leaveMyProgramme(ctx: AppContext, personId: string): Promise<AlumniView> {
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => leaveProgrammeOf(tx, await alumnusRow(tx, personId), now));
  peopleChanged(ctx);
  return presentAlumni(row);
}
