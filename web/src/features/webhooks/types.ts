/** The events Podium sends (the API's webhookEvents). */
export const WEBHOOK_EVENTS = ['share.created', 'click.recorded', 'conversion.recorded', 'story.published', 'person.left'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  events: WebhookEvent[];
  active: boolean;
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  event: WebhookEvent | 'ping';
  eventId: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  responseStatus: number | null;
  responseBody: string | null;
  durationMs: number | null;
  replayOf: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export const webhooksKey = ['webhooks'];
