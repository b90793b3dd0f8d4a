import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { nudges, nudgeTemplates, people } from '../db/schema/index.ts';
import { deliverInApp } from '../nudges/channels/in-app.ts';
import type { NudgeMessage } from '../nudges/channels/types.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders } from '../../test/support/factories.ts';
import { createNotification } from './service.ts';

let t: TestApp;
let templateId: string;

before(async () => {
  t = await createTestApp();
  const now = t.clock.now();
  const [template] = await t.ctx.database.db
    .insert(nudgeTemplates)
    .values({
      key: `test-${uuidv7()}`,
      trigger: 'new_story',
      personas: ['unknown'],
      channel: 'in_app',
      texts: { en: { subject: 'A story for you', body: 'Body', action: 'Open' }, nl: { subject: 'Een verhaal voor jou', body: 'Tekst', action: 'Open' } },
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  templateId = template?.id ?? '';
});
after(() => t?.close());

type Person = Awaited<ReturnType<typeof buildPerson>>;

/** A nudge row to hang the notification on (notifications.nudge_id references nudges). */
async function nudgeFor(person: Person): Promise<string> {
  const now = t.clock.now();
  const [row] = await t.ctx.database.db
    .insert(nudges)
    .values({ templateId, personId: person.id, persona: 'unknown', sendKey: uuidv7(), channel: 'in_app', status: 'scheduled', scheduledFor: now, createdAt: now })
    .returning();
  return row?.id ?? '';
}

async function messageFor(person: Person): Promise<NudgeMessage> {
  return {
    nudgeId: await nudgeFor(person),
    person: { id: person.id, email: person.email, name: person.name, language: 'en', timeZone: 'Europe/Amsterdam' },
    title: 'A new story about your team',
    body: 'Marieke’s team is in the newsroom today.',
    actionLabel: 'Read and share',
    actionUrl: 'http://podium.test/n/token',
    path: '/feed',
  };
}

async function call(person: Person, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: await sessionHeaders(t, person), ...(payload ? { payload } : {}) });
}

test('an in-app nudge appears in the bell with its in-app path, once, and unread', async () => {
  const person = await buildPerson(t);
  const message = await messageFor(person);
  await deliverInApp(t.ctx, message);
  await deliverInApp(t.ctx, message); // a retry of the same nudge adds nothing
  const list = await call(person, 'GET', '/api/v1/me/notifications');
  assert.equal(list.statusCode, 200, list.body);
  assert.equal(list.json().unreadCount, 1);
  assert.equal(list.json().items.length, 1);
  assert.deepEqual(
    { ...list.json().items[0], id: undefined, createdAt: undefined },
    { id: undefined, createdAt: undefined, title: message.title, body: message.body, url: '/feed', readAt: null },
  );
  assert.equal(list.headers['cache-control'], 'no-store');
});

test('a person reads and marks only their own notifications', async () => {
  const owner = await buildPerson(t);
  const stranger = await buildPerson(t);
  await deliverInApp(t.ctx, await messageFor(owner));
  await deliverInApp(t.ctx, await messageFor(owner));
  await deliverInApp(t.ctx, await messageFor(stranger));
  const mine = (await call(owner, 'GET', '/api/v1/me/notifications')).json();
  assert.equal(mine.unreadCount, 2);
  const [first] = mine.items as { id: string }[];
  assert.ok(first);

  const theirs = (await call(stranger, 'GET', '/api/v1/me/notifications')).json();
  assert.equal(theirs.items.length, 1, 'the stranger sees only their own');
  const forged = await call(stranger, 'POST', `/api/v1/me/notifications/${first.id}/read`);
  assert.equal(forged.statusCode, 404);
  assert.equal(forged.json().error.code, 'notification_not_found');

  const read = await call(owner, 'POST', `/api/v1/me/notifications/${first.id}/read`);
  assert.equal(read.statusCode, 200, read.body);
  assert.ok(read.json().readAt);
  assert.equal((await call(owner, 'POST', `/api/v1/me/notifications/${first.id}/read`)).statusCode, 200, 'reading twice is fine');
  assert.equal((await call(owner, 'GET', '/api/v1/me/notifications')).json().unreadCount, 1);

  const all = await call(owner, 'POST', '/api/v1/me/notifications/read-all');
  assert.deepEqual(all.json(), { marked: 1, unreadCount: 0 });
  assert.equal((await call(stranger, 'GET', '/api/v1/me/notifications')).json().unreadCount, 1, 'read-all leaves other people’s alone');
});

test('a notification only ever leads inside Podium', async () => {
  const person = await buildPerson(t);
  for (const url of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
    const created = await createNotification(t.ctx.database.db, { personId: person.id, title: 'x', body: 'y', url }, t.clock.now());
    assert.equal(created.url, null, url);
  }
  const inside = await createNotification(t.ctx.database.db, { personId: person.id, title: 'x', body: 'y', url: '/me/impact?week=1' }, t.clock.now());
  assert.equal(inside.url, '/me/impact?week=1');
});

test('channels and quiet hours are set through PATCH /api/v1/me, keeping other preferences', async () => {
  const person = await buildPerson(t, { preferences: { tellMyStory: true } });
  const set = await call(person, 'PATCH', '/api/v1/me', { notificationChannels: ['in_app', 'web_push', 'slack'], quietHours: { start: '21:30', end: '07:45' } });
  assert.equal(set.statusCode, 200, set.body);
  assert.deepEqual(set.json().notificationChannels, ['in_app', 'web_push', 'slack']);
  assert.deepEqual(set.json().quietHours, { start: '21:30', end: '07:45' });
  assert.equal(set.json().tellMyStory, true);
  const [row] = await t.ctx.database.db.select().from(people).where(eq(people.id, person.id));
  assert.deepEqual(row?.preferences, { tellMyStory: true, quietHours: { start: '21:30', end: '07:45' } }, 'the nudge guardrails read preferences.quietHours');

  const other = await call(person, 'PATCH', '/api/v1/me', { name: 'Renamed Person' });
  assert.deepEqual(other.json().quietHours, { start: '21:30', end: '07:45' }, 'an unrelated edit keeps them');
  const cleared = await call(person, 'PATCH', '/api/v1/me', { quietHours: null });
  assert.equal(cleared.json().quietHours, null);

  for (const quietHours of [{ start: '25:00', end: '07:00' }, { start: '7:00', end: '08:00' }, { start: '08:00', end: '08:00' }]) {
    const bad = await call(person, 'PATCH', '/api/v1/me', { quietHours });
    assert.equal(bad.statusCode, 400, JSON.stringify(quietHours));
    assert.equal(bad.json().error.code, 'validation_failed');
  }
});
