import { z } from 'zod';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { listOf } from '../http/pagination.ts';
import { canManagePeople, canViewPeople } from './policy.ts';
import { presentPerson } from './presenter.ts';
import { createPersonBody, peopleQuery, personSchema, updatePersonBody } from './schema.ts';
import { createdPersonSchema } from './alumni-schema.ts';
import { createPerson, getPersonRow, invitePerson, listPeople, updatePerson } from './service.ts';

const idParams = z.object({ id: z.uuid() });

/** People: list, create, read, edit, invite. */
export async function peopleRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/people', {
    config: { policy: canViewPeople },
    schema: { tags: ['people'], summary: 'List people', querystring: peopleQuery, response: { 200: listOf(personSchema), ...errorResponses } },
    handler: async (request) => listPeople(ctx.database.db, request.query),
  });

  app.post('/api/v1/people', {
    config: { policy: canManagePeople },
    schema: {
      tags: ['people'],
      summary: 'Create a person; a returning colleague (an alumnus’s work or personal e-mail) gets their own row back: 200 with rehired true',
      body: createPersonBody,
      response: { 200: createdPersonSchema, 201: createdPersonSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const person = await createPerson(ctx, request.auth, request.body);
      return reply.code(person.rehired ? 200 : 201).send(person);
    },
  });

  app.get('/api/v1/people/:id', {
    config: { policy: canViewPeople },
    schema: { tags: ['people'], summary: 'Get a person', params: idParams, response: { 200: personSchema, ...errorResponses } },
    handler: async (request) => presentPerson(ctx.database.db, await getPersonRow(ctx.database.db, request.params.id)),
  });

  app.patch('/api/v1/people/:id', {
    config: { policy: canManagePeople },
    schema: { tags: ['people'], summary: 'Update a person', params: idParams, body: updatePersonBody, response: { 200: personSchema, ...errorResponses } },
    handler: async (request) => updatePerson(ctx, request.auth, request.params.id, request.body),
  });

  app.post('/api/v1/people/:id/invite', {
    config: { policy: canManagePeople },
    schema: { tags: ['people'], summary: 'Send an invitation e-mail (sent is false for a deactivated or erased person)', params: idParams, response: { 202: z.object({ sent: z.boolean() }), ...errorResponses } },
    handler: async (request, reply) => {
      const sent = await invitePerson(ctx, request.auth, request.params.id);
      return reply.code(202).send({ sent });
    },
  });
}
