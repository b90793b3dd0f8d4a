import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppContext } from '../context.ts';
import { AppError } from '../http/errors.ts';
import { errorResponses, errorSchema } from '../http/openapi.ts';
import { recordBrowserConversion } from './browser.ts';
import { importConversions } from './import.ts';
import { MAX_IMPORT_ROWS } from './import-csv.ts';
import { canImportConversions, canReportConversions } from './policy.ts';
import { browserConversionBody, browserConversionResponse, conversionBody, conversionSchema, importReportSchema } from './schema.ts';
import { recordConversion } from './service.ts';

/** The careers-site script, as written in the repository: small, no dependencies, nothing inline. */
const trackerSource = readFileSync(new URL('./tracker.js', import.meta.url), 'utf8');
const trackerEtag = `"${createHash('sha256').update(trackerSource).digest('base64url').slice(0, 22)}"`;

/** A browser report is a few click ids and a type: anything bigger is not one. */
export const BROWSER_BODY_LIMIT = 4_096;
/** Per hashed client address (the app's rate-limit key): a careers site's visitors, not a script flooding it. */
export const browserRateLimit = { max: 30, timeWindow: '1 minute' };

/** Any site may report from the browser, never with cookies or other credentials. */
function allowAnyOrigin(reply: FastifyReply): void {
  reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
}

/** t.js sends its JSON as text/plain, which keeps the request simple (no preflight): read it as JSON here. */
async function jsonFromText(request: FastifyRequest): Promise<void> {
  if (!Buffer.isBuffer(request.body)) return;
  try {
    request.body = JSON.parse(request.body.toString('utf8'));
  } catch {
    throw new AppError(400, 'conversion_body_invalid', 'error.conversion_body_invalid');
  }
}

/** Conversions: reported server to server, by the careers-site script, or imported from an ATS export. */
export async function conversionRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ['conversions'];

  app.post('/api/v1/conversions', {
    config: { policy: canReportConversions },
    schema: {
      tags,
      summary: 'Report a conversion (application, hire, lead…) with the click ids it came from',
      description:
        'Server to server, with the API token of an admin or a recruiter. Idempotent on externalId: the first report answers 201, every repeat 200 with the same body and nothing stored again. The touchpoints are the people’s clicks among the click ids in the 90 days up to occurredAt, with first-touch, last-touch and linear credit; unknown click ids are kept in clickIds but give no touchpoint.',
      body: conversionBody,
      response: { 200: conversionSchema, 201: conversionSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { created, conversion } = await recordConversion(ctx, request.body, 'api');
      return reply.code(created ? 201 : 200).send(conversion);
    },
  });

  app.post('/api/v1/conversions/browser', {
    config: { policy: 'public', rateLimit: browserRateLimit },
    bodyLimit: BROWSER_BODY_LIMIT,
    onRequest: async (_request, reply) => allowAnyOrigin(reply),
    preValidation: jsonFromText,
    schema: {
      tags,
      summary: 'Report a conversion from a visitor’s browser (what t.js sends)',
      description:
        'Public and callable from any origin, without credentials; JSON sent as application/json or text/plain, at most 4 KB. Only click ids Podium knows are kept; with no person’s click among them the report is refused (422). No hires. Limited per client address and per click id. A repeat of an externalId answers 200 and stores nothing.',
      body: browserConversionBody,
      response: { 200: browserConversionResponse, 201: browserConversionResponse, 413: errorSchema, 422: errorSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { created } = await recordBrowserConversion(ctx, request.body);
      return reply
        .code(created ? 201 : 200)
        .header('cache-control', 'no-store')
        .send({ recorded: true as const });
    },
  });

  // A site that posts application/json from its own code needs the preflight answered.
  app.options('/api/v1/conversions/browser', {
    config: { policy: 'public' },
    schema: { hide: true },
    handler: async (_request, reply) => {
      allowAnyOrigin(reply);
      return reply
        .code(204)
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', 'content-type')
        .header('access-control-max-age', '86400')
        .send();
    },
  });

  app.post('/api/v1/conversions/imports', {
    config: { policy: canImportConversions },
    schema: {
      tags,
      summary: 'Import conversions from an ATS export (send the file as the text/csv body)',
      description: `Columns externalId, type and clickIds (click ids separated by spaces or |), optionally occurredAt (ISO 8601; a date alone is the end of that day; without a time zone UTC) and vacancyRef. Comma or semicolon separated, UTF-8 or Windows-1252, up to ${MAX_IMPORT_ROWS.toLocaleString('en')} rows. Every row is reported: created, duplicate (reported before, or earlier in the file) or error with what is wrong; bad rows never keep good rows out.`,
      consumes: ['text/csv'],
      response: { 200: importReportSchema, ...errorResponses },
    },
    handler: async (request) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError(415, 'unsupported_media_type', 'error.unsupported_media_type', { expected: 'text/csv' });
      return importConversions(ctx, request.auth, request.body, request.language);
    },
  });

  app.get('/t.js', {
    config: { policy: 'public' },
    schema: { hide: true },
    handler: async (request, reply) => {
      // Loaded by other sites' pages: it must be allowed cross-origin, and is cached briefly so a
      // new version reaches every careers site within the hour.
      allowAnyOrigin(reply);
      reply.header('cache-control', 'public, max-age=3600').header('etag', trackerEtag);
      if (request.headers['if-none-match'] === trackerEtag) return reply.code(304).send();
      return reply.type('text/javascript; charset=utf-8').send(trackerSource);
    },
  });
}
