import type { App, AppContext } from '../context.ts';

/** The sharing domain's routes. */
export async function sharingRoutes(_app: App, _ctx: AppContext): Promise<void> {}
