import { recordAudit } from '../audit/service.ts';
import type { SignedIn } from '../auth/context.ts';
import { sendCsv } from '../analytics/csv.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { getSetting, putSetting } from '../settings/service.ts';
import { canManageLeaderboards, canViewLeaderboard } from './policy.ts';
import { leaderboardQuery, leaderboardSchema, leaderboardSettingsSchema } from './schema.ts';
import { leaderboard } from './service.ts';

/** Fair, opt-in leaderboards (teams and departments per capita) and the organisation's switch for them. */
export async function leaderboardRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/analytics/leaderboard', {
    config: { policy: canViewLeaderboard },
    schema: {
      tags: ['analytics'],
      summary: 'Teams or departments ranked by shares and clicks per active ambassador; only people who opted in appear',
      description:
        'Off by default (409 leaderboards_off until an admin switches leaderboards on). Only members who opted in (PATCH /api/v1/me leaderboardOptIn) count and are named; the figures are divided by the group’s active ambassadors. Paused, opted-out and former colleagues never appear and never see it (403).',
      querystring: leaderboardQuery,
      response: { 200: leaderboardSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const board = await leaderboard(ctx, request.auth as SignedIn, request.query);
      if (request.query.format !== 'csv') return board;
      return sendCsv(
        reply,
        `podium-leaderboard-${board.by}-${board.period.from}-${board.period.to}.csv`,
        ['rank', board.by, 'members', 'participants', 'shares', 'human_clicks', 'shares_per_member', 'clicks_per_member'],
        board.rows.map((r) => [r.rank, r.group.name, r.members, r.participants, r.shares, r.humanClicks, r.sharesPerMember, r.clicksPerMember]),
      );
    },
  });

  app.get('/api/v1/settings/leaderboards', {
    config: { policy: canManageLeaderboards },
    schema: { tags: ['settings'], summary: 'Whether leaderboards are switched on for the organisation', response: { 200: leaderboardSettingsSchema, ...errorResponses } },
    handler: async () => ({ enabled: await getSetting(ctx.database.db, 'leaderboards.enabled') }),
  });

  app.put('/api/v1/settings/leaderboards', {
    config: { policy: canManageLeaderboards },
    schema: { tags: ['settings'], summary: 'Switch leaderboards on or off for the organisation', body: leaderboardSettingsSchema, response: { 200: leaderboardSettingsSchema, ...errorResponses } },
    handler: async (request) => {
      const now = ctx.clock.now();
      await ctx.database.db.transaction(async (tx) => {
        const before = await getSetting(tx, 'leaderboards.enabled');
        await putSetting(tx, 'leaderboards.enabled', request.body.enabled, now);
        await recordAudit(tx, request.auth as SignedIn, now, { action: 'settings.leaderboards_updated', subjectType: 'settings', subjectId: 'leaderboards.enabled', before: { enabled: before }, after: request.body });
      });
      return { enabled: await getSetting(ctx.database.db, 'leaderboards.enabled') };
    },
  });
}
