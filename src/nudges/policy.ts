import { hasRole, type Policy } from '../auth/context.ts';

/** Templates and the effectiveness report: the programme's communications staff (admins and editors). */
export const canManageNudges: Policy = (auth) => hasRole(auth, 'admin', 'editor');

/** Guardrails (organisation-wide limits) and failed deliveries (who could not be reached): admins. */
export const canAdministerNudges: Policy = (auth) => hasRole(auth, 'admin');
