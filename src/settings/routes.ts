import { z } from 'zod';
import { recordAudit } from '../audit/service.ts';
import { isAdmin, type SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { getSetting, putSetting, settingSchemas } from './service.ts';

const fetchAllowance = z.object({
  hosts: settingSchemas['fetch.allowHosts'].describe('Host names or IP addresses on a private network that Podium may fetch feeds from'),
});

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

  // Which private-network hosts Podium may fetch from (a self-hosted ATS, an intranet newsroom);
  // PODIUM_FETCH_ALLOW_HOSTS adds to these and is shown apart, as it cannot be changed here.
  const readAllowance = async () => ({ hosts: await getSetting(ctx.database.db, 'fetch.allowHosts'), fromEnvironment: [...ctx.config.fetchAllowHosts] });
  const allowanceResponse = fetchAllowance.extend({ fromEnvironment: z.array(z.string()) });

  app.get('/api/v1/settings/fetch-allowance', {
    config: { policy: isAdmin },
    schema: { tags: ['settings'], summary: 'Private-network hosts Podium may fetch feeds from', response: { 200: allowanceResponse, ...errorResponses } },
    handler: readAllowance,
  });

  app.put('/api/v1/settings/fetch-allowance', {
    config: { policy: isAdmin },
    schema: { tags: ['settings'], summary: 'Allow private-network hosts (a self-hosted ATS on the intranet)', body: fetchAllowance, response: { 200: allowanceResponse, ...errorResponses } },
    handler: async (request) => {
      const now = ctx.clock.now();
      const before = await readAllowance();
      const hosts = [...new Set(request.body.hosts.map((host) => host.replace(/^\[|\]$/g, '')))];
      await ctx.database.db.transaction(async (tx) => {
        await putSetting(tx, 'fetch.allowHosts', hosts, now);
        await recordAudit(tx, request.auth as SignedIn, now, { action: 'settings.fetch_allowance_updated', subjectType: 'settings', subjectId: 'fetch.allowHosts', before: { hosts: before.hosts }, after: { hosts } });
      });
      return readAllowance();
    },
  });
}
