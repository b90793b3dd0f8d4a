import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App, AppContext } from '../context.ts';
import { isConnectionError } from '../db/errors.ts';
import { AppError } from '../http/errors.ts';
import { t } from '../i18n/index.ts';
import { listOf, resourceTypes, schemas, serviceProviderConfig } from './discovery.ts';
import { ScimError, type ScimType, scimErrorBody } from './errors.ts';
import { parseFilter } from './filter.ts';
import { createScimGroup, deleteScimGroup, getGroup, listGroups, patchScimGroup, replaceScimGroup } from './groups.ts';
import { canProvision } from './policy.ts';
import { MAX_PAGE } from './schemas.ts';
import { patchOperations, stateFromBody } from './user-state.ts';
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from './users.ts';

/** The SCIM content type (RFC 7644 §3.1); plain JSON is accepted too. */
export const SCIM_CONTENT_TYPE = 'application/scim+json';
export const SCIM_PREFIX = '/scim/v2';

const routesByApp = new WeakMap<App, string[]>();

/** Every SCIM route as `METHOD /scim/v2/…` (the SCIM route matrix test reads it). */
export function scimRegisteredRoutes(app: App): readonly string[] {
  return routesByApp.get(app) ?? [];
}

// Loose shapes: SCIM attribute names are case-insensitive and providers send extra ones, so the
// services read the bodies (values.ts); the schemas document the routes and keep what is returned.
const resource = z.looseObject({ schemas: z.array(z.string()) });
const scimError = z.object({ schemas: z.array(z.string()), status: z.string(), scimType: z.string().optional(), detail: z.string() }).meta({ id: 'ScimError' });
const errors = { 400: scimError, 401: scimError, 403: scimError, 404: scimError, 409: scimError };
const listResponse = z.looseObject({ schemas: z.array(z.string()), totalResults: z.number().int(), startIndex: z.number().int(), itemsPerPage: z.number().int(), Resources: z.array(z.looseObject({})) });
const body = z.looseObject({ schemas: z.array(z.string()).optional() });
const idParams = z.object({ id: z.string().max(200) });
const listQuery = z.object({
  filter: z.string().max(1000).optional(),
  startIndex: z.coerce.number().int().optional(),
  count: z.coerce.number().int().optional(),
  attributes: z.string().max(1000).optional(),
  excludedAttributes: z.string().max(1000).optional(),
});

/** startIndex is 1-based and at least 1; count between 0 and MAX_PAGE (RFC 7644 §3.4.2.4). */
function paging(query: { startIndex?: number | undefined; count?: number | undefined }) {
  return { startIndex: Math.max(1, query.startIndex ?? 1), count: Math.min(MAX_PAGE, Math.max(0, query.count ?? 100)) };
}

const excludes = (excluded: string | undefined, name: string) => (excluded ?? '').toLowerCase().split(',').map((s) => s.trim()).includes(name);

/** The scimType an AppError from a shared service stands for. */
function scimTypeOf(error: AppError): ScimType | undefined {
  if (error.status === 409) return error.code === 'email_taken' || error.code === 'group_taken' ? 'uniqueness' : 'mutability';
  if (error.status === 400) return 'invalidValue';
  return undefined;
}

/**
 * SCIM 2.0 provisioning (RFC 7643/7644) under /scim/v2 for Microsoft Entra ID, Okta and other
 * identity providers: Users are people, Groups are teams. Everything here answers in
 * application/scim+json, errors included, and only a token with the `scim` scope gets in.
 */
export async function scimRoutes(app: App, ctx: AppContext): Promise<void> {
  const registered: string[] = [];
  routesByApp.set(app, registered);
  await app.register(
    async (scim: App) => {
      scim.addHook('onRoute', (route) => {
        if (route.url.endsWith('*')) return;
        for (const method of [route.method].flat()) if (method !== 'HEAD') registered.push(`${method} ${route.url}`);
      });
      scim.addContentTypeParser(SCIM_CONTENT_TYPE, { parseAs: 'string' }, scim.getDefaultJsonParser('error', 'error'));
      scim.addHook('onSend', async (_request, reply, payload) => {
        const type = String(reply.getHeader('content-type') ?? '');
        if (typeof payload === 'string' && type.startsWith('application/json')) reply.header('content-type', `${SCIM_CONTENT_TYPE}; charset=utf-8`);
        return payload;
      });
      scim.setErrorHandler((error: FastifyError, request, reply) => {
        const send = (status: number, detail: string, scimType?: ScimType) => {
          if (status === 401) reply.header('www-authenticate', 'Bearer realm="Podium SCIM"');
          return reply.code(status).type(SCIM_CONTENT_TYPE).send(scimErrorBody(status, detail, scimType));
        };
        const lang = request.language ?? 'en';
        if (error instanceof ScimError) return send(error.status, error.message, error.scimType);
        if (error instanceof AppError) {
          if (error.status === 403 && error.code === 'forbidden') return send(403, 'This token may not provision: make a token with the scim scope on the SCIM page of Podium.');
          return send(error.status, t(lang, error.messageKey, error.params), scimTypeOf(error));
        }
        if (hasZodFastifySchemaValidationErrors(error)) {
          const detail = error.validation.map((v) => `${error.validationContext ?? ''}${v.instancePath || ''}: ${v.message ?? 'invalid'}`).join('; ');
          return send(400, detail, 'invalidValue');
        }
        if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(413, 'The request body is too large.');
        if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(415, `Send ${SCIM_CONTENT_TYPE} (or application/json).`);
        if (isConnectionError(error)) return send(503, t(lang, 'error.unavailable'));
        if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return send(error.statusCode, error.message, error.statusCode === 400 ? 'invalidSyntax' : undefined);
        request.log.error({ err: error }, 'unhandled SCIM error');
        return send(500, t(lang, 'error.internal'));
      });
      scim.setNotFoundHandler((request, reply) =>
        reply
          .code(404)
          .type(SCIM_CONTENT_TYPE)
          .send(scimErrorBody(404, `${request.method} ${request.url.split('?')[0] ?? ''} is not a SCIM endpoint; see ${SCIM_PREFIX}/ResourceTypes.`)),
      );

      // Unknown paths under /scim/v2 get a SCIM 404 rather than the web app's page.
      scim.route({
        method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        url: '/*',
        config: { policy: 'public' },
        schema: { hide: true },
        handler: async (request) => {
          throw new ScimError(404, `${request.method} ${request.url.split('?')[0] ?? ''} is not a SCIM endpoint; see ${SCIM_PREFIX}/ResourceTypes.`);
        },
      });

      const tags = ['scim'];
      const config = { policy: canProvision };

      scim.get('/ServiceProviderConfig', { config, schema: { tags, summary: 'SCIM: what Podium supports', response: { 200: resource, ...errors } }, handler: async () => serviceProviderConfig(ctx) });
      scim.get('/ResourceTypes', { config, schema: { tags, summary: 'SCIM: resource types', response: { 200: listResponse, ...errors } }, handler: async () => listOf(resourceTypes(ctx)) });
      scim.get('/ResourceTypes/:id', {
        config,
        schema: { tags, summary: 'SCIM: one resource type', params: idParams, response: { 200: resource, ...errors } },
        handler: async (request) => {
          const found = resourceTypes(ctx).find((r) => r.id.toLowerCase() === request.params.id.toLowerCase());
          if (!found) throw new ScimError(404, `Resource type ${request.params.id} not found; there are User and Group.`);
          return found;
        },
      });
      scim.get('/Schemas', { config, schema: { tags, summary: 'SCIM: schemas', response: { 200: listResponse, ...errors } }, handler: async () => listOf(schemas(ctx)) });
      scim.get('/Schemas/:id', {
        config,
        schema: { tags, summary: 'SCIM: one schema', params: idParams, response: { 200: resource, ...errors } },
        handler: async (request) => {
          const found = schemas(ctx).find((s) => s.id.toLowerCase() === request.params.id.toLowerCase());
          if (!found) throw new ScimError(404, `Schema ${request.params.id} not found.`);
          return found;
        },
      });

      // Users ------------------------------------------------------------------------------------
      scim.get('/Users', {
        config,
        schema: { tags, summary: 'SCIM: list or find users (filter userName, externalId, emails[type eq "work"].value)', querystring: listQuery, response: { 200: listResponse, ...errors } },
        handler: async (request) => {
          const { startIndex, count } = paging(request.query);
          const filter = request.query.filter?.trim() ? parseFilter(request.query.filter) : [];
          const { total, resources } = await listUsers(ctx, filter, startIndex, count);
          return listOf(resources, total, startIndex);
        },
      });
      scim.post('/Users', {
        config,
        schema: { tags, summary: 'SCIM: provision a user', body, response: { 201: resource, ...errors } },
        handler: async (request, reply) => {
          const user = await createUser(ctx, request.auth, stateFromBody(request.body));
          return reply.code(201).header('location', user.meta.location).send(user);
        },
      });
      scim.get('/Users/:id', { config, schema: { tags, summary: 'SCIM: one user', params: idParams, response: { 200: resource, ...errors } }, handler: async (request) => getUser(ctx, request.params.id) });
      scim.put('/Users/:id', {
        config,
        schema: { tags, summary: 'SCIM: replace a user (active false: the person leaves and becomes alumni)', params: idParams, body, response: { 200: resource, ...errors } },
        handler: async (request) => replaceUser(ctx, request.auth, request.params.id, stateFromBody(request.body)),
      });
      scim.patch('/Users/:id', {
        config,
        schema: { tags, summary: 'SCIM: change a user (PatchOp)', params: idParams, body, response: { 200: resource, ...errors } },
        handler: async (request) => patchUser(ctx, request.auth, request.params.id, patchOperations(request.body)),
      });
      scim.delete('/Users/:id', {
        config,
        schema: { tags, summary: 'SCIM: deprovision a user (they become alumni; nothing is deleted)', params: idParams, response: { 204: z.null(), ...errors } },
        handler: async (request, reply) => {
          await deleteUser(ctx, request.auth, request.params.id);
          return reply.code(204).send(null);
        },
      });

      // Groups -----------------------------------------------------------------------------------
      scim.get('/Groups', {
        config,
        schema: { tags, summary: 'SCIM: list or find groups (teams)', querystring: listQuery, response: { 200: listResponse, ...errors } },
        handler: async (request) => {
          const { startIndex, count } = paging(request.query);
          const filter = request.query.filter?.trim() ? parseFilter(request.query.filter) : [];
          const { total, resources } = await listGroups(ctx, filter, startIndex, count, !excludes(request.query.excludedAttributes, 'members'));
          return listOf(resources, total, startIndex);
        },
      });
      scim.post('/Groups', {
        config,
        schema: { tags, summary: 'SCIM: provision a group (a team)', body, response: { 201: resource, ...errors } },
        handler: async (request, reply) => {
          const group = await createScimGroup(ctx, request.auth, request.body);
          return reply.code(201).header('location', group.meta.location).send(group);
        },
      });
      scim.get('/Groups/:id', {
        config,
        schema: { tags, summary: 'SCIM: one group', params: idParams, querystring: listQuery.pick({ attributes: true, excludedAttributes: true }), response: { 200: resource, ...errors } },
        handler: async (request) => getGroup(ctx, request.params.id, !excludes(request.query.excludedAttributes, 'members')),
      });
      scim.put('/Groups/:id', {
        config,
        schema: { tags, summary: 'SCIM: replace a group and its members', params: idParams, body, response: { 200: resource, ...errors } },
        handler: async (request) => replaceScimGroup(ctx, request.auth, request.params.id, request.body),
      });
      scim.patch('/Groups/:id', {
        config,
        schema: { tags, summary: 'SCIM: change a group (add or remove members, rename)', params: idParams, body, response: { 204: z.null(), ...errors } },
        handler: async (request, reply) => {
          await patchScimGroup(ctx, request.auth, request.params.id, patchOperations(request.body));
          return reply.code(204).send(null);
        },
      });
      scim.delete('/Groups/:id', {
        config,
        schema: { tags, summary: 'SCIM: delete a group (its members stay)', params: idParams, response: { 204: z.null(), ...errors } },
        handler: async (request, reply) => {
          await deleteScimGroup(ctx, request.auth, request.params.id);
          return reply.code(204).send(null);
        },
      });
    },
    { prefix: SCIM_PREFIX },
  );
}
