import { hasRole, type Policy } from '../auth/context.ts';

/**
 * Reporting a conversion server to server is an integration's job: an API token of an admin or a
 * recruiter (recruitment owns the ATS; a recruiter token is the narrow one to give an ATS). A
 * browser session may not: a careers site's visitors report through the public script endpoint.
 */
export const canReportConversions: Policy = (auth) => auth.kind === 'token' && hasRole(auth, 'admin', 'recruiter');

/** Importing an ATS export of applications: admins and recruiters, signed in or with a token. */
export const canImportConversions: Policy = (auth) => hasRole(auth, 'admin', 'recruiter');
