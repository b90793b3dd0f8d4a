import { z } from 'zod';
import { isAdmin } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { errorResponses } from '../http/openapi.ts';
import { decodeCursor, listOf, page, pageQuery } from '../http/pagination.ts';
import { listAudit } from './service.ts';

const ref = z.object({ id: z.uuid(), name: z.string() }).nullable();
const auditEntry = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    actor: ref,
    token: ref,
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEntry' });

/** The audit log of admin and editor actions, for admins. */
export async function auditRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/audit-log', {
    config: { policy: isAdmin },
    schema: {
      tags: ['audit'],
      summary: 'Audit log, newest first',
      querystring: z.object({ ...pageQuery, action: z.string().max(80).optional() }),
      response: { 200: listOf(auditEntry), ...errorResponses },
    },
    handler: async (request) => {
      const { limit, cursor, action } = request.query;
      const after = decodeCursor(cursor, ['timestamp', 'uuid']) as [string, string] | null;
      const rows = await listAudit(ctx.database.db, { action, limit, after: after ? { at: new Date(after[0]), id: after[1] } : undefined });
      const result = page(rows, limit, (r) => [r.at.toISOString(), r.id]);
      return {
        items: result.items.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actor: r.actorId ? { id: r.actorId, name: r.actorName ?? '' } : null,
          token: r.tokenId ? { id: r.tokenId, name: r.tokenName ?? '' } : null,
          action: r.action,
          subjectType: r.subjectType,
          subjectId: r.subjectId,
          before: r.before,
          after: r.after,
        })),
        nextCursor: result.nextCursor,
      };
    },
  });
}
