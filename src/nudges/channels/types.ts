import type { AppContext } from '../../context.ts';
import type { Language } from '../../db/schema/people.ts';

/** One nudge, ready for a channel: variables filled, links absolute (through the click redirect). */
export interface NudgeMessage {
  nudgeId: string;
  person: { id: string; email: string; name: string; language: Language; timeZone: string };
  /** Subject line / notification title, variables filled. */
  title: string;
  /** Plain text, variables filled. */
  body: string;
  actionLabel: string;
  /** Absolute URL through the click-tracking redirect (`/n/{token}`). */
  actionUrl: string;
  /** The in-app path the action leads to (for in-app notifications); always starts with a single `/`. */
  path: string;
}

/** Sends one nudge over one channel; throws to have the job retried (with backoff). */
export type ChannelDelivery = (ctx: AppContext, message: NudgeMessage) => Promise<void>;

/**
 * A permanent "cannot reach this person on this channel" (no push subscription, no Slack user for the
 * e-mail, Slack not configured): delivery falls back to in-app and does not retry.
 */
export class ChannelUnavailable extends Error {
  constructor(message = 'channel unavailable') {
    super(message);
    this.name = 'ChannelUnavailable';
  }
}
