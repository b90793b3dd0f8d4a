import type { TokenScope } from '../db/schema/auth.ts';
import type { Language, Role } from '../db/schema/people.ts';

/** Who is asking: nobody, a signed-in person (cookie session) or an API token. */
export type Auth =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'session';
      readonly personId: string;
      readonly roles: readonly Role[];
      readonly sessionId: string;
      readonly tokenHash: string;
      readonly language: Language;
      /** Signed in as an alumnus (a leaver in the alumni programme): no roles, only the routes in auth/alumni-access.ts. */
      readonly alumnus?: boolean;
    }
  | {
      readonly kind: 'token';
      /** The person a token acts for, or null for an organisation token. */
      readonly personId: string | null;
      readonly roles: readonly Role[];
      readonly tokenId: string;
      readonly language: Language;
      /** Extra read access beyond the role (e.g. `analytics` for a BI tool). */
      readonly scopes?: readonly TokenScope[];
    };

export type SignedIn = Exclude<Auth, { kind: 'anonymous' }>;

/** A named authorization predicate; routes declare one, a hook enforces it. */
export type Policy = 'public' | ((auth: SignedIn) => boolean);

export const hasRole = (auth: SignedIn, ...roles: Role[]): boolean => roles.some((role) => auth.roles.includes(role));

/** Any signed-in person or token. */
export const isSignedIn: Policy = () => true;

/** Signed in as a person (not an organisation token): their own profile. */
export const isPerson: Policy = (auth) => auth.personId !== null;

export const isAdmin: Policy = (auth) => hasRole(auth, 'admin');

/** Programme staff see individual people (to curate, thank and credit); line managers have no special access. */
export const isProgrammeStaff: Policy = (auth) => hasRole(auth, 'admin', 'editor', 'recruiter');

/** Analytics dashboards and their API: admins and editors, or a token with the `analytics` scope (BI tools). */
export const canReadAnalytics: Policy = (auth) => hasRole(auth, 'admin', 'editor') || (auth.kind === 'token' && (auth.scopes ?? []).includes('analytics'));

/** The recruitment dashboards: recruiters as well. */
export const canReadRecruitmentAnalytics: Policy = (auth) => hasRole(auth, 'recruiter') || canReadAnalytics(auth);
