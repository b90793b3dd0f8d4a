import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { TestContext } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createSession } from '../src/auth/sessions.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { App, AppContext, Clock } from '../src/context.ts';
import { startJobQueue } from '../src/jobs/queue.ts';
import { startWorkers } from '../src/jobs/workers.ts';
import { createTestDatabase } from '../test/support/database.ts';

/** Launches the system Chromium with the flags this environment needs (no downloads, no background traffic). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.PODIUM_CHROMIUM_PATH ?? '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface E2eServer {
  url: string;
  app: App;
  ctx: AppContext;
  close(): Promise<void>;
}

/**
 * A real Podium server on a loopback port, on a migrated database copy, with real pg-boss workers.
 * A journey over days passes a clock it can move (e.g. TestClock from test/support/app.ts);
 * `env` adds settings, e.g. PODIUM_FETCH_ALLOW_HOSTS for a fixture feed served on loopback.
 */
export async function startServer(options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<E2eServer> {
  const db = await createTestDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig(
    { PODIUM_BASE_URL: url, PODIUM_OUTBOX_ECHO: 'false', PODIUM_LOG_LEVEL: 'warn', ...options.env },
    { secretKey: 'e2e-secret-key-that-is-long-enough-0123456789' },
  );
  const jobs = await startJobQueue(db.database, { databaseUrl: db.url, workers: true });
  const { app, ctx } = await buildApp({ config, database: db.database, jobs, logger: false, clock: options.clock });
  await startWorkers(ctx);
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    app,
    ctx,
    async close() {
      await app.close();
      await jobs.stop();
      await db.drop();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs axe-core (WCAG 2.2 A/AA rules) on the page and returns the violations, formatted. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Fails the test with the page's axe-core violations, if any; `where` names the screen. */
export async function assertAccessible(page: Page, where: string): Promise<void> {
  assert.deepEqual(await accessibilityViolations(page), [], `axe-core violations on ${where}`);
}

/** A browser context signed in as a person (the magic-link sign-in itself is covered by first-run.e2e.ts). */
export async function signedIn(browser: Browser, server: E2eServer, personId: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  const token = await createSession(server.ctx.database.db, personId, 'e2e', new Date());
  const { hostname } = new URL(server.url);
  await context.addCookies([{ name: 'podium_session', value: token, domain: hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
  return context;
}

/** Polls until `check` returns a value, or fails after the timeout. */
export async function eventually<T>(check: () => Promise<T | undefined | null>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Keeps a screenshot of the page under test-results/ when a test failed, to see what the person saw. */
export async function screenshotOnFailure(t: TestContext, page: Page): Promise<void> {
  if (t.passed || page.isClosed()) return;
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${t.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`, fullPage: true }).catch(() => {});
}
