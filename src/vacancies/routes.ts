import { z } from 'zod';
import type { SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { listOf } from '../http/pagination.ts';
import { listOpenVacancies, openVacancyQuery, openVacancySchema } from './open-vacancies.ts';
import { canBrowseOpenVacancies, canManageVacancies, canReadVacancies } from './policy.ts';
import { sourceBody, sourceSchema, syncReportSchema, vacancyPatch, vacancyQuery, vacancySchema } from './schema.ts';
import { createSource, listSources, listVacancies, patchVacancy } from './service.ts';
import { syncSource } from './sync.ts';

const tags = ['recruitment'];
const idParams = z.object({ id: z.uuid() });

/** The recruitment domain: vacancy sources and their syncs, vacancies. */
export async function vacancyRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/vacancy-sources', {
    config: { policy: canManageVacancies },
    schema: { tags, summary: 'Vacancy sources with their last sync and error', response: { 200: listOf(sourceSchema), ...errorResponses } },
    handler: async () => listSources(ctx),
  });

  app.post('/api/v1/vacancy-sources', {
    config: { policy: canManageVacancies },
    schema: { tags, summary: 'Add a vacancy source: an ATS feed or a careers page', body: sourceBody, response: { 201: sourceSchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await createSource(ctx, request.auth as SignedIn, request.body)),
  });

  app.post('/api/v1/vacancy-sources/:id/sync', {
    config: { policy: canManageVacancies },
    schema: {
      tags,
      summary: 'Sync a source now and wait for its report; a bad feed changes nothing, a mass close waits for confirmation',
      params: idParams,
      response: { 200: syncReportSchema, ...errorResponses },
    },
    handler: async (request) => syncSource(ctx, request.params.id, { triggeredBy: (request.auth as SignedIn).personId }),
  });

  app.post('/api/v1/vacancy-sources/:id/sync/confirm', {
    config: { policy: canManageVacancies },
    schema: {
      tags,
      summary: 'Sync again, closing what vanished from the feed even when that is more than half of the open vacancies',
      params: idParams,
      response: { 200: syncReportSchema, ...errorResponses },
    },
    handler: async (request) => syncSource(ctx, request.params.id, { triggeredBy: (request.auth as SignedIn).personId, confirmMassClose: true }),
  });

  app.get('/api/v1/vacancies', {
    config: { policy: canReadVacancies },
    schema: { tags, summary: 'Vacancies, newest first (?status=open)', querystring: vacancyQuery, response: { 200: listOf(vacancySchema), ...errorResponses } },
    handler: async (request) => listVacancies(ctx, request.query),
  });

  app.get('/api/v1/vacancies/open', {
    config: { policy: canBrowseOpenVacancies },
    schema: {
      tags,
      summary: 'Open vacancies to share, most urgent first, for every signed-in person (?q= searches title, department and location)',
      querystring: openVacancyQuery,
      response: { 200: listOf(openVacancySchema), ...errorResponses },
    },
    handler: async (request) => listOpenVacancies(ctx, request.language, request.query),
  });

  app.patch('/api/v1/vacancies/:id', {
    config: { policy: canManageVacancies },
    schema: { tags, summary: 'Set urgency, openings or the themes (by hand: rules stop changing them)', params: idParams, body: vacancyPatch, response: { 200: vacancySchema, ...errorResponses } },
    handler: async (request) => patchVacancy(ctx, request.auth as SignedIn, request.params.id, request.body),
  });
}
