import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { type JobQueue, startJobQueue } from './queue.ts';

let db: TestDatabase;
let queue: JobQueue;
let stopped = false;
before(async () => {
  db = await createTestDatabase();
  queue = await startJobQueue(db.database, { databaseUrl: db.url, workers: true });
});
after(async () => {
  if (!stopped) await queue.stop();
  await db.drop();
});

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

test('a sent job is worked once by its registered worker, with its data', async () => {
  const seen: { personId: string }[] = [];
  await queue.work<{ personId: string }>('people.invite', async (data) => {
    seen.push(data);
  });
  await queue.send('people.invite', { personId: 'p-1' });
  await queue.sendMany('people.invite', [{ personId: 'p-2' }, { personId: 'p-3' }]);
  await until(() => seen.length >= 3, 'three jobs');
  // Long enough for another poll or two: a completed job must not run again.
  await sleep(1200);
  assert.deepEqual(
    seen.map((d) => d.personId).sort(),
    ['p-1', 'p-2', 'p-3'],
  );
});

test('stop() is graceful: a job in progress finishes before the queue stops', async () => {
  let finished = false;
  let started = false;
  await queue.work('privacy.retention', async () => {
    started = true;
    await sleep(400);
    finished = true;
  });
  await queue.send('privacy.retention', {});
  await until(() => started, 'the job to start');
  await queue.stop();
  stopped = true;
  assert.equal(finished, true, 'stop waited for the running job');
});
