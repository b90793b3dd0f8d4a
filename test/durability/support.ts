// Durability scenarios run Podium as a real server process (it must survive kill -9) or in this
// process behind a TCP proxy of the test's own; they seed one shared link straight into the tables.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../../src/db/client.ts';
import { links, people, shares, stories } from '../../src/db/schema/index.ts';
import { newLinkCode } from '../../src/links/codes.ts';

/** A person, a published story and a share of it with its link; answers the link codes. */
export async function seedLinks(database: Database, count = 20): Promise<string[]> {
  const now = new Date();
  const personId = uuidv7();
  const storyId = uuidv7();
  await database.db.insert(people).values({ id: personId, email: 'ambassador@durability.example', name: 'Ambassador', roles: ['ambassador'], ambassadorStatus: 'active', createdAt: now, updatedAt: now });
  await database.db.insert(stories).values({
    id: storyId,
    translationGroupId: uuidv7(),
    language: 'en',
    format: 'interview',
    status: 'published',
    title: 'A day at work',
    slug: 'a-day-at-work',
    summary: 'What the work is like.',
    bodyMarkdown: 'Body.',
    publishedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    const shareId = uuidv7();
    await database.db.insert(shares).values({ id: shareId, personId, itemType: 'story', storyId, network: 'linkedin', text: 'My words', personalised: true, similarity: 0, createdAt: now });
    const code = newLinkCode();
    await database.db.insert(links).values({ code, shareId, itemType: 'story', storyId, createdAt: now });
    codes.push(code);
  }
  return codes;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** `podium serve` as its own process on a loopback port; resolves when /healthz answers. */
export async function startServerProcess(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, ['bin/podium.js', 'serve'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PODIUM_BASE_URL: url, PODIUM_LOG_LEVEL: 'warn', PODIUM_OUTBOX_ECHO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`podium serve exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return { url, child, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`podium serve did not become healthy:\n${output}`);
}

/**
 * Opens short links from `clients` loops until `stop()`, following no redirect; answers the click
 * ids (pcid) of every 302 a client received, and counts everything else.
 */
/** A person's browser: link-preview crawlers and bots get a page, not a redirect. */
export const personBrowser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

export function driveRedirects(base: string, codes: string[], clients: number) {
  const received: string[] = [];
  const failures: string[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async (_, n) => {
    let i = n;
    while (running) {
      const code = codes[i++ % codes.length];
      try {
        const response = await fetch(`${base}/l/${code}`, {
          redirect: 'manual',
          headers: { 'user-agent': personBrowser },
        });
        await response.arrayBuffer();
        const pcid = response.status === 302 ? new URL(response.headers.get('location') ?? '').searchParams.get('pcid') : null;
        if (pcid) received.push(pcid);
        else failures.push(`status ${response.status}`);
      } catch (error) {
        failures.push(String((error as Error).cause ?? error));
      }
    }
  });
  return {
    received,
    failures,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
