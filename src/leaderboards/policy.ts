import { canReadAnalytics, type Policy, type SignedIn } from '../auth/context.ts';

/** Whether the caller reads the analytics dashboards (canReadAnalytics, called as a predicate). */
export const readsAnalytics = (auth: SignedIn): boolean => typeof canReadAnalytics === 'function' && canReadAnalytics(auth);

/**
 * Route policy: the leaderboard is for the programme's own people (an ambassador sees how their team
 * does) and for analytics readers. Whether a person is in the programme right now (not paused, opted
 * out or gone) is checked against their current status in the handler, as a session does not carry it.
 */
export const canViewLeaderboard: Policy = (auth) => auth.personId !== null || readsAnalytics(auth);

/** Route policy: switching leaderboards on or off for the organisation. */
export { isAdmin as canManageLeaderboards } from '../auth/context.ts';
