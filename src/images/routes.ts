import type { App, AppContext } from '../context.ts';

/** The images domain's routes. */
export async function imageRoutes(_app: App, _ctx: AppContext): Promise<void> {}
