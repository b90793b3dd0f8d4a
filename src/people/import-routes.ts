import { z } from 'zod';
import type { App, AppContext } from '../context.ts';
import { AppError } from '../http/errors.ts';
import { errorResponses } from '../http/openapi.ts';
import { dryRunReport, getPeopleImport, startPeopleImport, validatePeopleCsv } from './import-service.ts';
import { canManagePeople } from './policy.ts';
import { previewRehires } from './rehire.ts';

const rowError = z.object({ line: z.number().int(), reason: z.string() });
const rehiredRow = z.object({ line: z.number().int(), email: z.string() });
const importSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['running', 'completed', 'failed', 'rejected']),
    phase: z.enum(['validating', 'staging', 'applying', 'inviting', 'done']),
    processed: z.number().int(),
    total: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    invited: z.number().int(),
    errors: z.array(rowError),
    message: z.string().nullable(),
    rehired: z.array(rehiredRow.extend({ personId: z.uuid() })).describe('Alumni taken back by this import (their work or personal e-mail was in the file): their own row was reactivated'),
  })
  .meta({ id: 'PeopleImport' });
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** CSV import of employees: a dry run reports every bad row; a real run is all-or-nothing with progress. */
export async function importRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post('/api/v1/people/imports', {
    config: { policy: canManagePeople },
    schema: {
      tags: ['people'],
      summary: 'Import people from a CSV file (send the file as the text/csv body)',
      description:
        'Comma or semicolon separated, UTF-8 (with or without BOM) or Windows-1252, up to 50,000 rows. Existing people are updated by e-mail address. With dryRun=true nothing is written and every bad row is reported. Otherwise bad rows reject the file unless skipInvalid=true.',
      querystring: z.object({ dryRun: flag.default(false), skipInvalid: flag.default(false), invite: flag.default(true) }),
      consumes: ['text/csv'],
      response: {
        200: z.object({
          id: z.null(),
          status: z.literal('validated'),
          total: z.number().int(),
          valid: z.number().int(),
          invalid: z.number().int(),
          errors: z.array(rowError),
          delimiter: z.string(),
          encoding: z.string(),
          rehires: z.array(rehiredRow).describe('Lines whose e-mail is an alumnus’s work or personal e-mail: importing takes that person back'),
        }),
        202: z.object({ id: z.uuid(), status: z.literal('running'), total: z.number().int(), valid: z.number().int(), invalid: z.number().int(), errors: z.array(rowError) }),
        422: errorResponses[400],
        ...errorResponses,
      },
    },
    handler: async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError(415, 'unsupported_media_type', 'error.unsupported_media_type', { expected: 'text/csv' });
      const parsed = validatePeopleCsv(request.body, request.language);
      const report = dryRunReport(parsed);
      if (request.query.dryRun) return { ...report, rehires: await previewRehires(ctx.database.db, parsed.rows) };
      const record = await startPeopleImport(ctx, request.auth, parsed, { skipInvalid: request.query.skipInvalid, invite: request.query.invite });
      return reply.code(202).send({ id: record.id, status: 'running' as const, total: report.total, valid: report.valid, invalid: report.invalid, errors: report.errors });
    },
  });

  app.get('/api/v1/people/imports/:id', {
    config: { policy: canManagePeople },
    schema: { tags: ['people'], summary: 'Progress and result of an import', params: z.object({ id: z.uuid() }), response: { 200: importSchema, ...errorResponses } },
    handler: async (request) => getPeopleImport(ctx, request.params.id),
  });
}
