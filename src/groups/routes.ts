import { z } from 'zod';
import type { App, AppContext } from '../context.ts';
import { groupKinds } from '../db/schema/index.ts';
import { errorResponses } from '../http/openapi.ts';
import { listOf } from '../http/pagination.ts';
import { text } from '../http/text.ts';
import { canManagePeople, canViewPeople } from '../people/policy.ts';
import { createGroup, deleteGroup, listGroups, renameGroup } from './service.ts';

const groupSchema = z.object({ id: z.uuid(), kind: z.enum(groupKinds), name: z.string(), memberCount: z.number().int() }).meta({ id: 'Group' });
const idParams = z.object({ id: z.uuid() });
const groupName = text().trim().min(1).max(120);

/** Departments, locations and teams. */
export async function groupRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ['groups'];
  app.get('/api/v1/groups', {
    config: { policy: canViewPeople },
    schema: {
      tags,
      summary: 'List groups with member counts',
      querystring: z.object({ kind: z.enum(groupKinds).optional(), q: text().max(120).optional() }),
      response: { 200: listOf(groupSchema), ...errorResponses },
    },
    // Groups number in the hundreds at most, so one page holds them all.
    handler: async (request) => ({ items: await listGroups(ctx.database.db, request.query), nextCursor: null }),
  });

  app.post('/api/v1/groups', {
    config: { policy: canManagePeople },
    schema: { tags, summary: 'Create a group', body: z.object({ kind: z.enum(groupKinds), name: groupName }), response: { 201: groupSchema, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await createGroup(ctx, request.auth, request.body)),
  });

  app.patch('/api/v1/groups/:id', {
    config: { policy: canManagePeople },
    schema: { tags, summary: 'Rename a group', params: idParams, body: z.object({ name: groupName }), response: { 200: groupSchema, ...errorResponses } },
    handler: async (request) => renameGroup(ctx, request.auth, request.params.id, request.body.name),
  });

  app.delete('/api/v1/groups/:id', {
    config: { policy: canManagePeople },
    schema: { tags, summary: 'Delete a group (its members stay)', params: idParams, response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await deleteGroup(ctx, request.auth, request.params.id);
      return reply.code(204).send(null);
    },
  });
}
