import { announceChange } from '../cluster/changes.ts';
import { type AppContext, perContext } from '../context.ts';

/**
 * What this node may trust from memory about people for a few seconds (a signed-in session, a
 * reader's groups) is tagged with a generation. Anything that changes who someone is or what they
 * may see — roles, deactivation, erasure, groups, signing out — moves the generation on, so this
 * node stops trusting every older entry at once; the other nodes on the same PostgreSQL hear of it
 * through src/cluster/listener.ts (or, if they missed it, catch up when their entries expire).
 */
const generationOf = perContext(() => ({ value: 0 }));

export function peopleGeneration(ctx: AppContext): number {
  return generationOf(ctx).value;
}

/** Call after (not inside) the transaction that changed people, sessions or memberships. */
export function peopleChanged(ctx: AppContext): void {
  generationOf(ctx).value++;
  announceChange('people', '');
}

/** Another node changed people (src/cluster/listener.ts): stop trusting what this node remembers. */
export function peopleChangedElsewhere(ctx: AppContext): void {
  generationOf(ctx).value++;
}
