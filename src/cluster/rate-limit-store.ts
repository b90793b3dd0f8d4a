import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RouteOptions } from 'fastify';
import type { Database } from '../db/client.ts';

// One round trip per counted request: start a window or count in the current one, and answer the
// count with the time the window has left. The clock is the database's, the same for every node.
const COUNT_SQL = `insert into rate_limit_hits (key, hits, expires_at)
values ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
on conflict (key) do update set
  hits = case when rate_limit_hits.expires_at <= now() then 1 else rate_limit_hits.hits + 1 end,
  expires_at = case when rate_limit_hits.expires_at <= now() then excluded.expires_at else rate_limit_hits.expires_at end
returning hits, greatest(0, ceil(extract(epoch from (expires_at - now())) * 1000))::int as ttl`;

const READ_SQL = `select hits, greatest(0, ceil(extract(epoch from (expires_at - now())) * 1000))::int as ttl
from rate_limit_hits where key = $1 and expires_at > now()`;

/** Expired windows are deleted at most this often, by whichever node counts next. */
const SWEEP_EVERY_MS = 60_000;

/**
 * A store for @fastify/rate-limit that counts in PostgreSQL, so a limit holds across every node
 * behind the load balancer instead of multiplying by their number. Fixed windows, like the
 * plugin's own memory store; each route counts apart (its method and URL prefix the key).
 * @example await app.register(rateLimit, { store: postgresRateLimitStore(database) })
 */
export function postgresRateLimitStore(database: Database): FastifyRateLimitStoreCtor {
  const sweep = { next: 0 };
  class PostgresRateLimitStore implements FastifyRateLimitStore {
    readonly #prefix: string;

    constructor(_options: FastifyRateLimitOptions, prefix = '') {
      this.#prefix = prefix;
    }

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = Date.now();
      if (now >= sweep.next) {
        sweep.next = now + SWEEP_EVERY_MS;
        database.query('delete from rate_limit_hits where expires_at < now()').catch(() => {
          sweep.next = 0;
        });
      }
      database.queryPrepared<{ hits: number; ttl: number }>('rate_limit_count', COUNT_SQL, [this.#prefix + key, timeWindow]).then(
        ([row]) => callback(null, { current: Number(row?.hits ?? 1), ttl: Number(row?.ttl ?? timeWindow) }),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void): void {
      database.queryPrepared<{ hits: number; ttl: number }>('rate_limit_read', READ_SQL, [this.#prefix + key]).then(
        ([row]) => callback(null, { current: Number(row?.hits ?? 0), ttl: Number(row?.ttl ?? 0) }),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: RouteOptions & { path: string; prefix: string }): FastifyRateLimitStore {
      // The plugin hands the route over as `routeInfo` (see its RedisStore); the path is the fallback.
      const route = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      const method = route?.method ?? routeOptions.method ?? '';
      return new PostgresRateLimitStore({}, `${Array.isArray(method) ? method.join(',') : method} ${route?.url ?? routeOptions.path ?? ''}|`);
    }
  }
  return PostgresRateLimitStore;
}
