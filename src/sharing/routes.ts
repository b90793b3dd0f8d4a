import { z } from 'zod';
import type { SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { listOf } from '../http/pagination.ts';
import { checkShare, createShare } from './compose.ts';
import { feedBody } from './feed.ts';
import { listMyShares } from './my-shares.ts';
import { canComposeShare, canListOwnShares, canReadFeed } from './policy.ts';
import { checkBody, checkResponse, feedCardSchema, feedQuery, myShareSchema, mySharesQuery, shareBody, shareResponse } from './schema.ts';
import { vacancyShareKit, vacancyShareKitSchema } from './vacancy-share.ts';
import { noteFeedVisit } from '../personas/activity.ts';
import { personaFeedHintSchema } from '../personas/schema.ts';

/** The sharing domain: the ambassador feed, the composer's check, shares and one's own shares. */
export async function sharingRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/feed', {
    config: { policy: canReadFeed },
    schema: {
      tags: ['sharing'],
      summary: 'The ambassador feed: published stories for my groups, ranked (recency, my groups, hiring pressure, campaigns, my own shares) with the reasons per card, shown for one audience',
      querystring: feedQuery,
      // `persona`: only for readers whose persona the feed adapts to (src/personas/feed-hint.ts).
      response: { 200: listOf(feedCardSchema).extend({ persona: personaFeedHintSchema.optional() }), ...errorResponses },
    },
    // The busiest authenticated route: its answer is typed by FeedCard at compile time and sent as
    // bytes written once per shared page, rather than re-validated through zod on every request
    // (the schema above still documents it in the OpenAPI document).
    handler: async (request, reply) => {
      // A persona signal (lurking): counted in memory, at most once per 30 minutes, written in batches.
      noteFeedVisit(ctx, request.auth);
      const body = await feedBody(ctx, (request.auth as SignedIn).personId, request.language, request.query);
      // Bytes pass through unserialised; the typed reply only knows the schema's object form.
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  });

  app.post('/api/v1/shares/check', {
    config: { policy: canComposeShare },
    schema: {
      tags: ['sharing'],
      summary: 'Check a share text: copied or personalised, length against the network limit, final text with disclosure',
      body: checkBody,
      response: { 200: checkResponse, ...errorResponses },
    },
    handler: async (request) => checkShare(ctx, request.auth as SignedIn, request.body),
  });

  app.get('/api/v1/vacancies/:id/share-kit', {
    config: { policy: canComposeShare },
    schema: {
      tags: ['sharing'],
      summary: 'What the composer needs to share an open vacancy: its public page, the audience and suggested texts per language and network',
      params: z.object({ id: z.uuid() }),
      response: { 200: vacancyShareKitSchema, ...errorResponses },
    },
    handler: async (request) => vacancyShareKit(ctx, request.auth as SignedIn, request.params.id),
  });

  app.post('/api/v1/shares', {
    config: { policy: canComposeShare },
    schema: {
      tags: ['sharing'],
      summary: 'Share a story or a vacancy: creates the share and its tracked short link, answers the network URL to open',
      body: shareBody,
      response: { 201: shareResponse, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await createShare(ctx, request.auth as SignedIn, request.body)),
  });

  app.get('/api/v1/me/shares', {
    config: { policy: canListOwnShares },
    schema: { tags: ['sharing'], summary: 'My shares with their short links, newest first', querystring: mySharesQuery, response: { 200: listOf(myShareSchema), ...errorResponses } },
    // canListOwnShares (isPerson) guarantees a person.
    handler: async (request) => listMyShares(ctx, (request.auth as SignedIn).personId as string, request.query),
  });
}
