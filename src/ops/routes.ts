import { z } from 'zod';
import { isAdmin } from '../auth/context.ts';
import { recordAudit } from '../audit/service.ts';
import type { App, AppContext } from '../context.ts';
import { AppError } from '../http/errors.ts';
import { errorResponses } from '../http/openapi.ts';
import { backupStream } from './backup.ts';
import { retentionPeriods, setRetentionPeriods } from './retention.ts';

const retentionList = z
  .object({
    items: z.array(z.object({ key: z.string(), description: z.string(), defaultDays: z.number().int(), days: z.number().int() })),
  })
  .meta({ id: 'RetentionPeriods' });
const retentionChange = z.object({
  days: z
    .record(z.string().min(1).max(80), z.number().int().min(1).max(3650).nullable())
    .refine((days) => Object.keys(days).length > 0, 'name at least one kind of data')
    .describe('Days to keep each kind of data, by register key (e.g. "links.clicks": 180); null restores the default'),
});

/** Operations: the backup of the embedded database (`podium backup`) and the retention periods. */
export async function opsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/settings/retention', {
    config: { policy: isAdmin },
    schema: { tags: ['settings'], summary: 'How long Podium keeps each kind of expiring data (raw clicks, outbox, audit log, sessions…)', response: { 200: retentionList, ...errorResponses } },
    handler: async () => ({ items: await retentionPeriods(ctx.database.db) }),
  });

  app.put('/api/v1/settings/retention', {
    config: { policy: isAdmin },
    schema: { tags: ['settings'], summary: 'Change retention periods (1–3650 days; null restores the default); the nightly job applies them', body: retentionChange, response: { 200: retentionList, ...errorResponses } },
    handler: async (request) => {
      const items = await ctx.database.db.transaction((tx) => setRetentionPeriods(tx, request.auth, request.body.days, ctx.clock.now()));
      return { items };
    },
  });

  app.get('/api/v1/backup', {
    config: { policy: isAdmin },
    schema: {
      tags: ['operations'],
      summary: 'A consistent backup of the embedded database and its uploaded files, as a gzip’ed tar (what `podium backup` writes); PostgreSQL is backed up with pg_dump',
      produces: ['application/gzip'],
      response: errorResponses,
    },
    handler: async (request, reply) => {
      if (ctx.database.engine !== 'pglite') throw new AppError(409, 'backup_postgres', 'error.backup_postgres');
      const now = ctx.clock.now();
      await recordAudit(ctx.database.db, request.auth, now, { action: 'backup.taken', subjectType: 'database', subjectId: null });
      const stream = await backupStream(ctx.database, ctx.config, now);
      const name = `podium-backup-${now.toISOString().replace(/[:.]/g, '-')}.tar.gz`;
      return reply.type('application/gzip').header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(stream as never);
    },
  });
}
