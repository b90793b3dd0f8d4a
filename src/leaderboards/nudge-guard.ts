import type { PersonaKey } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';

/** Words that point at a ranking, in English and Dutch. */
const RANKING_WORDS = /leader\s*-?\s*board|ranking|ranglijst|klassement|scorebord|scoreboard/i;

/**
 * The anchored colleague is never nudged with a leaderboard (a ranking puts them off). A nudge
 * template meant for anchored colleagues whose text mentions a leaderboard or ranking is refused.
 */
export function refuseLeaderboardForAnchored(personas: readonly PersonaKey[], texts: unknown): void {
  if (!personas.includes('anchored')) return;
  if (RANKING_WORDS.test(JSON.stringify(texts))) throw new AppError(400, 'nudge_leaderboard_for_anchored', 'error.nudge_leaderboard_for_anchored');
}
