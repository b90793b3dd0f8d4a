import { createApiToken, deleteApiToken } from '../auth/api-tokens.ts';
import type { Config } from '../config.ts';
import { addDemoOrganisation } from '../demo/organisation.ts';
import { startWorkers } from '../jobs/workers.ts';
import { issueSetupLink, needsSetup } from '../setup/service.ts';
import { writeControlInfo } from './lock.ts';
import { openRuntime } from './runtime.ts';
import { createServer, type Server } from 'node:http';
import type { App } from '../context.ts';

/** A worker node's only listener: GET /healthz, answered by the app's own health check; nothing else. */
async function listenHealthOnly(app: App, config: Config): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/healthz') {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found","message":"This is a Podium worker node: it answers GET /healthz only."}}');
      return;
    }
    app.inject({ method: 'GET', url: '/healthz' }).then(
      (answer) => response.writeHead(answer.statusCode, { 'content-type': 'application/json' }).end(answer.body),
      () => response.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"unavailable"}'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  return server;
}

/**
 * `podium serve`: listens, prints the URL (and the one-time set-up link on a fresh database),
 * and shuts down gracefully on SIGTERM/SIGINT: stop accepting, finish requests and jobs, close.
 */
export async function serve(config: Config, options: { demo?: boolean } = {}): Promise<void> {
  // PODIUM_ROLE: `web` answers requests and runs no job workers; `worker` runs the job workers and
  // answers only GET /healthz (for the orchestrator); `all` (the default) does both.
  const runtime = await openRuntime(config, { workers: config.role !== 'web' });
  const { app, ctx } = runtime;
  let removeControl = () => {};
  let controlTokenId: string | null = null;
  const shutdown = async (signal: string) => {
    app.log.info(`${signal} received: shutting down`);
    removeControl();
    if (controlTokenId) await deleteApiToken(ctx.database.db, controlTokenId).catch(() => {});
    await runtime.close();
    process.exit(0);
  };
  const onSigterm = () => void shutdown('SIGTERM');
  const onSigint = () => void shutdown('SIGINT');
  process.once('SIGTERM', onSigterm);
  process.once('SIGINT', onSigint);

  try {
    if (options.demo) {
      const [none] = await ctx.database.query<{ n: number }>('select count(*)::int as n from people');
      if ((none?.n ?? 0) === 0) {
        const added = await addDemoOrganisation(ctx);
        app.log.info(`demo organisation added: ${added.people} people`);
      }
    }
    if (config.role !== 'web') await startWorkers(ctx);
    if (config.role === 'worker') {
      await app.ready();
      const health = await listenHealthOnly(app, config);
      const stopHealth = () => health.close();
      process.once('SIGTERM', stopHealth);
      process.once('SIGINT', stopHealth);
      process.stdout.write(`\nPodium worker is running (health check at http://${config.host}:${config.port}/healthz)\n\n`);
      return;
    }
    const address = await app.listen({ port: config.port, host: config.host });
    if (config.engine === 'pglite') {
      // CLI commands reach the embedded database through this server, with a token that lives as long as it does.
      const control = await createApiToken(ctx.database.db, { name: 'podium CLI', role: 'admin', personId: null, createdBy: null, internal: true, now: ctx.clock.now() });
      controlTokenId = control.row.id;
      // A wildcard host is reached on loopback; a specific one (HOST=::1, an interface address) only on itself.
      const url = ['0.0.0.0', '::'].includes(config.host) ? `http://127.0.0.1:${new URL(address).port}` : address;
      removeControl = writeControlInfo(config.dataDir, { pid: process.pid, url, token: control.token });
    }
  } catch (error) {
    // E.g. the port is taken: close the database and release the lock rather than leave them to a crash.
    process.off('SIGTERM', onSigterm);
    process.off('SIGINT', onSigint);
    removeControl();
    if (controlTokenId) await deleteApiToken(ctx.database.db, controlTokenId).catch(() => {});
    await runtime.close().catch(() => {});
    throw error;
  }
  const lines = [`Podium is running at ${config.baseUrl}`];
  if (await needsSetup(ctx)) {
    const link = await issueSetupLink(ctx);
    lines.push('', 'First run: open this one-time link to create the first admin account:', `  ${link}`);
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}
