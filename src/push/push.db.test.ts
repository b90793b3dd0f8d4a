import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { pushSubscriptions, settings } from '../db/schema/index.ts';
import { deliverWebPush } from '../nudges/channels/web-push.ts';
import { ChannelUnavailable, type NudgeMessage } from '../nudges/channels/types.ts';
import { exportPerson } from '../privacy/service.ts';
import { putSetting } from '../settings/service.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders } from '../../test/support/factories.ts';
import { type PushStandIn, startPushService } from '../../test/support/push-service.ts';
import { PushFailed } from './send.ts';

let t: TestApp;
let push: PushStandIn;

before(async () => {
  push = await startPushService();
  // The push service runs on this machine: allowed as an admin would allow an on-premises host.
  t = await createTestApp({ PODIUM_FETCH_ALLOW_HOSTS: '127.0.0.1' });
});
after(async () => {
  await t?.close();
  await push?.close();
});

type Person = Awaited<ReturnType<typeof buildPerson>>;

function messageFor(person: Person, overrides: Partial<NudgeMessage> = {}): NudgeMessage {
  return {
    nudgeId: uuidv7(),
    person: { id: person.id, email: person.email, name: person.name, language: 'en', timeZone: 'Europe/Amsterdam' },
    title: 'Your story got 12 clicks',
    body: 'Colleagues liked what you shared. Share the next one in your own words?',
    actionLabel: 'Open my feed',
    actionUrl: 'http://podium.test/n/tracking-token',
    path: '/feed',
    ...overrides,
  };
}

async function publicKey(person: Person): Promise<string> {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/push/public-key', headers: await sessionHeaders(t, person) });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().publicKey;
}

async function subscribeBrowser(person: Person, applicationServerKey?: string) {
  const subscription = push.subscribe(applicationServerKey ?? (await publicKey(person)));
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/me/push-subscriptions', headers: await sessionHeaders(t, person), payload: { ...subscription, expirationTime: null } });
  assert.equal(response.statusCode, 201, response.body);
  return subscription;
}

const subscriptionsOf = (personId: string) => t.ctx.database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.personId, personId));

test('the VAPID key pair is made once; only the public key is ever answered', async () => {
  const person = await buildPerson(t);
  const first = await publicKey(person);
  assert.match(first, /^[A-Za-z0-9_-]{87}$/, 'an uncompressed P-256 key, base64url');
  assert.equal(await publicKey(await buildPerson(t)), first);
  const [stored] = await t.ctx.database.db.select().from(settings).where(eq(settings.key, 'push.vapid'));
  assert.ok(stored);
  const { privateKey } = stored.value as { privateKey: string };
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/push/public-key', headers: await sessionHeaders(t, person) });
  assert.ok(!response.body.includes(privateKey));
  const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/push/public-key' });
  assert.equal(anonymous.statusCode, 401);
});

test('deliverWebPush sends what the push service decrypts to exactly the message, with a valid VAPID signature', async () => {
  const person = await buildPerson(t);
  const subscription = await subscribeBrowser(person);
  const message = messageFor(person);
  await deliverWebPush(t.ctx, message);
  const got = push.received.filter((r) => r.endpoint === subscription.endpoint);
  assert.equal(got.length, 1, JSON.stringify(push.refused));
  assert.deepEqual(JSON.parse(got[0]?.payload ?? ''), { title: message.title, body: message.body, url: message.actionUrl, tag: `nudge-${message.nudgeId}` });
  assert.equal(got[0]?.ttl, 86_400);
  assert.equal(got[0]?.urgency, 'normal');
  const [row] = await subscriptionsOf(person.id);
  assert.ok(row?.lastSuccessAt, 'the success is recorded');
});

test('a push service answering 410 Gone removes the subscription; with none left the channel is unavailable', async () => {
  const person = await buildPerson(t);
  const subscription = await subscribeBrowser(person);
  push.markGone(subscription.endpoint);
  await assert.rejects(deliverWebPush(t.ctx, messageFor(person)), ChannelUnavailable);
  assert.deepEqual(await subscriptionsOf(person.id), []);
});

test('one gone browser among two: the other gets the message and the gone one is removed', async () => {
  const person = await buildPerson(t);
  const gone = await subscribeBrowser(person);
  const live = await subscribeBrowser(person);
  push.markGone(gone.endpoint);
  await deliverWebPush(t.ctx, messageFor(person, { title: 'Two browsers' }));
  assert.ok(push.received.some((r) => r.endpoint === live.endpoint && JSON.parse(r.payload).title === 'Two browsers'));
  assert.deepEqual((await subscriptionsOf(person.id)).map((s) => s.endpoint), [live.endpoint]);
});

test('no subscription at all → ChannelUnavailable (delivery falls back to in-app)', async () => {
  const person = await buildPerson(t);
  await assert.rejects(deliverWebPush(t.ctx, messageFor(person)), ChannelUnavailable);
});

test('a push service refusing the VAPID signature is a failure to retry, not a lost subscription', async () => {
  const person = await buildPerson(t);
  // A subscription made with another server's key: the push service refuses our JWT (403).
  const other = push.subscribe('BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U');
  await t.app.inject({ method: 'POST', url: '/api/v1/me/push-subscriptions', headers: await sessionHeaders(t, person), payload: other });
  await assert.rejects(deliverWebPush(t.ctx, messageFor(person)), (error) => error instanceof PushFailed && error.status === 403);
  assert.ok(push.refused.some((r) => r.endpoint === other.endpoint && r.reason.includes('applicationServerKey')));
  const [row] = await subscriptionsOf(person.id);
  assert.equal(row?.failures, 1, 'kept, with the failure counted');
});

test('subscriptions are validated: https endpoints (or an allowed host) and real P-256 keys', async () => {
  const person = await buildPerson(t);
  const headers = await sessionHeaders(t, person);
  const good = push.subscribe(await publicKey(person));
  const cases = [
    { payload: { ...good, endpoint: 'http://push.example.com/x' }, code: 'push_endpoint_invalid' },
    { payload: { ...good, endpoint: 'https://10.0.0.8/push/x' }, code: 'push_endpoint_invalid' },
    { payload: { ...good, keys: { ...good.keys, p256dh: Buffer.alloc(65, 4).toString('base64url') } }, code: 'validation_failed' },
    { payload: { ...good, keys: { ...good.keys, auth: 'c2hvcnQ' } }, code: 'validation_failed' },
  ];
  for (const { payload, code } of cases) {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/me/push-subscriptions', headers, payload });
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(response.json().error.code, code);
  }
  const https = await t.app.inject({ method: 'POST', url: '/api/v1/me/push-subscriptions', headers, payload: { ...good, endpoint: 'https://fcm.googleapis.com/fcm/send/abc' } });
  assert.equal(https.statusCode, 201, https.body);
});

test('the admin’s intranet allowance for feeds does not let a person aim push messages at the intranet', async () => {
  const person = await buildPerson(t);
  const headers = await sessionHeaders(t, person);
  const good = push.subscribe(await publicKey(person));
  await putSetting(t.ctx.database.db, 'fetch.allowHosts', ['ats.intranet.example', '10.1.2.3'], t.clock.now());
  try {
    for (const endpoint of ['http://ats.intranet.example/api/jobs', 'https://10.1.2.3/push/x']) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/me/push-subscriptions', headers, payload: { ...good, endpoint } });
      assert.equal(response.statusCode, 400, `${endpoint}: ${response.body}`);
      assert.equal(response.json().error.code, 'push_endpoint_invalid');
    }
    // A subscription stored before the allowance (or by other means) is not posted to either.
    await t.ctx.database.db.insert(pushSubscriptions).values({ personId: person.id, endpoint: 'http://ats.intranet.example/api/jobs', p256dh: good.keys.p256dh, auth: good.keys.auth, createdAt: t.clock.now() });
    await assert.rejects(deliverWebPush(t.ctx, messageFor(person)), /only https addresses/);
  } finally {
    await putSetting(t.ctx.database.db, 'fetch.allowHosts', [], t.clock.now());
  }
});

test('a person unsubscribes only their own browsers', async () => {
  const owner = await buildPerson(t);
  const stranger = await buildPerson(t);
  const subscription = await subscribeBrowser(owner);
  const byStranger = await t.app.inject({ method: 'DELETE', url: '/api/v1/me/push-subscriptions', headers: await sessionHeaders(t, stranger), payload: { endpoint: subscription.endpoint } });
  assert.equal(byStranger.statusCode, 204);
  assert.equal((await subscriptionsOf(owner.id)).length, 1, 'a stranger cannot remove it');
  const byOwner = await t.app.inject({ method: 'DELETE', url: '/api/v1/me/push-subscriptions', headers: await sessionHeaders(t, owner), payload: { endpoint: subscription.endpoint } });
  assert.equal(byOwner.statusCode, 204);
  assert.deepEqual(await subscriptionsOf(owner.id), []);
});

test('a browser subscribed again by the next person who signs in on it moves to them', async () => {
  const first = await buildPerson(t);
  const second = await buildPerson(t);
  const subscription = await subscribeBrowser(first);
  const again = await t.app.inject({ method: 'POST', url: '/api/v1/me/push-subscriptions', headers: await sessionHeaders(t, second), payload: subscription });
  assert.equal(again.statusCode, 201);
  assert.deepEqual(await subscriptionsOf(first.id), []);
  assert.equal((await subscriptionsOf(second.id)).length, 1);
});

test('the privacy export names the push services, not the keys; erasure removes the subscriptions', async () => {
  const person = await buildPerson(t);
  const subscription = await subscribeBrowser(person);
  const exported = JSON.stringify(await exportPerson(t.ctx, person.id));
  assert.ok(exported.includes(new URL(push.origin).host));
  assert.ok(!exported.includes(subscription.keys.auth));
  const admin = await buildPerson(t, { roles: ['admin'] });
  const erased = await t.app.inject({ method: 'POST', url: `/api/v1/people/${person.id}/erase`, headers: await sessionHeaders(t, admin), payload: { confirm: person.email } });
  assert.ok(erased.statusCode < 300, erased.body);
  assert.deepEqual(await subscriptionsOf(person.id), []);
});

test('the PWA files are served from the site root with their content types and cache rules', async () => {
  const manifest = await t.app.inject({ method: 'GET', url: '/manifest.webmanifest' });
  assert.equal(manifest.statusCode, 200);
  assert.match(String(manifest.headers['content-type']), /^application\/manifest\+json/);
  const icons = manifest.json().icons as { src: string; sizes: string }[];
  assert.deepEqual(icons.map((i) => i.sizes).sort(), ['192x192', '512x512', '512x512']);
  for (const icon of icons) {
    const png = await t.app.inject({ method: 'GET', url: icon.src });
    assert.equal(png.statusCode, 200, icon.src);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.equal(png.rawPayload.readUInt32BE(16), Number(icon.sizes.split('x')[0]), 'the PNG is as wide as the manifest says');
  }
  const worker = await t.app.inject({ method: 'GET', url: '/sw.js' });
  assert.equal(worker.statusCode, 200);
  assert.match(String(worker.headers['content-type']), /^text\/javascript/);
  assert.equal(worker.headers['cache-control'], 'no-cache');
  assert.match(worker.body, /addEventListener\('push'/);
  assert.match(worker.body, /addEventListener\('notificationclick'/);
});

test('a long message is shortened to fit the 4 KB a push service accepts, and still decrypts', async () => {
  const person = await buildPerson(t);
  const subscription = await subscribeBrowser(person);
  await deliverWebPush(t.ctx, messageFor(person, { title: 'Lang verhaal', body: 'één twee drie '.repeat(600) }));
  const got = push.received.find((r) => r.endpoint === subscription.endpoint);
  assert.ok(got, JSON.stringify(push.refused));
  const payload = JSON.parse(got.payload);
  assert.equal(payload.title, 'Lang verhaal');
  assert.ok(payload.body.endsWith('…') && payload.body.startsWith('één twee drie'));
  assert.ok(Buffer.byteLength(got.payload) <= 3800);
});
