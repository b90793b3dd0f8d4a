import type { App, AppContext } from '../context.ts';

/** The campaigns domain's routes. */
export async function campaignRoutes(_app: App, _ctx: AppContext): Promise<void> {}
