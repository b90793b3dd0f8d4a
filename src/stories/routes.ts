import type { App, AppContext } from '../context.ts';

/** The stories domain's routes. */
export async function storyRoutes(_app: App, _ctx: AppContext): Promise<void> {}
