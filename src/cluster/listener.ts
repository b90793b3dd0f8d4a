import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { AppContext } from '../context.ts';
import { forgetAllStories, forgetStory } from '../links/cache.ts';
import { peopleChangedElsewhere } from '../people/changes.ts';
import { addChangeSender, type ChangeTopic } from './changes.ts';

/** The PostgreSQL notification channel Podium's nodes talk on. */
export const CHANGES_CHANNEL = 'podium_changes';
const RECONNECT_MS = 1_000;

export interface ClusterListener {
  /** True while the LISTEN connection is up (tests wait for it). */
  readonly listening: boolean;
  stop(): Promise<void>;
}

/**
 * Carries change announcements between the nodes on one PostgreSQL database with NOTIFY, and
 * listens for the others' on a connection of its own. A node that was disconnected may have missed
 * some: it forgets every remembered story and session when it listens again. The time limits on
 * that memory stay as the fallback. The redirect path never waits for any of this.
 */
export async function startClusterListener(ctx: AppContext): Promise<ClusterListener> {
  const { databaseUrl } = ctx.config;
  if (ctx.database.engine !== 'postgres' || !databaseUrl) return { listening: false, stop: async () => {} };
  const nodeId = randomUUID();
  const pool = ctx.database.pool;
  const removeSender = addChangeSender((topic, id) => {
    pool?.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, `${nodeId}|${topic}|${id}`]).catch((error: Error) => {
      ctx.log.warn({ err: error.message, topic }, 'change announcement not sent; other nodes catch up when their memory expires');
    });
  });
  let client: pg.Client | null = null;
  let stopped = false;
  let listening = false;
  let timer: NodeJS.Timeout | null = null;
  let first = true;

  const received = (payload: string) => {
    const [from, topic, id] = payload.split('|') as [string, ChangeTopic, string];
    if (from === nodeId) return;
    if (topic === 'story') forgetStory(id);
    else if (topic === 'people') peopleChangedElsewhere(ctx);
  };

  const connect = async () => {
    timer = null;
    if (stopped) return;
    const next = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
    const retry = () => {
      listening = false;
      next.removeAllListeners();
      next.on('error', () => {});
      next.end().catch(() => {});
      if (client === next) client = null;
      if (!stopped && !timer) timer = setTimeout(() => void connect(), RECONNECT_MS);
    };
    next.on('error', retry);
    next.on('end', retry);
    next.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL && message.payload) received(message.payload);
    });
    try {
      await next.connect();
      await next.query(`listen ${CHANGES_CHANNEL}`);
    } catch (error) {
      ctx.log.warn({ err: (error as Error).message }, 'cluster listener could not connect; retrying');
      retry();
      return;
    }
    if (stopped) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    listening = true;
    // Whatever was announced while this node was not listening is unknown: start afresh.
    if (!first) {
      forgetAllStories();
      peopleChangedElsewhere(ctx);
    }
    first = false;
  };
  await connect();

  return {
    get listening() {
      return listening;
    },
    async stop() {
      stopped = true;
      removeSender();
      if (timer) clearTimeout(timer);
      listening = false;
      const open = client;
      client = null;
      if (open) {
        open.removeAllListeners();
        open.on('error', () => {});
        await open.end().catch(() => {});
      }
    },
  };
}
