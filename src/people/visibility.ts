import type { AmbassadorStatus } from '../db/schema/people.ts';

/**
 * Who programme staff see by name in individual views — a person's results, the referral funnel's
 * ambassadors, attribution by ambassador, any leaderboard, suggested colleagues. Pausing and opting
 * out take someone out of every such view at once; their shares, clicks and conversions keep
 * counting in the organisation's totals, and their links keep working. Alumni stay listed: their
 * attribution stays (the revolving-door ambassador is still credited). Erased people are never named.
 *
 * The ambassador status is the single source: it is read live, nothing is copied, so one status
 * change is enough. Nudges follow the same status (src/nudges/ sends nothing to paused and
 * opted-out people).
 */
export const UNLISTED_STATUSES: readonly AmbassadorStatus[] = ['paused', 'opted_out'];

/** Whether staff may see this person by name in an individual view (see above). */
export function listedIndividually(person: { ambassadorStatus: AmbassadorStatus | string; erasedAt: Date | null }): boolean {
  return person.erasedAt === null && !UNLISTED_STATUSES.includes(person.ambassadorStatus as AmbassadorStatus);
}
