import type { App, AppContext } from '../context.ts';

/** The newsroom domain's routes. */
export async function newsroomRoutes(_app: App, _ctx: AppContext): Promise<void> {}
