import { z } from 'zod';
import { isAdmin, type SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { decodeCursor, listOf, pageQuery } from '../http/pagination.ts';
import { deliverySchema, endpointBody, endpointPatchBody, endpointSchema, endpointWithSecretSchema } from './schema.ts';
import { createEndpoint, deleteEndpoint, getEndpoint, listDeliveries, listEndpoints, replayDelivery, rotateSecret, sendTestEvent, updateEndpoint } from './service.ts';

const tags = ['webhooks'];
const auth = (request: { auth: unknown }) => request.auth as SignedIn;
const params = z.object({ id: z.uuid() });

/** Outgoing webhooks: endpoints, their signing secrets, test events and the delivery log; admins only. */
export async function webhookRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/webhooks', {
    config: { policy: isAdmin },
    schema: { tags, summary: 'Webhook endpoints (never their secrets)', response: { 200: z.object({ items: z.array(endpointSchema), nextCursor: z.null() }), ...errorResponses } },
    handler: async () => ({ items: await listEndpoints(ctx), nextCursor: null }),
  });

  app.post('/api/v1/webhooks', {
    config: { policy: isAdmin },
    schema: {
      tags,
      summary: 'Register a webhook endpoint; the signing secret is answered this once',
      description:
        'Each delivery is a POST with a JSON body {id, type, createdAt, data} and the headers Podium-Event, Podium-Delivery and Podium-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>. A receiver recomputes the HMAC over the raw bytes it received, compares it in constant time (e.g. crypto.timingSafeEqual), refuses a t more than 5 minutes from its clock, and deduplicates on the body’s id (the same across retries and replays).',
      body: endpointBody,
      response: { 201: endpointWithSecretSchema, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await createEndpoint(ctx, auth(request), request.body)),
  });

  app.get('/api/v1/webhooks/:id', {
    config: { policy: isAdmin },
    schema: { tags, summary: 'A webhook endpoint', params, response: { 200: endpointSchema, ...errorResponses } },
    handler: async (request) => getEndpoint(ctx, request.params.id),
  });

  app.patch('/api/v1/webhooks/:id', {
    config: { policy: isAdmin },
    schema: { tags, summary: 'Change a webhook endpoint (address, description, events, on or off)', params, body: endpointPatchBody, response: { 200: endpointSchema, ...errorResponses } },
    handler: async (request) => updateEndpoint(ctx, auth(request), request.params.id, request.body),
  });

  app.delete('/api/v1/webhooks/:id', {
    config: { policy: isAdmin },
    schema: { tags, summary: 'Delete a webhook endpoint and its delivery log', params, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await deleteEndpoint(ctx, auth(request), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/webhooks/:id/secret', {
    config: { policy: isAdmin },
    schema: { tags, summary: 'Replace the signing secret; the new one is answered this once', params, response: { 200: endpointWithSecretSchema, ...errorResponses } },
    handler: async (request) => rotateSecret(ctx, auth(request), request.params.id),
  });

  app.post('/api/v1/webhooks/:id/test', {
    config: { policy: isAdmin },
    schema: { tags, summary: 'Send a signed test event (type ping) now and answer its delivery', params, response: { 200: deliverySchema, ...errorResponses } },
    handler: async (request) => sendTestEvent(ctx, request.params.id),
  });

  app.get('/api/v1/webhooks/:id/deliveries', {
    config: { policy: isAdmin },
    schema: { tags, summary: 'The delivery log of an endpoint, newest first (kept 30 days)', params, querystring: z.object(pageQuery), response: { 200: listOf(deliverySchema), ...errorResponses } },
    handler: async (request) => {
      const after = decodeCursor(request.query.cursor, ['timestamp', 'uuid']) as [string, string] | null;
      return listDeliveries(ctx, request.params.id, { limit: request.query.limit, after: after ? { at: new Date(after[0]), id: after[1] } : null });
    },
  });

  app.post('/api/v1/webhooks/deliveries/:id/replay', {
    config: { policy: isAdmin },
    schema: { tags, summary: 'Send a delivery’s body again, as a new delivery (same event id)', params, response: { 201: deliverySchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await replayDelivery(ctx, auth(request), request.params.id)),
  });
}
