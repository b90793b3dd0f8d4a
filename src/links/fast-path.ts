import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import { metricsOf } from '../metrics/measures.ts';
import { codePattern } from './codes.ts';
import { answerLink, linkHostCode } from './open.ts';

/**
 * The client's address and the host as Fastify would read them (`request.ip`, `request.host`) under
 * PODIUM_TRUST_PROXY, for requests answered before Fastify sees them: forwarded headers count
 * only when they come through a trusted proxy. Kept in step with Fastify's own rules by a test
 * (fast-path.db.test.ts) that asks both.
 */
export function requestOrigin(trustProxy: Config['trustProxy']): (request: IncomingMessage) => { ip: string; host: string } {
  const directHost = (request: IncomingMessage) => request.headers.host ?? '';
  if (trustProxy === false) return (request) => ({ ip: request.socket.remoteAddress ?? '', host: directHost(request) });
  // A hop count alone cannot tell a proxy from a client sending forwarded headers itself: trust nobody.
  const trusted: (address: string, hop: number) => boolean =
    trustProxy === true ? () => true : typeof trustProxy === 'number' ? () => false : proxyAddr.compile(trustProxy.split(',').map((value) => value.trim()));
  return (request) => {
    const addresses = proxyAddr.all(request, trusted);
    const forwarded = request.headers['x-forwarded-host'];
    const forwardedHost = Array.isArray(forwarded) ? forwarded.at(-1) : forwarded;
    const remote = request.socket.remoteAddress;
    const host = forwardedHost && remote !== undefined && trusted(remote, 0) ? (forwardedHost.split(',').at(-1) ?? '').trim() : directHost(request);
    return { ip: addresses.at(-1) ?? '', host };
  };
}

/**
 * The short-link hot path: a GET or HEAD of `/l/<code>` (or `/<code>` on the dedicated link host)
 * is answered straight from node:http, without Fastify's routing, hooks and reply objects — the
 * same answer (`answerLink`), at a fraction of the cost per redirect. Anything else, including a
 * malformed code, goes on to Fastify, as does every request once the app is closing. Returns
 * whether the request was taken.
 */
export function linkFastPath(ctx: AppContext, closing: () => boolean): (request: IncomingMessage, response: ServerResponse) => boolean {
  const origin = requestOrigin(ctx.config.trustProxy);
  // Counted as Fastify's hook counts its routes (src/metrics/routes.ts), under the same route patterns.
  const { http } = metricsOf(ctx);
  return (request, response) => {
    // While the app closes, Fastify answers 503 with `connection: close`, so kept-alive clients let go.
    if (closing()) return false;
    const method = request.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = request.url ?? '';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    let from: { ip: string; host: string } | null = null;
    let code: string | null = null;
    if (path.startsWith('/l/')) code = path.slice(3);
    else if (ctx.config.linkBaseUrl) {
      from = origin(request);
      code = linkHostCode(ctx.config, from.host, url);
    }
    if (!code || !codePattern.test(code)) return false;
    const { ip, host } = from ?? origin(request);
    const started = performance.now();
    const route = from === null ? '/l/:code' : '/:code';
    answerLink(ctx, {
      method,
      code,
      userAgent: request.headers['user-agent'],
      referer: request.headers.referer,
      acceptLanguage: request.headers['accept-language'],
      ip,
      host,
      log: ctx.log,
    }).then(
      (answer) => {
        response.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
        response.end(answer.body);
        http.observe(method, route, answer.status, (performance.now() - started) / 1000);
      },
      (error: unknown) => {
        ctx.log.error({ err: error, code }, 'short link could not be answered');
        response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '10' });
        response.end('This link cannot be opened right now. Please try again in a moment.\n');
        http.observe(method, route, 503, (performance.now() - started) / 1000);
      },
    );
    return true;
  };
}

/**
 * A Fastify `serverFactory` whose server offers each request to `intercept` (once it is set, after
 * the app is built) before Fastify; the server keeps Fastify's timeouts.
 */
export function interceptingServer(): {
  serverFactory: NonNullable<FastifyServerOptions['serverFactory']>;
  setIntercept: (intercept: (request: IncomingMessage, response: ServerResponse) => boolean) => void;
} {
  let intercept: ((request: IncomingMessage, response: ServerResponse) => boolean) | null = null;
  const serverFactory = (handler: RequestListener, options: FastifyServerOptions): Server => {
    const server = createServer((options as { http?: ServerOptions }).http ?? {}, (request, response) => {
      if (intercept?.(request, response)) return;
      handler(request, response);
    });
    server.keepAliveTimeout = options.keepAliveTimeout ?? 72_000;
    server.requestTimeout = options.requestTimeout ?? 0;
    server.setTimeout(options.connectionTimeout ?? 0);
    return server;
  };
  return {
    serverFactory: serverFactory as NonNullable<FastifyServerOptions['serverFactory']>,
    setIntercept: (value) => {
      intercept = value;
    },
  };
}
