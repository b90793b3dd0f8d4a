import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got: the raw body exactly as sent (to recompute the signature over), its headers and parsed JSON. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  body: unknown;
  /** The status the receiver answered. */
  answered: number;
}

/**
 * A webhook receiver for tests: a plain node:http server on 127.0.0.1 that records every request
 * and answers 200 `ok`, or the statuses queued with `answerNext` (one per request, in order), or
 * `always` for every request until changed. Podium must be told the host may be private
 * (PODIUM_FETCH_ALLOW_HOSTS=127.0.0.1), as an admin allows an intranet receiver.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  #queue: number[] = [];
  #always: number | null = null;
  #redirects: string[] = [];
  readonly #server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      let body: unknown = null;
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        body = null;
      }
      const location = this.#redirects.shift();
      const answered = location ? 302 : (this.#queue.shift() ?? this.#always ?? 200);
      this.received.push({ path: request.url ?? '/', headers: request.headers, rawBody, body, answered });
      response.writeHead(answered, { 'content-type': 'text/plain; charset=utf-8', ...(location ? { location } : {}) });
      response.end(answered >= 200 && answered < 300 ? 'ok' : `receiver says ${answered}`);
    });
  });

  /** Starts listening on a free port and answers the base URL (http://127.0.0.1:<port>). */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return this.url;
  }
  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }
  /** The next requests get these statuses, one each; afterwards the default again. */
  answerNext(...statuses: number[]): void {
    this.#queue.push(...statuses);
  }
  /** The next request is answered 302 with this Location (a sender must not follow it). */
  redirectNext(location: string): void {
    this.#redirects.push(location);
  }
  /** Every request gets this status (null: back to 200). */
  always(status: number | null): void {
    this.#always = status;
  }
  /** Requests to one path (each test registers its own endpoint path). */
  at(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }
  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
