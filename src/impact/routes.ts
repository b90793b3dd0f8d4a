import { recordAudit } from '../audit/service.ts';
import type { SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { getSetting, putSetting } from '../settings/service.ts';
import { canManageCompanyFollowers, canViewOwnImpact } from './policy.ts';
import { companyFollowersSchema, impactQuery, impactSchema } from './schema.ts';
import { myImpact } from './service.ts';

/** "What's in it for me": a person's own impact, and the company page's follower counts it is set against. */
export async function impactRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/me/impact', {
    config: { policy: canViewOwnImpact },
    schema: {
      tags: ['me'],
      summary: 'My impact: shares, human clicks, unique visitors, applications, reach next to the company page, growth per week and stories I am featured in',
      description: 'Only the signed-in person’s own data. Bots and link-preview crawlers are never counted as clicks or visitors.',
      querystring: impactQuery,
      response: { 200: impactSchema, ...errorResponses },
    },
    handler: async (request) => myImpact(ctx, request.auth as SignedIn, request.query.weeks),
  });

  app.get('/api/v1/settings/company-followers', {
    config: { policy: canManageCompanyFollowers },
    schema: { tags: ['settings'], summary: 'The company page’s follower counts per network (shown next to each ambassador’s reach)', response: { 200: companyFollowersSchema, ...errorResponses } },
    handler: async () => getSetting(ctx.database.db, 'company.followers'),
  });

  app.put('/api/v1/settings/company-followers', {
    config: { policy: canManageCompanyFollowers },
    schema: {
      tags: ['settings'],
      summary: 'Set the company page’s follower counts per network (null: not known)',
      body: companyFollowersSchema,
      response: { 200: companyFollowersSchema, ...errorResponses },
    },
    handler: async (request) => {
      const now = ctx.clock.now();
      await ctx.database.db.transaction(async (tx) => {
        const before = await getSetting(tx, 'company.followers');
        await putSetting(tx, 'company.followers', request.body, now);
        await recordAudit(tx, request.auth as SignedIn, now, { action: 'settings.company_followers_updated', subjectType: 'settings', subjectId: 'company.followers', before, after: request.body });
      });
      return getSetting(ctx.database.db, 'company.followers');
    },
  });
}
