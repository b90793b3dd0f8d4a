import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.ts';
import { type ControlInfo, lockHolder, readControlInfo } from '../server/lock.ts';

export interface ApiResponse {
  status: number;
  body: unknown;
}

/** Speaks Podium's HTTP API as an admin, wherever Podium is. */
export interface ApiClient {
  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, contentType?: string): Promise<ApiResponse>;
}

export class CliError extends Error {}

/** Throws a CliError with the API's own message unless the status is expected. */
export function expectStatus(response: ApiResponse, ...ok: number[]): void {
  if (ok.includes(response.status)) return;
  const error = (response.body as { error?: { message?: string } } | null)?.error;
  throw new CliError(error?.message ?? `unexpected answer ${response.status}`);
}

/**
 * Runs `work` against the API: through the running server when one holds the embedded data
 * directory (PGlite allows one process), otherwise in-process on the database with app.inject.
 * Either way every CLI command takes the same path as an integration would.
 */
export async function withApi<T>(config: Config, work: (api: ApiClient) => Promise<T>): Promise<T> {
  const control = config.engine === 'pglite' ? await findServer(config.dataDir) : null;
  if (control) {
    return work({
      async request(method, url, body, contentType = 'application/json') {
        const response = await fetch(new URL(url, control.url), {
          method,
          headers: { authorization: `Bearer ${control.token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
          body: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : (body as Uint8Array<ArrayBuffer>),
        });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : null };
      },
    });
  }
  // Loaded only here: commands that go through a running server need no database code.
  const [{ createApiToken, deleteApiToken }, { openRuntime }] = await Promise.all([import('../auth/api-tokens.ts'), import('../server/runtime.ts')]);
  const runtime = await openRuntime(config, { workers: false, logger: false });
  const { row, token } = await createApiToken(runtime.ctx.database.db, {
    name: 'podium CLI',
    role: 'admin',
    personId: null,
    createdBy: null,
    internal: true,
    now: runtime.ctx.clock.now(),
  });
  try {
    return await work({
      async request(method, url, body, contentType = 'application/json') {
        const response = await runtime.app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
          payload: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : Buffer.from(body as Uint8Array),
        });
        return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : null };
      },
    });
  } finally {
    await deleteApiToken(runtime.ctx.database.db, row.id).catch(() => {});
    await runtime.close();
  }
}

/**
 * The running server's control information. A server that holds the lock but has not written its
 * control file yet is still starting (migrating, say): wait for it rather than fail on the lock.
 */
async function findServer(dataDir: string, waitMs = 30_000): Promise<ControlInfo | null> {
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    const control = readControlInfo(dataDir);
    if (control) return control;
    const holder = lockHolder(dataDir);
    if (holder === null || Date.now() > deadline) return null;
    if (!told) process.stderr.write(`Waiting for the Podium process (pid ${holder}) that holds ${dataDir}…\n`);
    told = true;
    await sleep(200);
  }
}
