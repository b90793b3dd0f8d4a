/**
 * Spreading colleagues' posts of the same story (or vacancy) over time, so they do not all appear
 * in LinkedIn feeds at once. The rule: a post keeps at least SPREAD_WINDOW_MS (20 minutes) from
 * every colleague's post of the same item that is planned, being sent or sent. When the chosen
 * moment is closer than that to one, the post moves to the nearest free moment (a tie goes to the
 * later one), never before `earliest` (now). The moment the person asked for is kept apart
 * (`requested_for`) and shown beside the planned one. With no free moment within a day either
 * way, the chosen moment stands.
 */
export const SPREAD_WINDOW_MS = 20 * 60_000;
/** How far around the chosen moment colleagues' posts are considered. */
export const SPREAD_HORIZON_MS = 24 * 3_600_000;

export function nearestFreeSlot(wanted: number, taken: readonly number[], earliest: number, windowMs = SPREAD_WINDOW_MS): number {
  const free = (at: number) => taken.every((other) => Math.abs(other - at) >= windowMs);
  const start = Math.max(wanted, earliest);
  if (free(start)) return start;
  // The free moments nearest to a blocked one are the edges of the blocked intervals (or `earliest`).
  const candidates = [earliest, ...taken.flatMap((other) => [other - windowMs, other + windowMs])].filter(
    (at) => at >= earliest && Math.abs(at - wanted) <= SPREAD_HORIZON_MS && free(at),
  );
  candidates.sort((a, b) => Math.abs(a - wanted) - Math.abs(b - wanted) || b - a);
  return candidates[0] ?? start;
}
