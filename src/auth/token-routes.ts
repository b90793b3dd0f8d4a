import { z } from 'zod';
import { recordAudit } from '../audit/service.ts';
import type { App, AppContext } from '../context.ts';
import { roles, tokenScopes } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { errorResponses } from '../http/openapi.ts';
import { getPersonRow } from '../people/service.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { isAdmin } from './context.ts';

const tokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: z.enum(roles),
    scopes: z.array(z.enum(tokenScopes)),
    prefix: z.string(),
    personId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiToken' });

type TokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
const present = (r: TokenRow) => ({
  id: r.id,
  name: r.name,
  role: r.role,
  scopes: r.scopes,
  prefix: r.prefix,
  personId: r.personId,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

/** API tokens for integrations (admins): the secret is shown once, at creation. */
export async function tokenRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ['tokens'];
  app.get('/api/v1/tokens', {
    config: { policy: isAdmin },
    schema: { tags, summary: 'List API tokens', response: { 200: z.object({ items: z.array(tokenSchema), nextCursor: z.null() }), ...errorResponses } },
    handler: async () => ({ items: (await listApiTokens(ctx.database.db)).map(present), nextCursor: null }),
  });

  app.post('/api/v1/tokens', {
    config: { policy: isAdmin },
    schema: {
      tags,
      summary: 'Create an API token (the secret is in this response only)',
      body: z.object({
        name: z.string().trim().min(1).max(120),
        role: z.enum(roles),
        /** `analytics`: may read the analytics API (for a BI tool), whatever the role. */
        scopes: z.array(z.enum(tokenScopes)).max(tokenScopes.length).optional(),
        personId: z.uuid().nullable().optional(),
      }),
      response: { 201: tokenSchema.extend({ token: z.string() }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const { name, role, scopes = [], personId = null } = request.body;
      const now = ctx.clock.now();
      // A provisioning token does nothing else: the least role, and no person to act for.
      if (scopes.includes('scim') && (role !== 'ambassador' || personId)) throw new AppError(400, 'token_scim', 'error.token_scim');
      if (personId) {
        const person = await getPersonRow(ctx.database.db, personId);
        if (!person.roles.includes(role)) throw new AppError(400, 'token_role', 'error.token_role');
      }
      const created = await ctx.database.db.transaction(async (tx) => {
        const result = await createApiToken(tx, { name, role, scopes: [...new Set(scopes)], personId, createdBy: request.auth.kind === 'anonymous' ? null : request.auth.personId, now });
        await recordAudit(tx, request.auth, now, { action: 'token.created', subjectType: 'api_token', subjectId: result.row.id, after: { name, role, scopes, personId } });
        return result;
      });
      return reply.code(201).send({ ...present(created.row), token: created.token });
    },
  });

  app.delete('/api/v1/tokens/:id', {
    config: { policy: isAdmin },
    schema: { tags, summary: 'Revoke an API token', params: z.object({ id: z.uuid() }), response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      const now = ctx.clock.now();
      await ctx.database.db.transaction(async (tx) => {
        const row = await revokeApiToken(tx, request.params.id, now);
        if (!row) throw notFound('token_not_found', request.params.id);
        await recordAudit(tx, request.auth, now, { action: 'token.revoked', subjectType: 'api_token', subjectId: row.id, before: { name: row.name, role: row.role } });
      });
      return reply.code(204).send(null);
    },
  });
}
