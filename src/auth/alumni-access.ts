import type { AmbassadorStatus } from '../db/schema/people.ts';
import type { SignedIn } from './context.ts';

/**
 * The alumni rules, in one place. An alumnus is someone who left the organisation
 * (`ambassador_status = 'alumni'`, `left_at` set): their links keep working and their shares,
 * clicks and conversions stay credited to them, but they are no longer inside.
 *
 * 1. Signing in. An alumnus signs in ONLY with a magic link mailed to the personal e-mail address
 *    they left behind (`people.personal_email`), and only while they are in the alumni programme
 *    (`alumni_joined_at` set). Not with their work e-mail, not with a password, not with an API
 *    token — and not by single sign-on: where an organisation requires SSO for its employees,
 *    alumni are no longer in its directory, so the personal-e-mail magic link stays open for them.
 *    Any new way of signing in (SSO, SCIM, …) must ask `signInAllowed` with its own method and
 *    must not switch off `personal_email_link` for alumni.
 * 2. Sessions. An alumnus's session is valid only if it began with ALUMNI_SESSION_METHOD while
 *    they were in the programme; it carries no roles and is marked `alumnus`.
 * 3. What they reach: deny by default. A signed-in alumnus may call only the API routes in
 *    ALUMNI_ROUTES (checked by the auth hook in src/http/auth-hooks.ts), so a route added later is
 *    closed to alumni until someone decides otherwise here.
 * 4. What they see and share: published stories meant for everyone (no target groups) — the feed
 *    reads them as someone outside every group, and `src/sharing/compose.ts` asks
 *    `sharingStanding` — never vacancies, drafts, staff pages or people lists.
 */

/** How someone tries to sign in. */
export type SignInMethod = 'work_email_link' | 'personal_email_link' | 'password' | 'single_sign_on' | 'api_token';

/** The session method of an alumnus's session (a magic link to their personal e-mail). */
export const ALUMNI_SESSION_METHOD = 'alumni_magic_link';

/** What the sign-in rules need to know about a person. */
export interface SignInSubject {
  active: boolean;
  erasedAt: Date | null;
  ambassadorStatus: AmbassadorStatus;
  alumniJoinedAt: Date | null;
}

/** In the alumni programme: left, and joined the programme since. */
export const isAlumniMember = (person: Pick<SignInSubject, 'ambassadorStatus' | 'alumniJoinedAt'>): boolean =>
  person.ambassadorStatus === 'alumni' && person.alumniJoinedAt !== null;

/**
 * Whether a person may sign in this way (rule 1 above). Employees: anything but the personal-e-mail
 * link (it exists for alumni only). Alumni: the personal-e-mail link, and only in the programme —
 * also where single sign-on is required for employees.
 */
export function signInAllowed(person: SignInSubject, method: SignInMethod): boolean {
  if (!person.active || person.erasedAt) return false;
  if (person.ambassadorStatus === 'alumni') return method === 'personal_email_link' && person.alumniJoinedAt !== null;
  return method !== 'personal_email_link';
}

/** Whether a stored session is still valid for its person (rule 2): alumni sessions only for programme members, and only alumni have them. */
export function sessionValidFor(person: Pick<SignInSubject, 'ambassadorStatus' | 'alumniJoinedAt'>, method: string): boolean {
  if (person.ambassadorStatus === 'alumni') return method === ALUMNI_SESSION_METHOD && person.alumniJoinedAt !== null;
  return method !== ALUMNI_SESSION_METHOD;
}

/**
 * The API routes a signed-in alumnus may call (rule 3), as `METHOD /registered/url`. Public routes
 * are open to everyone anyway. Everything else answers 403 for alumni, whatever their old roles.
 */
export const ALUMNI_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/auth/session',
  'POST /api/auth/sign-out',
  'POST /api/auth/sign-out-everywhere',
  // Their own profile (name, language) and their personal data export.
  'GET /api/v1/me',
  'PATCH /api/v1/me',
  'GET /api/v1/me/export',
  // The alumni programme: their status, personal e-mail, leaving it.
  'GET /api/v1/me/alumni',
  'PATCH /api/v1/me/alumni',
  'POST /api/v1/me/alumni/leave',
  // Public stories: the feed (stories for everyone only), the composer, their own shares and results.
  'GET /api/v1/feed',
  'GET /api/v1/audiences',
  'POST /api/v1/shares/check',
  'POST /api/v1/shares',
  'GET /api/v1/me/shares',
  'GET /api/v1/shares/:id/stats',
  'GET /api/v1/people/:id/stats',
]);

/** Whether a signed-in caller may use a route: everyone but alumni may (their policy decides); alumni only the listed routes. */
export function alumniMayCall(auth: SignedIn, method: string, url: string): boolean {
  if (auth.kind !== 'session' || !auth.alumnus) return true;
  return ALUMNI_ROUTES.has(`${method} ${url}`);
}

/** Who may share: active ambassadors, and alumni in the programme (public stories only); null for anyone else. */
export function sharingStanding(person: Pick<SignInSubject, 'ambassadorStatus' | 'alumniJoinedAt'>): 'ambassador' | 'alumnus' | null {
  if (person.ambassadorStatus === 'active') return 'ambassador';
  if (isAlumniMember(person)) return 'alumnus';
  return null;
}

/** Route policy of the alumni's own pages: signed in as an alumnus (a session, never a token). */
export const isAlumnus = (auth: SignedIn): boolean => auth.kind === 'session' && auth.alumnus === true;
