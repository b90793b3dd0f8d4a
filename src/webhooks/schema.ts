import { z } from 'zod';
import { webhookDeliveryStatuses, webhookEvents } from '../db/schema/index.ts';
import { text } from '../http/text.ts';

const events = z
  .array(z.enum(webhookEvents))
  .min(1, 'choose at least one event')
  .transform((list) => [...new Set(list)])
  .describe('The events sent to this endpoint');

export const endpointBody = z.object({
  url: text().trim().min(1).max(2_000).describe('https address; plain http only for hosts allowed as private in settings (PODIUM_FETCH_ALLOW_HOSTS or fetch.allowHosts)'),
  description: text().trim().max(500).default(''),
  events,
  active: z.boolean().default(true),
});
export type EndpointInput = z.infer<typeof endpointBody>;

export const endpointPatchBody = z.object({
  url: endpointBody.shape.url.optional(),
  description: text().trim().max(500).optional(),
  events: events.optional(),
  active: z.boolean().optional().describe('Switching a disabled endpoint on again resets its failure count'),
});
export type EndpointPatch = z.infer<typeof endpointPatchBody>;

export const endpointSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.enum(webhookEvents)),
    active: z.boolean(),
    consecutiveFailures: z.number().int(),
    disabledAt: z.iso.datetime().nullable(),
    disabledReason: z.string().nullable().describe('consecutive_failures when Podium switched it off; null when an admin did or it is on'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookEndpoint' });
export type EndpointView = z.infer<typeof endpointSchema>;

/** Creation and rotation answer the secret, once. */
export const endpointWithSecretSchema = endpointSchema
  .extend({ secret: z.string().describe('The signing secret: shown only now; Podium keeps it encrypted and never answers it again') })
  .meta({ id: 'WebhookEndpointWithSecret' });

export const deliverySchema = z
  .object({
    id: z.uuid(),
    endpointId: z.uuid(),
    event: z.string(),
    eventId: z.uuid(),
    status: z.enum(webhookDeliveryStatuses),
    attempts: z.number().int(),
    nextAttemptAt: z.iso.datetime().nullable(),
    responseStatus: z.number().int().nullable(),
    responseBody: z.string().nullable().describe('The first 4 KB of the last answer, or the network error'),
    durationMs: z.number().int().nullable(),
    replayOf: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    deliveredAt: z.iso.datetime().nullable(),
    payload: z.record(z.string(), z.unknown()).describe('The body as sent'),
  })
  .meta({ id: 'WebhookDelivery' });
export type DeliveryView = z.infer<typeof deliverySchema>;
