// Helpers for process-level tests of the `podium` CLI: spawn it, wait for it, always stop it.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { preparePgliteDump } from '../support/prepare-templates.ts';

export const podiumBin = fileURLToPath(new URL('../../bin/podium.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment of a Podium child process: the test's own, minus anything that picks an engine. */
export function podiumEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name === 'DATABASE_URL' || name === 'PORT' || name.startsWith('PODIUM_') || name.startsWith('SMTP_')) delete env[name];
  }
  return { ...env, PODIUM_LOG_LEVEL: 'warn', PODIUM_OUTBOX_ECHO: 'false', ...extra };
}

/** Runs `podium …` to completion (a timeout kills it, and the test fails on the signal). */
export function runCli(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs?: number }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [podiumBin, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A running `podium serve` child with its output so far. */
export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startServer(env: NodeJS.ProcessEnv, cwd: string): ServerProcess {
  const child = spawn(process.execPath, [podiumBin, 'serve'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, output: () => output, exited };
}

/** Waits until GET /healthz answers 200; fails early with the server's output if it exits. */
export async function waitForHealth(server: ServerProcess, baseUrl: string, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`podium serve exited before it was healthy:\n${server.output()}`);
    const status = await fetch(new URL('/healthz', baseUrl))
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return;
    await sleep(100);
  }
  throw new Error(`podium serve was not healthy within ${timeoutMs} ms:\n${server.output()}`);
}

/** Stops a child for good (used in `after`, whatever happened). */
export async function kill(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGKILL');
  await server.exited;
}

/** Fills `<dataDir>/pglite` with a migrated database (from the test run's dump, or a fresh one). */
export async function seedDataDir(dataDir: string, scratch: string): Promise<void> {
  let dump = process.env.PODIUM_TEST_PGLITE_DUMP;
  if (!dump || !existsSync(dump)) {
    dump = path.join(scratch, 'pglite.tar');
    await preparePgliteDump(dump);
  }
  mkdirSync(path.join(dataDir, 'pglite'), { recursive: true });
  const pglite = await PGlite.create(path.join(dataDir, 'pglite'), { loadDataDir: new Blob([readFileSync(dump)]) });
  await pglite.close();
}
