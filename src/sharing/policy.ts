import { hasRole, isPerson, isSignedIn, type Policy, type SignedIn } from '../auth/context.ts';

/** The ambassador feed and one's own shares belong to a person, never to an organisation token. */
export const canReadFeed: Policy = isPerson;
export const canListOwnShares: Policy = isPerson;

/** Anyone signed in may compose; whether they may share is decided per person (active ambassadors only). */
export const canComposeShare: Policy = isSignedIn;

/** Only an organisation admin token (acting for nobody) may share on behalf of a given person. */
export const canShareForOthers = (auth: SignedIn): boolean => auth.kind === 'token' && auth.personId === null && hasRole(auth, 'admin');
