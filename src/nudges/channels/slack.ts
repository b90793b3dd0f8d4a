import { callSlack, escapeSlackText, SlackApiError, tokenErrors } from '../../integrations/slack-api.ts';
import { getSetting } from '../../settings/service.ts';
import { type ChannelDelivery, ChannelUnavailable, type NudgeMessage } from './types.ts';

/** Slack errors that mean this person cannot get a DM from the app (no retry will change that). */
const personUnreachable = new Set(['users_not_found', 'user_not_found', 'user_disabled', 'cannot_dm_bot', 'messages_tab_disabled', 'is_archived']);

/** The DM: plain text for notifications and screen readers, and blocks with a button to the action. */
export function slackMessage(message: NudgeMessage) {
  return {
    text: escapeSlackText(`${message.title}\n${message.body}`),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${escapeSlackText(message.title)}*\n${escapeSlackText(message.body)}` } },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: message.actionLabel.slice(0, 75), emoji: false }, url: message.actionUrl, style: 'primary', action_id: 'podium_open' }],
      },
    ],
    unfurl_links: false,
    unfurl_media: false,
  };
}

/**
 * A Slack direct message through the Slack app's bot token: users.lookupByEmail (the person's
 * work e-mail) → conversations.open → chat.postMessage in that DM. Slack not configured, no Slack
 * user for the e-mail, or a token Slack no longer accepts → ChannelUnavailable (fall back to
 * in-app, no retry); rate limited (`ratelimited`, HTTP 429) and anything else → thrown, so the
 * job is retried with backoff (a SlackApiError carries Slack's Retry-After).
 */
export const deliverSlack: ChannelDelivery = async (ctx, message) => {
  const slack = await getSetting(ctx.database.db, 'integrations.slack');
  if (!slack) throw new ChannelUnavailable('Slack is not configured');
  try {
    const { user } = await callSlack<{ user: { id: string } }>(ctx, slack.botToken, 'users.lookupByEmail', { email: message.person.email });
    const { channel } = await callSlack<{ channel: { id: string } }>(ctx, slack.botToken, 'conversations.open', { users: user.id }, { json: true });
    await callSlack(ctx, slack.botToken, 'chat.postMessage', { channel: channel.id, ...slackMessage(message) }, { json: true });
  } catch (error) {
    if (error instanceof SlackApiError) {
      if (error.code === 'users_not_found') throw new ChannelUnavailable('no Slack user has this e-mail address (users_not_found)');
      if (personUnreachable.has(error.code)) throw new ChannelUnavailable(`this person cannot get a Slack DM from the app (${error.code})`);
      if (tokenErrors.has(error.code)) throw new ChannelUnavailable(`Slack rejected the bot token (${error.code}); an admin must save a new one under Integrations → Slack & Teams`);
    }
    throw error;
  }
};
