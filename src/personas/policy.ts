import { hasRole, isAdmin, isPerson, isProgrammeStaff, type Policy, type SignedIn } from '../auth/context.ts';

/**
 * A person's persona is seen by that person and by admins only: not by editors, recruiters or line
 * managers. Everyone on the programme staff sees personas in aggregate (groups of 5 or more).
 */

/** Route policy: a person may ask for a persona (the service checks whose); admins for anyone's. */
export const canAskForPersona: Policy = (auth) => hasRole(auth, 'admin') || auth.personId !== null;

/** Whether the caller may see this person's persona: themself, or an admin. */
export const canViewPersona = (auth: SignedIn, personId: string): boolean => hasRole(auth, 'admin') || auth.personId === personId;

/** Route policy: one's own self-assessment (a person, never an organisation token). */
export const canAssessOwnPersona: Policy = isPerson;

/** Route policy: recomputing everyone's persona is an admin's call. */
export const canRecomputePersonas: Policy = isAdmin;

/** Route policy: the persona flow report (aggregates only) is for programme staff. */
export const canViewPersonaFlow: Policy = isProgrammeStaff;
