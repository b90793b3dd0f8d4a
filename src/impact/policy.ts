import { isAdmin, isPerson, type Policy } from '../auth/context.ts';

/** Route policy: my impact is read by the signed-in person themself (a person's session or personal token), never for someone else. */
export const canViewOwnImpact: Policy = isPerson;

/** Route policy: the company page's follower counts are entered by admins. */
export const canManageCompanyFollowers: Policy = isAdmin;
