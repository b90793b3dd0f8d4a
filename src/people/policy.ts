import { hasRole, isProgrammeStaff, type Policy } from '../auth/context.ts';

/** Programme staff see individual people; line managers and ambassadors do not. */
export const canViewPeople: Policy = isProgrammeStaff;

/** Only admins create, edit, deactivate, import, export and erase people. */
export const canManagePeople: Policy = (auth) => hasRole(auth, 'admin');
