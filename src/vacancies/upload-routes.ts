import { z } from 'zod';
import type { SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import { AppError } from '../http/errors.ts';
import { errorResponses, errorSchema } from '../http/openapi.ts';
import { MAX_VACANCY_ROWS } from './adapters/csv.ts';
import { canManageVacancies } from './policy.ts';
import { syncReportSchema } from './schema.ts';
import { uploadVacancyCsv } from './upload.ts';

const idParams = z.object({ id: z.uuid() });
const uploadQuery = z.object({
  confirmMassClose: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('Close what is missing from the file even when that is more than half of the open vacancies (after a report that awaited confirmation)'),
});

/** CSV uploads for csv vacancy sources. */
export async function vacancyUploadRoutes(app: App, ctx: AppContext): Promise<void> {
  app.post('/api/v1/vacancy-sources/:id/upload', {
    config: { policy: canManageVacancies },
    schema: {
      tags: ['recruitment'],
      summary: 'Upload the vacancies of a csv source (send the file as the text/csv body) and get the sync report',
      description: `Columns externalId and title, optionally department, location, employmentType, description, applyUrl, openings and openedAt (English or Dutch headers), comma or semicolon separated, UTF-8 or Windows-1252, up to ${MAX_VACANCY_ROWS.toLocaleString('en')} rows. Like a sync: new rows are added, changed ones updated, vacancies missing from the file closed. A file that cannot be read (400) or none of whose rows can be used (422) changes nothing; one that would close more than half of the open vacancies answers awaiting_confirmation until it is sent again with ?confirmMassClose=true.`,
      consumes: ['text/csv'],
      params: idParams,
      querystring: uploadQuery,
      response: { 200: syncReportSchema, 415: errorSchema, 422: errorSchema, ...errorResponses },
    },
    handler: async (request) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError(415, 'unsupported_media_type', 'error.unsupported_media_type', { expected: 'text/csv' });
      return uploadVacancyCsv(ctx, request.auth as SignedIn, request.params.id, request.body, { confirmMassClose: request.query.confirmMassClose });
    },
  });
}
