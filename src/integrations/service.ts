import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import { settings } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { allowedFetchHosts, OutboundError } from '../http/outbound.ts';
import { getSetting, putSetting } from '../settings/service.ts';
import { checkPostUrl } from './post.ts';
import type { IntegrationsView } from './schema.ts';
import { callSlack, SlackApiError } from './slack-api.ts';

const hostOf = (url: string | null) => (url ? new URL(url).host : null);

/** The integrations as admins see them: configured or not, the workspace name, webhook hosts. */
export async function readIntegrations(ctx: AppContext): Promise<IntegrationsView> {
  const db = ctx.database.db;
  const slack = await getSetting(db, 'integrations.slack');
  const webhooks = await getSetting(db, 'integrations.webhooks');
  return {
    slack: { configured: slack !== null, workspace: slack?.teamName ?? null, savedAt: slack?.savedAt ?? null },
    webhooks: {
      slack: { configured: webhooks.slack !== null, host: hostOf(webhooks.slack) },
      teams: { configured: webhooks.teams !== null, host: hostOf(webhooks.teams) },
      language: webhooks.language,
    },
  };
}

/** Checks the bot token with Slack's auth.test and keeps it with the workspace's name. */
export async function saveSlackToken(ctx: AppContext, auth: SignedIn, botToken: string): Promise<IntegrationsView> {
  let team: { team_id?: string; team?: string };
  try {
    team = await callSlack<{ team_id?: string; team?: string }>(ctx, botToken, 'auth.test', {});
  } catch (error) {
    if (error instanceof SlackApiError) throw new AppError(400, 'slack_token_invalid', 'error.slack_token_invalid', { detail: error.code });
    throw new AppError(400, 'slack_unreachable', 'error.slack_unreachable', { detail: (error as Error).message });
  }
  const now = ctx.clock.now();
  const workspace = team.team ?? team.team_id ?? '';
  await ctx.database.db.transaction(async (tx) => {
    await putSetting(tx, 'integrations.slack', { botToken, teamId: team.team_id ?? '', teamName: workspace, savedAt: now.toISOString() }, now);
    // The token itself never goes into the audit log.
    await recordAudit(tx, auth, now, { action: 'integrations.slack_connected', subjectType: 'settings', subjectId: 'integrations.slack', after: { workspace } });
  });
  return readIntegrations(ctx);
}

/** Forgets the bot token: Slack DMs become unavailable (nudges fall back to in-app). */
export async function removeSlackToken(ctx: AppContext, auth: SignedIn): Promise<IntegrationsView> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    // Unset, so the setting falls back to its default (null): no token anywhere.
    await tx.delete(settings).where(eq(settings.key, 'integrations.slack'));
    await recordAudit(tx, auth, now, { action: 'integrations.slack_disconnected', subjectType: 'settings', subjectId: 'integrations.slack' });
  });
  return readIntegrations(ctx);
}

/** Sets, replaces or removes the team announcement webhooks (each address is checked like any outbound address). */
export async function saveWebhooks(
  ctx: AppContext,
  auth: SignedIn,
  input: { slack?: string | null | undefined; teams?: string | null | undefined; language?: 'nl' | 'en' | undefined },
): Promise<IntegrationsView> {
  const allowHosts = await allowedFetchHosts(ctx);
  for (const url of [input.slack, input.teams]) {
    if (!url) continue;
    try {
      checkPostUrl(url, allowHosts);
    } catch (error) {
      if (error instanceof OutboundError) throw new AppError(400, 'webhook_url_invalid', 'error.webhook_url_invalid', { detail: error.message });
      throw error;
    }
  }
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const before = await getSetting(tx, 'integrations.webhooks');
    const after = {
      slack: input.slack === undefined ? before.slack : input.slack,
      teams: input.teams === undefined ? before.teams : input.teams,
      language: input.language ?? before.language,
    };
    await putSetting(tx, 'integrations.webhooks', after, now);
    await recordAudit(tx, auth, now, {
      action: 'integrations.webhooks_updated',
      subjectType: 'settings',
      subjectId: 'integrations.webhooks',
      before: { slack: hostOf(before.slack), teams: hostOf(before.teams), language: before.language },
      after: { slack: hostOf(after.slack), teams: hostOf(after.teams), language: after.language },
    });
  });
  return readIntegrations(ctx);
}
