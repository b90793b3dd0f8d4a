/** Shared vocabulary of the route × role matrix; each domain lists its routes in a file beside this one. */

export type Caller = 'anonymous' | 'ambassador' | 'editor' | 'recruiter' | 'admin' | 'adminToken';
export const callers: readonly Caller[] = ['anonymous', 'ambassador', 'editor', 'recruiter', 'admin', 'adminToken'];
export const sessionCallers = ['ambassador', 'editor', 'recruiter', 'admin'] as const satisfies readonly Caller[];

export const everyone = callers;
/** isPerson: a signed-in person, never an organisation token. */
export const persons = sessionCallers;
/** canViewPeople / isProgrammeStaff. */
export const staff: readonly Caller[] = ['editor', 'recruiter', 'admin', 'adminToken'];
/** isAdmin / canManagePeople. */
export const admins: readonly Caller[] = ['admin', 'adminToken'];

export interface Fixtures {
  personId: string;
  groupId: string;
  tokenId: string;
  passwordEmail: string;
}

export interface Scenario {
  allowed: readonly Caller[];
  query?: string;
  body?: (f: Fixtures) => unknown;
  contentType?: string;
  /** Path parameters; any left unset get a random id (a 404 still proves the caller got past authorization). */
  params?: (f: Fixtures) => Record<string, string>;
}

export const password = 'matrix password long enough';
let n = 0;
export const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

