import { z } from 'zod';

const webhookView = z.object({
  configured: z.boolean(),
  /** Only the host is shown: the full address is a secret (anyone holding it can post to the channel). */
  host: z.string().nullable(),
});

/** What admins see of the integrations: never a token or a full webhook address. */
export const integrationsSchema = z.object({
  slack: z.object({
    configured: z.boolean(),
    /** The workspace Slack's auth.test named when the token was saved. */
    workspace: z.string().nullable(),
    savedAt: z.iso.datetime().nullable(),
  }),
  webhooks: z.object({ slack: webhookView, teams: webhookView, language: z.enum(['nl', 'en']) }),
});
export type IntegrationsView = z.infer<typeof integrationsSchema>;

export const slackTokenBody = z.object({
  botToken: z
    .string()
    .trim()
    .min(10)
    .max(300)
    .regex(/^xox[a-z]-[A-Za-z0-9-]+$/, 'use the Bot User OAuth Token of your Slack app (xoxb-…)')
    .describe('The Bot User OAuth Token (xoxb-…) of a Slack app with the users:read.email, im:write and chat:write scopes'),
});

/** Absent: keep as it is; null: remove; a URL: replace. */
export const webhooksBody = z.object({
  slack: z.url().max(500).nullable().optional().describe('A Slack incoming webhook URL (https://hooks.slack.com/services/…)'),
  teams: z.url().max(1000).nullable().optional().describe('A Microsoft Teams incoming webhook / Workflows URL'),
  language: z.enum(['nl', 'en']).optional().describe('The language of the announcements'),
});

export const webhookTestSchema = z.object({
  slack: z.enum(['sent', 'failed', 'not_configured']),
  teams: z.enum(['sent', 'failed', 'not_configured']),
});
