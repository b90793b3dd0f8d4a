import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog, stories, webhookDeliveries, webhookEndpoints, type WebhookEvent } from '../db/schema/index.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { recordConversion } from '../conversions/service.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders } from '../../test/support/factories.ts';
import { mailHeader, SmtpPeer } from '../../test/support/smtp-peer.ts';
import { type ReceivedWebhook, WebhookReceiver } from '../../test/support/webhook-receiver.ts';
import { encryptSecret } from '../crypto/secrets.ts';
import { DISABLE_AFTER_FAILED_DELIVERIES, MAX_ATTEMPTS, RETRY_DELAYS_MS, runDeliveryJob } from './deliver.ts';
import { emitEvent } from './emit.ts';
import { verifySignature } from './signing.ts';

let t: TestApp;
const receiver = new WebhookReceiver();
const smtp = new SmtpPeer();
let admin: Record<string, string>;
let adminPerson: { id: string; email: string };
let editor: Record<string, string>;

before(async () => {
  await receiver.start();
  // The receiver runs on this machine: allowed as an admin would allow an intranet host.
  t = await createTestApp({ PODIUM_FETCH_ALLOW_HOSTS: '127.0.0.1', SMTP_URL: await smtp.start(), PODIUM_MAIL_FROM: 'Podium <podium@example.com>', PODIUM_ORGANISATION_NAME: 'Zorggroep Test' });
  const person = await buildPerson(t, { roles: ['admin'], email: 'beheer@example.com', language: 'nl' });
  adminPerson = person;
  admin = await sessionHeaders(t, person);
  editor = await sessionHeaders(t, await buildPerson(t, { roles: ['editor'] }));
});
after(async () => {
  await t?.close();
  await receiver.stop();
  await smtp.stop();
});

let paths = 0;
/** Registers an endpoint on its own receiver path; answers its id, secret and path. */
async function register(events: WebhookEvent[]) {
  const path = `/hook-${++paths}`;
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin, payload: { url: `${receiver.url}${path}`, description: `Test ${paths}`, events } });
  assert.equal(response.statusCode, 201, response.body);
  const body = response.json() as { id: string; secret: string };
  return { id: body.id, secret: body.secret, path };
}
async function remove(id: string) {
  assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${id}`, headers: admin })).statusCode, 204);
}
const deliveriesOf = (endpointId: string) => t.ctx.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(webhookDeliveries.createdAt, webhookDeliveries.id);

/** What a receiver does: recompute HMAC-SHA256 over "<t>.<raw body>" and compare in constant time, within 5 minutes. */
function assertSigned(request: ReceivedWebhook, secret: string) {
  const header = String(request.headers['podium-signature']);
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  assert.ok(match, `signature header ${header}`);
  const [, timestamp = '', signature = ''] = match;
  assert.ok(Math.abs(Math.floor(t.clock.now().getTime() / 1000) - Number(timestamp)) <= 300);
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(request.rawBody).digest();
  assert.ok(timingSafeEqual(expected, Buffer.from(signature, 'hex')), 'the signature matches the raw body');
  assert.equal(verifySignature(secret, header, request.rawBody, t.clock.now()), null);
}

async function shareStory(title = 'Een nacht op de IC') {
  const story = await insertStory(t, { title });
  const sharer = await buildPerson(t, { name: 'Sanne Deler' });
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/shares',
    headers: await sessionHeaders(t, sharer),
    payload: { storyId: story.id, network: 'linkedin', audience: 'candidates', text: `Mijn eigen woorden over ${title}, echt waar ${paths}` },
  });
  assert.equal(response.statusCode, 201, response.body);
  return { story, sharer, shareId: (response.json() as { id: string }).id };
}

test('addresses are checked: https only (http for allowed private hosts), no private or credentialed addresses, at least one known event', async () => {
  const cases: [unknown, RegExp][] = [
    [{ url: 'http://hooks.example.com/podium', events: ['share.created'] }, /only https/],
    [{ url: 'https://10.1.2.3/podium', events: ['share.created'] }, /private address/],
    [{ url: 'https://user:pw@hooks.example.com/', events: ['share.created'] }, /user name or password/],
    [{ url: 'not an address', events: ['share.created'] }, /not a web address/],
    [{ url: 'ftp://hooks.example.com/', events: ['share.created'] }, /only https/],
  ];
  for (const [payload, message] of cases) {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin, payload: payload as object });
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(response.json().error.code, 'webhook_url_invalid');
    assert.match(response.json().error.message, message);
  }
  for (const events of [[], ['share.deleted']]) {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin, payload: { url: 'https://hooks.example.com/podium', events } });
    assert.equal(response.statusCode, 400, response.body);
  }
  const ok = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin, payload: { url: 'https://hooks.example.com/podium', events: ['share.created', 'share.created'] } });

  assert.equal(ok.statusCode, 201, ok.body);
  assert.deepEqual(ok.json().events, ['share.created']);
  const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/${ok.json().id}`, headers: admin, payload: { url: 'http://hooks.example.com/' } });
  assert.equal(patch.statusCode, 400);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: editor })).statusCode, 403);
  await remove(ok.json().id);
});

test('at delivery the address is checked where the connection is made: a name resolving to a private address is refused, a redirect is not followed', async () => {
  // `localhost` is a name, so registering it passes; it resolves to a loopback address when the delivery connects.
  const port = new URL(receiver.url).port;
  const named = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin, payload: { url: `https://localhost:${port}/rebound`, events: ['share.created'] } });
  assert.equal(named.statusCode, 201, named.body);
  const namedId = (named.json() as { id: string }).id;
  const refused = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/${namedId}/test`, headers: admin });
  assert.equal(refused.statusCode, 200, refused.body);
  const refusedDelivery = refused.json() as { status: string; responseStatus: number | null; responseBody: string };
  assert.equal(refusedDelivery.status, 'failed');
  assert.equal(refusedDelivery.responseStatus, null);
  assert.match(refusedDelivery.responseBody, /resolves to a private address/);
  assert.equal(receiver.at('/rebound').length, 0, 'nothing reached the private address');
  await remove(namedId);

  const { id, path } = await register(['share.created']);
  receiver.redirectNext(`${receiver.url}${path}-elsewhere`);
  const redirected = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/${id}/test`, headers: admin });
  const redirectedDelivery = redirected.json() as { status: string; responseStatus: number | null };
  assert.deepEqual([redirectedDelivery.status, redirectedDelivery.responseStatus], ['failed', 302], 'a redirect is not a success');
  assert.equal(receiver.at(path).length, 1);
  assert.equal(receiver.at(`${path}-elsewhere`).length, 0, 'the redirect was not followed');
  await remove(id);
});

test('a signing secret that cannot be read (the secret key changed) is a failed attempt, never an unsigned send or an endless retry', async () => {
  const { id, path } = await register(['share.created']);
  await t.ctx.database.db.update(webhookEndpoints).set({ secretEncrypted: encryptSecret('another-secret-key-of-some-length-0123456789', 'webhook-secret', 'whsec_old') }).where(eq(webhookEndpoints.id, id));
  await t.ctx.database.db.transaction((tx) => emitEvent(t.ctx, tx, 'share.created', { shareId: 'unreadable' }));
  const [delivery] = await deliveriesOf(id);
  assert.ok(delivery);
  await runDeliveryJob(t.ctx, { deliveryId: delivery.id });
  const [after] = await deliveriesOf(id);
  assert.equal(after?.status, 'pending');
  assert.equal(after?.attempts, 1);
  assert.match(after?.responseBody ?? '', /not sent: .*PODIUM_SECRET_KEY/);
  assert.equal(after?.nextAttemptAt?.getTime(), t.clock.now().getTime() + (RETRY_DELAYS_MS[0] ?? 0), 'retried like any failure');
  assert.equal(receiver.at(path).length, 0);
  await remove(id);
});

test('nothing is lost with a lost job, nothing is sent for a rolled-back transaction', async () => {
  const { id, path } = await register(['share.created']);
  await t.jobs.drain();
  // The share commits, but its delivery job is lost (a crash between commit and queueing).
  const { shareId } = await shareStory('Een verloren taak');
  await new Promise((resolve) => setImmediate(resolve));
  const lost = t.jobs.sent.splice(0, t.jobs.sent.length);
  assert.ok(lost.some((job) => job.name === 'webhooks.deliver'), 'the delivery job was queued, and is now lost');
  assert.equal(receiver.at(path).length, 0);
  await t.jobs.send('webhooks.sweep', {});
  await t.jobs.drain();
  const arrived = receiver.at(path);
  assert.equal(arrived.length, 1, 'the sweeper sent it');
  assert.equal((arrived[0]?.body as { data?: { shareId?: string } } | undefined)?.data?.shareId, shareId);

  // An event emitted in a transaction that rolls back leaves no delivery.
  await assert.rejects(
    t.ctx.database.db.transaction(async (tx) => {
      await emitEvent(t.ctx, tx, 'share.created', { shareId: 'rolled-back' });
      throw new Error('the share failed after all');
    }),
    /failed after all/,
  );
  await t.jobs.drain();
  await t.jobs.send('webhooks.sweep', {});
  await t.jobs.drain();
  assert.equal(receiver.at(path).length, 1);
  assert.ok(!(await deliveriesOf(id)).some((d) => JSON.stringify(d.payload).includes('rolled-back')));
  await remove(id);
});

test('the secret is answered once, kept encrypted, never in a list, a read or the audit log; rotation answers a new one', async () => {
  const { id, secret } = await register(['story.published']);
  assert.match(secret, /^whsec_/);
  const [row] = await t.ctx.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  assert.ok(row && !row.secretEncrypted.includes(secret) && row.secretEncrypted.startsWith('v1.'));
  for (const url of ['/api/v1/webhooks', `/api/v1/webhooks/${id}`, '/api/v1/audit-log']) {
    const response = await t.app.inject({ method: 'GET', url, headers: admin });
    assert.equal(response.statusCode, 200);
    assert.ok(!response.body.includes(secret), `${url} must not show the secret`);
    assert.ok(!response.body.includes('secret_encrypted') && !response.body.includes('secretEncrypted'));
  }
  const rotated = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/${id}/secret`, headers: admin });
  assert.equal(rotated.statusCode, 200);
  const fresh = rotated.json().secret as string;
  assert.notEqual(fresh, secret);
  // The test event is signed with the new secret only.
  const sent = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/${id}/test`, headers: admin });
  assert.equal(sent.statusCode, 200, sent.body);
  const request = receiver.at(`/hook-${paths}`).at(-1);
  assert.ok(request);
  assertSigned(request, fresh);
  assert.equal(verifySignature(secret, String(request.headers['podium-signature']), request.rawBody, t.clock.now()), 'mismatch');
  const audit = await t.ctx.database.db.select().from(auditLog).where(eq(auditLog.subjectId, id));
  assert.deepEqual(audit.map((a) => a.action).sort(), ['webhook.created', 'webhook.secret_rotated']);
  await remove(id);
});

test('a test event is a signed ping with the documented headers, logged as a delivery', async () => {
  const { id, secret, path } = await register(['share.created']);
  const response = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/${id}/test`, headers: admin });
  assert.equal(response.statusCode, 200, response.body);
  const delivery = response.json();
  assert.equal(delivery.status, 'succeeded');
  assert.equal(delivery.responseStatus, 200);
  assert.equal(delivery.responseBody, 'ok');
  const [request] = receiver.at(path);
  assert.ok(request);
  assertSigned(request, secret);
  assert.equal(request.headers['podium-event'], 'ping');
  assert.equal(request.headers['podium-delivery'], delivery.id);
  assert.equal(request.headers['user-agent'], 'Podium-Webhooks');
  assert.match(String(request.headers['content-type']), /^application\/json/);
  const body = request.body as { id: string; type: string; createdAt: string; data: Record<string, unknown> };
  assert.deepEqual(Object.keys(body).sort(), ['createdAt', 'data', 'id', 'type']);
  assert.equal(body.type, 'ping');
  assert.equal(body.id, delivery.eventId);
  // A tampered body or a stale timestamp is refused by the documented check.
  const header = String(request.headers['podium-signature']);
  assert.equal(verifySignature(secret, header, Buffer.from(request.rawBody.toString().replace('ping', 'pong')), t.clock.now()), 'mismatch');
  assert.equal(verifySignature(secret, header, request.rawBody, new Date(t.clock.now().getTime() + 6 * 60_000)), 'too_old');
  // A failing test is reported, not retried, and does not count against the endpoint.
  receiver.answerNext(500);
  const failed = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/${id}/test`, headers: admin });
  assert.equal(failed.json().status, 'failed');
  assert.equal(failed.json().responseStatus, 500);
  assert.equal(failed.json().responseBody, 'receiver says 500');
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/webhooks/${id}`, headers: admin })).json().consecutiveFailures, 0);
  await remove(id);
});

test('share.created: a share through the sharing API reaches the endpoint, signed, with minimal data', async () => {
  const { id, secret, path } = await register(['share.created']);
  const { story, sharer, shareId } = await shareStory('Een nacht op de IC');
  await t.jobs.drain();
  const [request] = receiver.at(path);
  assert.ok(request, 'delivered');
  assertSigned(request, secret);
  assert.equal(request.headers['podium-event'], 'share.created');
  const body = request.body as { type: string; data: Record<string, unknown> };
  assert.equal(body.type, 'share.created');
  assert.equal(body.data.shareId, shareId);
  assert.equal(body.data.storyId, story.id);
  assert.equal(body.data.personId, sharer.id);
  assert.equal(body.data.title, 'Een nacht op de IC');
  assert.equal(body.data.network, 'linkedin');
  assert.ok(!request.rawBody.toString().includes(sharer.email) && !request.rawBody.toString().includes(sharer.name), 'no name or e-mail of the sharer');
  const [delivery] = await deliveriesOf(id);
  assert.equal(delivery?.status, 'succeeded');
  assert.equal(delivery?.attempts, 1);
  assert.equal(request.headers['podium-delivery'], delivery?.id);
  await remove(id);
});

test('story.published, conversion.recorded and person.left come from their own services; an endpoint gets only what it subscribed to', async () => {
  const published = await register(['story.published']);
  const converted = await register(['conversion.recorded']);
  const left = await register(['person.left']);
  // story.published: an editor's transition from approved to published.
  const story = await insertStory(t, { status: 'approved', publishedAt: null, title: 'Werken in de wijk' });
  const moved = await t.app.inject({ method: 'POST', url: `/api/v1/stories/${story.id}/transitions`, headers: admin, payload: { to: 'published' } });
  assert.equal(moved.statusCode, 200, moved.body);
  // conversion.recorded: an ATS reports an application.
  const { created } = await recordConversion(t.ctx, { type: 'application', externalId: 'webhook-app-1' }, 'api');
  assert.equal(created, true);
  // person.left: an admin marks a leaver (the personal address never goes out).
  const leaver = await buildPerson(t, { name: 'Piet Vertrek', email: 'piet.vertrek@example.com' });
  const leave = await t.app.inject({ method: 'POST', url: `/api/v1/people/${leaver.id}/leave`, headers: admin, payload: { personalEmail: 'piet@privemail.example' } });
  assert.equal(leave.statusCode, 200, leave.body);
  await t.jobs.drain();

  const [p] = receiver.at(published.path);
  assert.ok(p);
  assertSigned(p, published.secret);
  assert.deepEqual((p.body as { type: string }).type, 'story.published');
  const storyData = (p.body as { data: Record<string, unknown> }).data;
  assert.equal(storyData.storyId, story.id);
  assert.equal(storyData.title, 'Werken in de wijk');
  assert.match(String(storyData.url), /^http:\/\/podium\.test\//);

  const [c] = receiver.at(converted.path);
  assert.ok(c);
  assertSigned(c, converted.secret);
  const conversion = (c.body as { type: string; data: Record<string, unknown> });
  assert.equal(conversion.type, 'conversion.recorded');
  assert.equal(conversion.data.externalId, 'webhook-app-1');
  assert.equal(conversion.data.type, 'application');
  assert.equal(conversion.data.touchpointCount, 0);
  // A repeat of the same report stores nothing and emits nothing.
  await recordConversion(t.ctx, { type: 'application', externalId: 'webhook-app-1' }, 'api');
  await t.jobs.drain();
  assert.equal(receiver.at(converted.path).length, 1);

  const [l] = receiver.at(left.path);
  assert.ok(l);
  assertSigned(l, left.secret);
  const person = (l.body as { type: string; data: Record<string, unknown> });
  assert.equal(person.type, 'person.left');
  assert.deepEqual(person.data, { personId: leaver.id, name: 'Piet Vertrek', email: 'piet.vertrek@example.com', leftAt: t.clock.now().toISOString() });
  assert.ok(!l.rawBody.toString().includes('privemail'), 'never the personal address');

  // Each endpoint got exactly its own event.
  for (const { path } of [published, converted, left]) assert.equal(receiver.at(path).length, 1, path);
  for (const { id } of [published, converted, left]) await remove(id);
});

test('no subscriber, no delivery: unsubscribed and switched-off endpoints get nothing', async () => {
  const other = await register(['story.published']);
  const off = await register(['share.created']);
  assert.equal((await t.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/${off.id}`, headers: admin, payload: { active: false } })).statusCode, 200);
  const before = (await t.ctx.database.db.select().from(webhookDeliveries)).length;
  await shareStory('Niemand luistert');
  await t.jobs.drain();
  assert.equal((await t.ctx.database.db.select().from(webhookDeliveries)).length, before);
  assert.equal(receiver.at(other.path).length + receiver.at(off.path).length, 0);
  await remove(other.id);
  await remove(off.id);
});

test('a failed attempt is retried with backoff: 500, then 200 a minute later; every attempt is logged', async () => {
  const { id, secret, path } = await register(['share.created']);
  receiver.answerNext(500);
  await shareStory('Eerst mis, dan raak');
  await t.jobs.drain();
  let [delivery] = await deliveriesOf(id);
  assert.equal(delivery?.status, 'pending');
  assert.equal(delivery?.attempts, 1);
  assert.equal(delivery?.responseStatus, 500);
  assert.equal(delivery?.responseBody, 'receiver says 500');
  assert.ok((delivery?.durationMs ?? -1) >= 0);
  assert.equal(delivery?.nextAttemptAt?.getTime(), t.clock.now().getTime() + (RETRY_DELAYS_MS[0] ?? 0));
  // Not due yet: the sweeper leaves it.
  t.clock.advance(30_000);
  await t.jobs.send('webhooks.sweep', {});
  await t.jobs.drain();
  assert.equal(receiver.at(path).length, 1);
  // Due: the sweeper queues it and it succeeds.
  t.clock.advance(31_000);
  await t.jobs.send('webhooks.sweep', {});
  await t.jobs.drain();
  [delivery] = await deliveriesOf(id);
  assert.equal(delivery?.status, 'succeeded');
  assert.equal(delivery?.attempts, 2);
  assert.equal(delivery?.responseStatus, 200);
  assert.equal(delivery?.nextAttemptAt, null);
  const requests = receiver.at(path);
  assert.equal(requests.length, 2);
  const eventIds = requests.map((r) => (r.body as { id: string }).id);
  assert.equal(eventIds[0], eventIds[1], 'the same event id, for receivers to deduplicate');
  for (const request of requests) assertSigned(request, secret);
  await remove(id);
});

test('replay sends the same body again as a new delivery; the log pages newest first', async () => {
  const { id, path } = await register(['share.created']);
  await shareStory('Nog een keer');
  await t.jobs.drain();
  const [original] = await deliveriesOf(id);
  assert.ok(original);
  const replay = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/deliveries/${original.id}/replay`, headers: admin });
  assert.equal(replay.statusCode, 201, replay.body);
  assert.equal(replay.json().replayOf, original.id);
  assert.notEqual(replay.json().id, original.id);
  t.clock.advance(1_000);
  await t.jobs.drain();
  const requests = receiver.at(path);
  assert.equal(requests.length, 2);
  assert.equal(requests[1]?.rawBody.toString(), requests[0]?.rawBody.toString());
  assert.equal(requests[1]?.headers['podium-delivery'], replay.json().id);

  const first = await t.app.inject({ method: 'GET', url: `/api/v1/webhooks/${id}/deliveries?limit=1`, headers: admin });
  assert.equal(first.statusCode, 200);
  assert.equal(first.json().items.length, 1);
  assert.equal(first.json().items[0].id, replay.json().id);
  assert.equal(first.json().items[0].status, 'succeeded');
  const second = await t.app.inject({ method: 'GET', url: `/api/v1/webhooks/${id}/deliveries?limit=1&cursor=${first.json().nextCursor}`, headers: admin });
  assert.equal(second.json().items[0].id, original.id);
  assert.equal(second.json().nextCursor, null);
  const bad = await t.app.inject({ method: 'GET', url: `/api/v1/webhooks/${id}/deliveries?cursor=nonsense`, headers: admin });
  assert.equal(bad.statusCode, 400);
  const missing = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks/deliveries/0193a000-0000-7000-8000-000000000000/replay', headers: admin });
  assert.equal(missing.statusCode, 404);

  await t.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/${id}`, headers: admin, payload: { active: false } });
  const refused = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/deliveries/${original.id}/replay`, headers: admin });
  assert.equal(refused.statusCode, 409);
  assert.match(refused.json().error.message, /staat uit/);
  await remove(id);
});

test(`after ${DISABLE_AFTER_FAILED_DELIVERIES} deliveries in a row failed every attempt, the endpoint is switched off and the admins are mailed`, async () => {
  const { id, path } = await register(['share.created']);
  receiver.always(503);
  try {
    await t.ctx.database.db.transaction(async (tx) => {
      for (let i = 0; i < DISABLE_AFTER_FAILED_DELIVERIES; i++) await emitEvent(t.ctx, tx, 'share.created', { shareId: `share-${i}` });
    });
    for (let round = 0; round < MAX_ATTEMPTS; round++) {
      await t.jobs.drain();
      t.clock.advance(RETRY_DELAYS_MS.at(-1) ?? 0);
      await t.jobs.send('webhooks.sweep', {});
    }
    await t.jobs.drain();
  } finally {
    receiver.always(null);
  }
  assert.equal(receiver.at(path).length, DISABLE_AFTER_FAILED_DELIVERIES * MAX_ATTEMPTS);
  const deliveries = await deliveriesOf(id);
  assert.ok(deliveries.every((d) => d.status === 'failed' && d.attempts === MAX_ATTEMPTS && d.responseStatus === 503));
  const endpoint = (await t.app.inject({ method: 'GET', url: `/api/v1/webhooks/${id}`, headers: admin })).json();
  assert.equal(endpoint.active, false);
  assert.equal(endpoint.disabledReason, 'consecutive_failures');
  assert.equal(endpoint.consecutiveFailures, DISABLE_AFTER_FAILED_DELIVERIES);
  assert.ok(endpoint.disabledAt);
  // The admin got the notice over SMTP, in Dutch.
  const mails = smtp.to(adminPerson.email);
  assert.equal(mails.length, 1);
  const subject = mailHeader(mails[0]?.raw ?? '', 'Subject') ?? '';
  assert.match(subject, /webhook is uitgeschakeld|=\?/);
  assert.ok((mails[0]?.raw ?? '').includes('HTTP 503'));
  // Switched off: new events are not even recorded for it.
  await shareStory('Na het uitschakelen');
  await t.jobs.drain();
  assert.equal((await deliveriesOf(id)).length, DISABLE_AFTER_FAILED_DELIVERIES);
  // Switched on again: the count starts over, and deliveries flow.
  const on = await t.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/${id}`, headers: admin, payload: { active: true } });
  assert.equal(on.json().active, true);
  assert.equal(on.json().consecutiveFailures, 0);
  assert.equal(on.json().disabledReason, null);
  await shareStory('Weer aan');
  await t.jobs.drain();
  assert.equal((await deliveriesOf(id)).at(-1)?.status, 'succeeded');
  await remove(id);
});

test('a success resets the failure count', async () => {
  const { id } = await register(['share.created']);
  await t.ctx.database.db.update(webhookEndpoints).set({ consecutiveFailures: 3 }).where(eq(webhookEndpoints.id, id));
  await shareStory('Het gaat weer goed');
  await t.jobs.drain();
  const [row] = await t.ctx.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  assert.equal(row?.consecutiveFailures, 0);
  await remove(id);
});

test('the webhooks API is documented in OpenAPI, with the signature header, and never a stored secret', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  for (const method of ['get', 'post']) assert.ok(doc.paths['/api/v1/webhooks']?.[method], method);
  for (const method of ['get', 'patch', 'delete']) assert.ok(doc.paths['/api/v1/webhooks/{id}']?.[method], method);
  for (const path of ['/api/v1/webhooks/{id}/secret', '/api/v1/webhooks/{id}/test', '/api/v1/webhooks/deliveries/{id}/replay']) assert.ok(doc.paths[path]?.post, path);
  assert.ok(doc.paths['/api/v1/webhooks/{id}/deliveries']?.get);
  assert.match(doc.paths['/api/v1/webhooks'].post.description, /Podium-Signature: t=<unix seconds>,v1=/);
  assert.ok(doc.components.schemas.WebhookEndpoint && doc.components.schemas.WebhookDelivery && doc.components.schemas.WebhookEndpointWithSecret);
  assert.ok(!JSON.stringify(doc.components.schemas.WebhookEndpoint).includes('secret'));
});

test('a story scheduled for later is announced when it goes live, and not at all when it was unpublished meanwhile', async () => {
  const endpoint = await register(['story.published']);
  const publishAt = new Date(t.clock.now().getTime() + 2 * 3_600_000);
  const scheduled = await insertStory(t, { status: 'approved', publishedAt: null, publishAt, title: 'Straks live' });
  const moved = await t.app.inject({ method: 'POST', url: `/api/v1/stories/${scheduled.id}/transitions`, headers: admin, payload: { to: 'published' } });
  assert.equal(moved.statusCode, 200, moved.body);
  assert.deepEqual(await deliveriesOf(endpoint.id), [], 'nothing is announced before the story is public');
  assert.ok(t.jobs.sent.some((job) => job.name === 'webhooks.story-live'));
  t.clock.advance(2 * 3_600_000);
  await t.jobs.drain();
  const [delivery] = await deliveriesOf(endpoint.id);
  assert.ok(delivery);
  assert.equal(delivery.event, 'story.published');
  assert.equal((delivery.payload as { data: { storyId: string } }).data.storyId, scheduled.id);
  assert.equal(receiver.at(endpoint.path).length, 1);

  // Unpublished before its moment: the job finds it changed and announces nothing.
  const withdrawn = await insertStory(t, { status: 'approved', publishedAt: null, publishAt: new Date(t.clock.now().getTime() + 3_600_000), title: 'Toch niet' });
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/stories/${withdrawn.id}/transitions`, headers: admin, payload: { to: 'published' } })).statusCode, 200);
  await t.ctx.database.db.update(stories).set({ status: 'archived' }).where(eq(stories.id, withdrawn.id));
  t.clock.advance(3_600_000);
  await t.jobs.drain();
  assert.equal((await deliveriesOf(endpoint.id)).length, 1, 'only the first story was announced');
  await remove(endpoint.id);
});
