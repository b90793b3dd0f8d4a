import type { App, AppContext } from '../context.ts';

/** The links domain's routes. */
export async function linkRoutes(_app: App, _ctx: AppContext): Promise<void> {}
