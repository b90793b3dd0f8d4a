import Fastify, { type FastifyError } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { ssoRoutes } from './sso/routes.ts';
import { tokenRoutes } from './auth/token-routes.ts';
import { hashClientAddress } from './auth/tokens.ts';
import type { Config } from './config.ts';
import { type App, type AppContext, type Clock, systemClock } from './context.ts';
import type { Database } from './db/client.ts';
import { isConnectionError, isDataException } from './db/errors.ts';
import { demoRoutes } from './demo/routes.ts';
import { groupRoutes } from './groups/routes.ts';
import { registerAuthHooks } from './http/auth-hooks.ts';
import { AppError } from './http/errors.ts';
import { healthRoutes } from './http/health.ts';
import { t } from './i18n/index.ts';
import type { JobQueue } from './jobs/queue.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { outboxRoutes } from './mail/routes.ts';
import { importRoutes } from './people/import-routes.ts';
import { alumniRoutes } from './people/alumni-routes.ts';
import { meRoutes } from './people/me-routes.ts';
import { peopleRoutes } from './people/routes.ts';
import { privacyRoutes } from './privacy/routes.ts';
import { settingsRoutes } from './settings/routes.ts';
import { setupRoutes } from './setup/routes.ts';
import { campaignRoutes } from './campaigns/routes.ts';
import { conversionRoutes } from './conversions/routes.ts';
import { imageRoutes } from './images/routes.ts';
import { linkRoutes } from './links/routes.ts';
import { newsroomRoutes } from './newsroom/routes.ts';
import { publicRoutes } from './public/routes.ts';
import { sharingRoutes } from './sharing/routes.ts';
import { statsRoutes } from './stats/routes.ts';
import { storyRoutes } from './stories/routes.ts';
import { vacancyRoutes } from './vacancies/routes.ts';
import { vacancyFunnelRoutes } from './vacancies/funnel-routes.ts';
import { vacancyUploadRoutes } from './vacancies/upload-routes.ts';
import { gapRoutes } from './vacancies/gap-routes.ts';
import { integrationRoutes } from './integrations/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { pushRoutes } from './push/routes.ts';
import { webRoutes } from './web/routes.ts';
import { interceptingServer, linkFastPath } from './links/fast-path.ts';
import { personaRoutes } from './personas/routes.ts';
import { nudgeRoutes } from './nudges/routes.ts';
import { impactRoutes } from './impact/routes.ts';
import { leaderboardRoutes } from './leaderboards/routes.ts';
import { reportRoutes } from './analytics/reports-routes.ts';
import { analyticsRoutes } from './analytics/routes.ts';
import { analyticsHealthRoutes } from './analytics/recruitment-routes.ts';
import { webhookRoutes } from './webhooks/routes.ts';
import { linkedinRoutes } from './linkedin/routes.ts';
import { scimRoutes } from './scim/routes.ts';
import { postgresRateLimitStore } from './cluster/rate-limit-store.ts';
import { opsRoutes } from './ops/routes.ts';
import { loggerOptions, requestIdGenerator } from './metrics/logging.ts';
import { metricsRoutes, registerRequestMetrics } from './metrics/routes.ts';

export interface BuildOptions {
  config: Config;
  database: Database;
  jobs: JobQueue;
  mailer?: Mailer;
  clock?: Clock;
  /** Pino logger options, or false for none (tests). */
  logger?: boolean | object;
}

/** Builds the Fastify app with every domain's routes; it does not listen (tests use inject). */
export async function buildApp(options: BuildOptions): Promise<{ app: App; ctx: AppContext }> {
  const { config, database } = options;
  // Short links are answered before Fastify (src/links/fast-path.ts); the rest goes through it.
  const { serverFactory, setIntercept } = interceptingServer();
  const fastify = Fastify({
    serverFactory,
    // JSON lines without personal data, each with its request id (src/metrics/logging.ts).
    logger: options.logger ?? loggerOptions(config),
    genReqId: requestIdGenerator(config.trustProxy),
    requestIdHeader: false,
    trustProxy: config.trustProxy as boolean | string,
    bodyLimit: config.bodyLimitBytes,
    routerOptions: { ignoreTrailingSlash: true },
  });
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  const app = fastify.withTypeProvider() as unknown as App;
  const clock = options.clock ?? systemClock;
  const ctx: AppContext = {
    config,
    database,
    jobs: options.jobs,
    clock,
    log: app.log,
    mailer: options.mailer ?? createMailer(config, database, app.log, () => clock.now()),
  };

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = request.language ?? 'en';
    const send = (status: number, code: string, message: string, details?: unknown) =>
      reply.code(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
    if (error instanceof AppError) {
      if (error.status === 429) reply.header('retry-after', String(error.params.seconds ?? 60));
      return send(error.status, error.code, t(lang, error.messageKey, error.params), error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({ path: `${error.validationContext ?? ''}${v.instancePath}`, message: v.message ?? 'invalid' }));
      const detail = details.map((d) => `${d.path || 'body'}: ${d.message}`).join('; ');
      return send(400, 'validation_failed', t(lang, 'error.validation', { detail }), details);
    }
    if (error.statusCode === 429) return send(429, 'rate_limited', t(lang, 'error.rate_limited', { seconds: 60 }));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // A route may set a smaller limit than the app's (the browser conversion endpoint takes 4 KB).
      const limit = request.routeOptions.bodyLimit ?? config.bodyLimitBytes;
      return send(413, 'payload_too_large', t(lang, 'error.payload_too_large', { limit: limit < 1_048_576 ? `${Math.round(limit / 1024)} KB` : `${Math.round(limit / 1048576)} MB` }));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(415, 'unsupported_media_type', t(lang, 'error.unsupported_media_type', { expected: 'application/json' }));
    if (isConnectionError(error)) return send(503, 'database_unavailable', t(lang, 'error.unavailable'));
    if (isDataException(error)) return send(400, 'invalid_value', t(lang, 'error.invalid_value'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(error.statusCode, 'bad_request', t(lang, 'error.bad_request', { detail: error.message }));
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(500, 'internal_error', t(lang, 'error.internal'));
  });

  app.setNotFoundHandler((request, reply) => {
    const lang = request.language ?? 'en';
    return reply.code(404).send({ error: { code: 'route_not_found', message: t(lang, 'error.route_not_found', { method: request.method, url: request.url.split('?')[0] ?? '' }) } });
  });

  app.addContentTypeParser(['text/csv', 'application/octet-stream', 'text/plain'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  await app.register(cookie);
  await app.register(helmet, {
    // Per-request nonces only where a page needs them (the web app's index, see src/web/routes.ts):
    // drawing them on every request would cost every API call and public page for nothing.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    // HSTS only means something over https.
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    // Several nodes share one PostgreSQL: count there, so a limit holds across them all.
    ...(database.engine === 'postgres' ? { store: postgresRateLimitStore(database) } : {}),
    // Per person or token when signed in (many people share an office address), per keyed hash of
    // the client address otherwise (no raw IP is kept).
    keyGenerator: (request) =>
      request.auth?.kind === 'session' ? `person:${request.auth.personId}` : request.auth?.kind === 'token' ? `token:${request.auth.tokenId}` : `address:${hashClientAddress(config.secretKey, request.ip)}`,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Podium API', version: '1', description: 'Employee advocacy: people, stories, shares, tracked links and their results.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'podium_session' } } },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // Swagger UI sets inline styles; its pages get their own, slightly wider policy.
    staticCSP: "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  });
  app.get('/api/openapi.json', { config: { policy: 'public' }, schema: { hide: true } }, async () => app.swagger());

  registerAuthHooks(app, ctx);
  registerRequestMetrics(app, ctx);
  for (const routes of [
    healthRoutes,
    authRoutes,
    ssoRoutes,
    setupRoutes,
    settingsRoutes,
    meRoutes,
    peopleRoutes,
    importRoutes,
    groupRoutes,
    privacyRoutes,
    outboxRoutes,
    auditRoutes,
    tokenRoutes,
    demoRoutes,
    storyRoutes,
    campaignRoutes,
    newsroomRoutes,
    imageRoutes,
    sharingRoutes,
    statsRoutes,
    vacancyRoutes,
    vacancyFunnelRoutes,
    vacancyUploadRoutes,
    gapRoutes,
    linkRoutes,
    conversionRoutes,
    publicRoutes,
    notificationRoutes,
    pushRoutes,
    integrationRoutes,
    impactRoutes,
    alumniRoutes,
    nudgeRoutes,
    personaRoutes,
    leaderboardRoutes,
    reportRoutes,
    analyticsRoutes,
    analyticsHealthRoutes,
    webhookRoutes,
    linkedinRoutes,
    scimRoutes,
    opsRoutes,
    metricsRoutes,
  ]) {
    await routes(app, ctx);
  }
  await webRoutes(app, ctx);
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  setIntercept(linkFastPath(ctx, () => closing));
  return { app, ctx };
}
