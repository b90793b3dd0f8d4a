import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { Config } from '../config.ts';

/**
 * Podium's structured logs: one JSON object per line (pino), each request's lines carrying its
 * `reqId`. No personal data: no client address, no query string (it may carry a one-time token),
 * no headers, and fields named like an e-mail address, password or address are censored should
 * any code log them.
 */
export function loggerOptions(config: Pick<Config, 'logLevel'>, stream?: NodeJS.WritableStream): object {
  return {
    level: config.logLevel,
    serializers: { req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }) },
    redact: { paths: ['email', '*.email', 'password', '*.password', 'ip', '*.ip', 'headers', '*.headers'], censor: '[redacted]' },
    ...(stream ? { stream } : {}),
  };
}

/** A request id as a proxy or load balancer may send it: short, and nothing that could forge a log line. */
const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify's `genReqId`: the `x-request-id` a trusted proxy (PODIUM_TRUST_PROXY) set, so one id
 * follows a request from the proxy's log into Podium's; otherwise a fresh UUID. A client talking to
 * Podium directly cannot choose its id.
 */
export function requestIdGenerator(trustProxy: Config['trustProxy']): (request: IncomingMessage) => string {
  // As for client addresses (src/links/fast-path.ts): a hop count cannot tell a proxy from a client.
  const trusted: ((address: string) => boolean) | null =
    trustProxy === true ? () => true : typeof trustProxy === 'string' ? ((compiled) => (address: string) => compiled(address, 0))(proxyAddr.compile(trustProxy.split(',').map((value) => value.trim()))) : null;
  return (request) => {
    if (trusted !== null) {
      const header = request.headers['x-request-id'];
      const remote = request.socket.remoteAddress;
      if (typeof header === 'string' && requestIdPattern.test(header) && remote !== undefined && trusted(remote)) return header;
    }
    return randomUUID();
  };
}
