import { z } from 'zod';
import type { SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { flushActivity } from './activity.ts';
import { assessmentAnswersSchema } from './assessment.ts';
import { personaFlow } from './flow.ts';
import { canAskForPersona, canAssessOwnPersona, canRecomputePersonas, canViewPersonaFlow } from './policy.ts';
import { flowQuery, personaFlowSchema, personaViewSchema, recomputeReportSchema } from './schema.ts';
import { deleteAssessment, getPersona, recomputeEveryone, saveAssessment } from './view.ts';

const tags = ['personas'];

/** Personas: one's own (or, for admins, anyone's) persona and why, the self-assessment, recomputation and the flow report. */
export async function personaRoutes(app: App, ctx: AppContext): Promise<void> {
  // Feed visits and story reads gathered in memory are written before the app stops.
  app.addHook('onClose', async () => flushActivity(ctx));

  app.get('/api/v1/people/:id/persona', {
    config: { policy: canAskForPersona },
    schema: {
      tags,
      summary: 'A person’s persona, the signals that decided it, since when, and its weekly history, with the self-assessment (the person themself or an admin only)',
      params: z.object({ id: z.uuid() }),
      response: { 200: personaViewSchema, ...errorResponses },
    },
    handler: async (request) => getPersona(ctx, request.auth as SignedIn, request.params.id, request.language),
  });

  app.put('/api/v1/me/persona/assessment', {
    config: { policy: canAssessOwnPersona },
    schema: {
      tags,
      summary: 'Answer the four-question self-assessment (each 1–5); my persona is recomputed at once',
      body: assessmentAnswersSchema,
      response: { 200: personaViewSchema, ...errorResponses },
    },
    // canAssessOwnPersona (isPerson) guarantees a person.
    handler: async (request) => saveAssessment(ctx, (request.auth as SignedIn).personId as string, request.body, request.language),
  });

  app.delete('/api/v1/me/persona/assessment', {
    config: { policy: canAssessOwnPersona },
    schema: { tags, summary: 'Withdraw my self-assessment; my persona is recomputed from behaviour alone, at once', response: { 200: personaViewSchema, ...errorResponses } },
    handler: async (request) => deleteAssessment(ctx, (request.auth as SignedIn).personId as string, request.language),
  });

  app.post('/api/v1/personas/recompute', {
    config: { policy: canRecomputePersonas },
    schema: { tags, summary: 'Recompute everyone’s persona now, in batches (as the nightly job does)', response: { 200: recomputeReportSchema, ...errorResponses } },
    handler: async (request) => recomputeEveryone(ctx, request.auth as SignedIn),
  });

  app.get('/api/v1/personas/flow', {
    config: { policy: canViewPersonaFlow },
    schema: {
      tags,
      summary: 'Persona flow: moves between personas over a period (default this quarter) and the distribution per week, optionally for one department; aggregates of 5 people or more only',
      querystring: flowQuery,
      response: { 200: personaFlowSchema, ...errorResponses },
    },
    handler: async (request) => personaFlow(ctx, request.query),
  });
}
