import { hasRole, isPerson, type Policy } from '../auth/context.ts';

/** Route policy: recruitment sets up sources and manages vacancies (urgency, openings, themes); admins too. */
export const canManageVacancies: Policy = (auth) => hasRole(auth, 'admin', 'recruiter');

/** Route policy: programme staff (communications and recruitment) see the vacancies. */
export const canReadVacancies: Policy = (auth) => hasRole(auth, 'admin', 'editor', 'recruiter');

/** Route policy: every signed-in person may find an open vacancy to share (the list carries nothing internal). */
export const canBrowseOpenVacancies: Policy = isPerson;
