import { hasRole, type Policy, type SignedIn } from '../auth/context.ts';

const isStaff = (auth: SignedIn): boolean => hasRole(auth, 'admin', 'editor', 'recruiter');

/** Route policy: programme staff see every result; a person may ask for their own (the service checks whose). */
export const canAskForOwnStats: Policy = (auth) => isStaff(auth) || auth.personId !== null;

/** Route policy: results of stories and campaigns, and the reports across ambassadors, are for programme staff. */
export const canViewReports: Policy = isStaff;

/** Staff see every share's results; an ambassador sees those of their own shares. */
export const canViewShareStats = (auth: SignedIn, share: { personId: string }): boolean => isStaff(auth) || (auth.personId !== null && auth.personId === share.personId);

/** Staff see every person's results; a person sees their own. */
export const canViewPersonStats = (auth: SignedIn, personId: string): boolean => isStaff(auth) || auth.personId === personId;
