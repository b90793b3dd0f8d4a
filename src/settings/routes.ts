import { z } from 'zod';
import type { App, AppContext } from '../context.ts';
import { getSetting } from './service.ts';

/** Settings the sign-in and profile pages need before anyone is signed in. */
export async function settingsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/settings/public', {
    config: { policy: 'public' },
    schema: {
      tags: ['settings'],
      summary: 'Public organisation settings',
      response: { 200: z.object({ organisationName: z.string(), socialPolicyVersion: z.string(), socialPolicyUrl: z.string().nullable() }) },
    },
    handler: async () => {
      const db = ctx.database.db;
      return {
        organisationName: (await getSetting(db, 'organisation.name')) ?? ctx.config.organisationName,
        socialPolicyVersion: await getSetting(db, 'policy.socialMediaVersion'),
        socialPolicyUrl: await getSetting(db, 'policy.socialMediaUrl'),
      };
    },
  });
}
