import { and, eq, lt } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { campaigns, type Language } from '../db/schema/index.ts';
import { allowedFetchHosts } from '../http/outbound.ts';
import { t } from '../i18n/index.ts';
import { getSetting } from '../settings/service.ts';
import { postOutbound } from './post.ts';
import { escapeSlackText } from './slack-api.ts';

/**
 * Team-wide announcements in a Slack or Microsoft Teams channel through the incoming webhooks an
 * admin configured: a campaign was created, or starts today. A channel webhook reaches everyone in
 * the channel, so it is never used for a personal nudge (those go by DM, push, e-mail or the bell).
 */
export type AnnouncementTarget = 'slack' | 'teams';
export type CampaignEvent = 'created' | 'started';

export interface Announcement {
  title: string;
  text: string;
  url: string;
  linkLabel: string;
}

export interface AnnouncementJob {
  campaignId: string;
  event: CampaignEvent;
  target: AnnouncementTarget;
}

/** A Slack incoming webhook message (https://api.slack.com/messaging/webhooks): text plus blocks. */
export function slackWebhookPayload(announcement: Announcement) {
  return {
    text: escapeSlackText(`${announcement.title}\n${announcement.text}\n${announcement.url}`),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${escapeSlackText(announcement.title)}*\n${escapeSlackText(announcement.text)}` } },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: announcement.linkLabel }, url: announcement.url }] },
    ],
    unfurl_links: false,
  };
}

/** A Teams webhook message with an Adaptive Card (accepted by Teams incoming webhooks and Workflows). */
export function teamsWebhookPayload(announcement: Announcement) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: announcement.title, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: announcement.text, wrap: true },
          ],
          actions: [{ type: 'Action.OpenUrl', title: announcement.linkLabel, url: announcement.url }],
        },
      },
    ],
  };
}

/** Posts one announcement to one configured webhook; throws when it is not configured or the channel refuses it. */
export async function postAnnouncement(ctx: AppContext, target: AnnouncementTarget, announcement: Announcement): Promise<void> {
  const url = (await getSetting(ctx.database.db, 'integrations.webhooks'))[target];
  if (!url) throw new Error(`no ${target} webhook is configured`);
  const payload = target === 'slack' ? slackWebhookPayload(announcement) : teamsWebhookPayload(announcement);
  const response = await postOutbound(url, {
    allowHosts: await allowedFetchHosts(ctx),
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(payload),
    timeoutMs: 10_000,
  });
  if (response.status < 200 || response.status >= 300) throw new Error(`the ${target} webhook answered HTTP ${response.status}: ${response.body.slice(0, 200)}`);
}

const formatDay = (language: Language, day: string) =>
  new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/** The announcement of a campaign in the webhooks' language, or null when the campaign is gone. */
export async function campaignAnnouncement(ctx: AppContext, campaignId: string, event: CampaignEvent): Promise<Announcement | null> {
  const [campaign] = await ctx.database.db.select().from(campaigns).where(eq(campaigns.id, campaignId)).limit(1);
  if (!campaign) return null;
  const { language } = await getSetting(ctx.database.db, 'integrations.webhooks');
  const period = t(language, 'announcement.campaign_period', { start: formatDay(language, campaign.startsOn), end: formatDay(language, campaign.endsOn) });
  const description = campaign.description.length > 300 ? `${campaign.description.slice(0, 299)}…` : campaign.description;
  return {
    title: t(language, event === 'created' ? 'announcement.campaign_created' : 'announcement.campaign_started', { name: campaign.name }),
    text: description ? `${description}\n${period}` : period,
    url: `${ctx.config.baseUrl}/feed`,
    linkLabel: t(language, 'announcement.open_feed'),
  };
}

/** Queues the campaign's announcement for each configured webhook; a failure to queue never fails the campaign. */
export async function queueCampaignAnnouncement(ctx: AppContext, campaignId: string, event: CampaignEvent): Promise<void> {
  try {
    const webhooks = await getSetting(ctx.database.db, 'integrations.webhooks');
    for (const target of ['slack', 'teams'] as const) {
      if (!webhooks[target]) continue;
      await ctx.jobs.send<AnnouncementJob>('integrations.announce', { campaignId, event, target }, { singletonKey: `${campaignId}:${event}:${target}` });
    }
  } catch (error) {
    ctx.log.error({ err: error, campaignId }, 'campaign announcement not queued');
  }
}

/** The job: posts one campaign announcement to one webhook (throws to be retried). */
export async function runAnnouncementJob(ctx: AppContext, job: AnnouncementJob): Promise<void> {
  const announcement = await campaignAnnouncement(ctx, job.campaignId, job.event);
  if (!announcement) return;
  const configured = (await getSetting(ctx.database.db, 'integrations.webhooks'))[job.target];
  if (!configured) return;
  await postAnnouncement(ctx, job.target, announcement);
}

/** The daily job: announces campaigns that start today and were created before today (those were announced when created). */
export async function announceCampaignsStartingToday(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const today = now.toISOString().slice(0, 10);
  const rows = await ctx.database.db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.startsOn, today), lt(campaigns.createdAt, new Date(`${today}T00:00:00Z`))));
  for (const row of rows) await queueCampaignAnnouncement(ctx, row.id, 'started');
  return rows.length;
}

/** Posts a test message to each configured webhook, so an admin sees the set-up works. */
export async function testWebhooks(ctx: AppContext): Promise<Record<AnnouncementTarget, 'sent' | 'failed' | 'not_configured'>> {
  const { language, ...urls } = await getSetting(ctx.database.db, 'integrations.webhooks');
  const announcement: Announcement = {
    title: t(language, 'announcement.test_title'),
    text: t(language, 'announcement.test_text'),
    url: `${ctx.config.baseUrl}/feed`,
    linkLabel: t(language, 'announcement.open_feed'),
  };
  const result: Record<AnnouncementTarget, 'sent' | 'failed' | 'not_configured'> = { slack: 'not_configured', teams: 'not_configured' };
  for (const target of ['slack', 'teams'] as const) {
    if (!urls[target]) continue;
    try {
      await postAnnouncement(ctx, target, announcement);
      result[target] = 'sent';
    } catch (error) {
      ctx.log.warn({ err: error, target }, 'webhook test failed');
      result[target] = 'failed';
    }
  }
  return result;
}
