import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isPerson, type SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { people } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { errorResponses } from '../http/openapi.ts';
import { exportPerson } from '../privacy/service.ts';
import { getSetting } from '../settings/service.ts';
import { changeOwnStatus, setPassword } from './lifecycle.ts';
import { peopleChanged } from './changes.ts';
import { presentPerson } from './presenter.ts';
import { personSchema, updateMeBody } from './schema.ts';
import { getPersonRow } from './service.ts';

/** The person behind a signed-in request (isPerson guarantees there is one). */
const me = (auth: SignedIn) => auth.personId as string;

/** My profile: read and edit, password, consent, pause, resume, opt-out and my data export. */
export async function meRoutes(app: App, ctx: AppContext): Promise<void> {
  const db = ctx.database.db;
  const tags = ['me'];

  app.get('/api/v1/me', {
    config: { policy: isPerson },
    schema: { tags, summary: 'My profile', response: { 200: personSchema, ...errorResponses } },
    handler: async (request) => presentPerson(db, await getPersonRow(db, me(request.auth as SignedIn))),
  });

  app.patch('/api/v1/me', {
    config: { policy: isPerson },
    schema: { tags, summary: 'Edit my profile', body: updateMeBody, response: { 200: personSchema, ...errorResponses } },
    handler: async (request) => {
      const { tellMyStory, quietHours, leaderboardOptIn, ...fields } = request.body;
      const preferencePatch = {
        ...(tellMyStory === undefined ? {} : { tellMyStory }),
        ...(quietHours === undefined ? {} : { quietHours }),
        ...(leaderboardOptIn === undefined ? {} : { leaderboardOptIn }),
      };
      const [row] = await db
        .update(people)
        .set({
          ...fields,
          // Only the keys given, merged into the preferences object so other preferences stay as they are.
          ...(Object.keys(preferencePatch).length === 0 ? {} : { preferences: sql`${people.preferences} || ${JSON.stringify(preferencePatch)}::jsonb` }),
          updatedAt: ctx.clock.now(),
        })
        .where(eq(people.id, me(request.auth as SignedIn)))
        .returning();
      peopleChanged(ctx);
      return presentPerson(db, row ?? (await getPersonRow(db, me(request.auth as SignedIn))));
    },
  });

  app.put('/api/v1/me/password', {
    config: { policy: isPerson },
    schema: { tags, summary: 'Set my password', body: z.object({ password: z.string().max(1000) }), response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await setPassword(ctx, me(request.auth as SignedIn), request.body.password);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/me/consent', {
    config: { policy: isPerson },
    schema: {
      tags,
      summary: 'Join the ambassador programme, accepting the social-media policy',
      body: z.object({ policyVersion: z.string().min(1).max(40) }),
      response: { 200: personSchema, ...errorResponses },
    },
    handler: async (request) => {
      const current = await getSetting(db, 'policy.socialMediaVersion');
      if (request.body.policyVersion !== current) {
        throw new AppError(409, 'policy_outdated', 'error.policy_outdated', { version: current });
      }
      return changeOwnStatus(ctx, me(request.auth as SignedIn), 'consent', request.body.policyVersion);
    },
  });

  for (const [path, step, summary] of [
    ['pause', 'pause', 'Pause my ambassadorship'],
    ['resume', 'resume', 'Resume my ambassadorship'],
    ['opt-out', 'opt_out', 'Leave the ambassador programme (takes effect everywhere at once)'],
  ] as const) {
    app.post(`/api/v1/me/${path}`, {
      config: { policy: isPerson },
      schema: { tags, summary, response: { 200: personSchema, ...errorResponses } },
      handler: async (request) => changeOwnStatus(ctx, me(request.auth as SignedIn), step),
    });
  }

  app.get('/api/v1/me/export', {
    config: { policy: isPerson },
    schema: { tags, summary: 'Download everything Podium holds about me', response: { 200: z.record(z.string(), z.unknown()), ...errorResponses } },
    handler: async (request, reply) => {
      reply.header('content-disposition', 'attachment; filename="podium-my-data.json"');
      return exportPerson(ctx, me(request.auth as SignedIn));
    },
  });
}
