import type { App, AppContext } from '../context.ts';

/** The public domain's routes. */
export async function publicRoutes(_app: App, _ctx: AppContext): Promise<void> {}
