import { and, desc, eq, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { isAdmin } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { mailOutbox } from '../db/schema/index.ts';
import { errorResponses } from '../http/openapi.ts';
import { decodeCursor, listOf, page, pageQuery } from '../http/pagination.ts';

const outboxMail = z
  .object({ id: z.uuid(), to: z.string(), subject: z.string(), text: z.string(), kind: z.string(), status: z.string(), createdAt: z.iso.datetime() })
  .meta({ id: 'OutboxMail' });

/** The outbox: mail Podium kept (no SMTP) or sent, newest first, for admins. */
export async function outboxRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/outbox', {
    config: { policy: isAdmin },
    schema: {
      tags: ['mail'],
      summary: 'Outbox mails, newest first',
      querystring: z.object({ ...pageQuery, to: z.string().max(254).optional() }),
      response: { 200: listOf(outboxMail), ...errorResponses },
    },
    handler: async (request) => {
      const { limit, cursor, to } = request.query;
      const after = decodeCursor(cursor, ['timestamp', 'uuid']) as [string, string] | null;
      const conditions = [];
      if (to) conditions.push(eq(mailOutbox.toAddress, to.toLowerCase()));
      if (after) {
        const at = new Date(after[0]);
        conditions.push(or(lt(mailOutbox.createdAt, at), and(eq(mailOutbox.createdAt, at), lt(mailOutbox.id, after[1]))));
      }
      const rows = await ctx.database.db
        .select()
        .from(mailOutbox)
        .where(conditions.length ? and(...conditions) : undefined)
        .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
        .limit(limit + 1);
      const result = page(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
      return {
        items: result.items.map((r) => ({ id: r.id, to: r.toAddress, subject: r.subject, text: r.textBody, kind: r.kind, status: r.status, createdAt: r.createdAt.toISOString() })),
        nextCursor: result.nextCursor,
      };
    },
  });
}
