// Crash test: redirects under load, `kill -9` of the server midway, a restart on the same data
// directory — every 302 a client received has its click row. Runs on the embedded PGlite, the
// default installation, through the real `podium serve` process.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { inArray } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.ts';
import { clicks } from '../../src/db/schema/index.ts';
import { driveRedirects, seedLinks, startServerProcess } from './support.ts';

test('every redirect answered before a kill -9 or during a SIGTERM has its click after the restart', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'podium-crash-'));
  const env = { PODIUM_DATA_DIR: dataDir, PODIUM_SECRET_KEY: 'crash-test-secret-key-that-is-long-enough-0123' };
  try {
    const seeding = await openDatabase({ databaseUrl: null, dataDir });
    await seeding.migrate();
    const codes = await seedLinks(seeding);
    await seeding.close();

    const first = await startServerProcess(env);
    const load = driveRedirects(first.url, codes, 16);
    // Let a few hundred redirects through, then kill the server without warning.
    while (load.received.length < 300) await new Promise((resolve) => setTimeout(resolve, 20));
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    await load.stop();
    const answered = [...load.received];
    assert.ok(answered.length >= 300, `${answered.length} redirects answered before the kill`);
    assert.ok(load.failures.length > 0, 'the kill cut requests off mid-flight');

    // The restart takes over the dead process's lock and replays any spool at start. A SIGTERM
    // under load stops accepting, answers what it accepted and writes every pending batch first.
    const second = await startServerProcess(env);
    const after = driveRedirects(second.url, codes, 8);
    while (after.received.length < 200) await new Promise((resolve) => setTimeout(resolve, 20));
    second.child.kill('SIGTERM');
    const exitCode = await new Promise((resolve) => second.child.once('exit', resolve));
    await after.stop();
    assert.equal(exitCode, 0, second.output());

    const database = await openDatabase({ databaseUrl: null, dataDir });
    try {
      const wanted = [...answered, ...after.received];
      const stored = new Set<string>();
      for (let i = 0; i < wanted.length; i += 1000) {
        const rows = await database.db.select({ id: clicks.id }).from(clicks).where(inArray(clicks.id, wanted.slice(i, i + 1000)));
        for (const row of rows) stored.add(row.id);
      }
      const missing = wanted.filter((id) => !stored.has(id));
      assert.deepEqual(missing, [], `${missing.length} of ${wanted.length} answered clicks are missing`);
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
