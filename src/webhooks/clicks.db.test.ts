import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { webhookDeliveries } from '../db/schema/index.ts';
import { personalDataEntries } from '../privacy/register.ts';
import '../privacy/domains.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders } from '../../test/support/factories.ts';
import { buildClicks, buildShare } from '../../test/support/tracking.ts';
import { WebhookReceiver } from '../../test/support/webhook-receiver.ts';
import { CLICK_BATCH, CLICK_LAG_MS, clickCursor } from './clicks.ts';
import { emitEvent } from './emit.ts';

let t: TestApp;
const receiver = new WebhookReceiver();
let admin: Record<string, string>;

before(async () => {
  await receiver.start();
  t = await createTestApp({ PODIUM_FETCH_ALLOW_HOSTS: '127.0.0.1' });
  admin = await sessionHeaders(t, await buildPerson(t, { roles: ['admin'] }));
});
after(async () => {
  await t?.close();
  await receiver.stop();
});

/** Runs the minute job of the click feed, and then the deliveries it queued. */
async function runClickFeed() {
  await t.jobs.send('webhooks.clicks', {});
  await t.jobs.drain();
}

interface ClickBody {
  type: string;
  data: { count: number; clicks: Record<string, unknown>[] };
}

test('click.recorded: clicks after the cursor, after the safety lag, in batches of 500, never twice; without a subscriber the cursor just moves', async () => {
  const story = await insertStory(t, { title: 'Klikverhaal' });
  const share = await buildShare(t, story.id);
  // Nobody subscribes: a run only places the cursor at the lag's edge; these clicks are never sent.
  await buildClicks(t, share, [{ at: new Date(t.clock.now().getTime() - 60_000) }]);
  await runClickFeed();
  const start = await clickCursor(t.ctx);
  assert.equal(start?.at, new Date(t.clock.now().getTime() - CLICK_LAG_MS).toISOString());
  assert.equal((await t.ctx.database.db.select().from(webhookDeliveries)).length, 0);

  const created = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin, payload: { url: `${receiver.url}/clicks`, events: ['click.recorded'] } });
  assert.equal(created.statusCode, 201, created.body);
  const now = t.clock.now();
  const ids = await buildClicks(t, share, [
    { at: new Date(now.getTime() - 10_000), visitor: 'anna', device: 'desktop', referrerHost: 'www.linkedin.com' },
    { at: new Date(now.getTime() - 5_000), kind: 'preview' },
    { at: now, visitor: 'bert' },
  ]);
  // Within the lag: not yet.
  await runClickFeed();
  assert.equal(receiver.at('/clicks').length, 0);
  t.clock.advance(CLICK_LAG_MS + 1_000);
  await runClickFeed();
  const [first] = receiver.at('/clicks');
  assert.ok(first);
  const body = first.body as ClickBody;
  assert.equal(body.type, 'click.recorded');
  assert.equal(body.data.count, 3);
  assert.deepEqual(
    body.data.clicks.map((c) => c.clickId),
    ids,
  );
  assert.deepEqual(body.data.clicks[0], {
    clickId: ids[0],
    linkCode: share.code,
    shareId: share.shareId,
    itemType: 'story',
    storyId: story.id,
    vacancyId: null,
    network: 'linkedin',
    occurredAt: new Date(now.getTime() - 10_000).toISOString(),
    bot: false,
    kind: 'visit',
    unique: true,
    device: 'desktop',
    referrerHost: 'www.linkedin.com',
  });
  assert.equal(body.data.clicks[1]?.bot, true);
  assert.ok(!first.rawBody.toString().includes('test-anna') && !first.rawBody.toString().toLowerCase().includes('visitor'), 'no visitor hash');
  // Again: nothing new, nothing sent.
  t.clock.advance(60_000);
  await runClickFeed();
  assert.equal(receiver.at('/clicks').length, 1);

  // 501 new clicks: one run sends a full batch and the remainder, each click once.
  const many = await buildClicks(
    t,
    share,
    Array.from({ length: CLICK_BATCH + 1 }, (_, i) => ({ at: new Date(t.clock.now().getTime() - 1_000 + i), kind: 'bot' as const })),
  );
  t.clock.advance(CLICK_LAG_MS + 1_000);
  await runClickFeed();
  await runClickFeed();
  const batches = receiver.at('/clicks').slice(1).map((r) => r.body as ClickBody);
  assert.deepEqual(
    batches.map((b) => b.data.count),
    [CLICK_BATCH, 1],
  );
  assert.deepEqual(
    batches.flatMap((b) => b.data.clicks.map((c) => c.clickId)),
    many,
  );
  const cursor = await clickCursor(t.ctx);
  assert.equal(cursor?.id, many.at(-1));
});

test('privacy: deliveries naming a person are exported and erased with them; settled deliveries expire after 30 days', async () => {
  const entry = personalDataEntries().find((e) => e.key === 'webhooks.deliveries');
  assert.ok(entry?.retention);
  assert.equal(entry.retention.defaultDays, 30);
  const endpoint = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin, payload: { url: `${receiver.url}/privacy`, events: ['person.left', 'share.created'] } });
  const endpointId = endpoint.json().id as string;
  const person = await buildPerson(t, { name: 'Eva Vergeten', email: 'eva_vergeten@example.com' });
  const db = t.ctx.database.db;
  await db.transaction(async (tx) => {
    await emitEvent(t.ctx, tx, 'person.left', { personId: person.id, name: person.name, email: person.email });
    await emitEvent(t.ctx, tx, 'share.created', { shareId: 'someone-else' });
    // Another leaver whose address differs only where Eva's has an underscore (a LIKE wildcard).
    await emitEvent(t.ctx, tx, 'person.left', { personId: 'someone-else', name: 'Eva Anders', email: 'eva-vergeten@example.com' });
  });
  await t.jobs.drain();
  const subject = { id: person.id, email: person.email };
  const exported = (await entry.export(db, subject)) as { event: string }[];
  assert.deepEqual(
    exported.map((e) => e.event),
    ['person.left'],
  );
  await entry.erase(db, subject, t.clock.now());
  const left = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
  assert.deepEqual(
    left.map((d) => d.event).sort(),
    ['person.left', 'share.created'],
    'only deliveries naming Eva are erased',
  );
  // Retention: settled deliveries older than the cutoff go; a pending one stays until settled.
  await db.update(webhookDeliveries).set({ status: 'pending' });
  assert.equal(await entry.retention.purge(db, new Date(t.clock.now().getTime() + 1)), 0);
  await db.update(webhookDeliveries).set({ status: 'succeeded' }).where(eq(webhookDeliveries.endpointId, endpointId));
  assert.equal(await entry.retention.purge(db, new Date(t.clock.now().getTime() + 1)), 2);
});
