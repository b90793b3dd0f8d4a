import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { auditLog, clicks, mailOutbox } from '../db/schema/index.ts';
import { runRetention } from '../privacy/service.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { purgeInBatches } from './retention.ts';

let t: TestApp;
let admin: Record<string, string>;
const day = 86_400_000;

before(async () => {
  t = await createTestApp();
  admin = await tokenHeaders(t, 'admin');
});
after(async () => {
  await t?.close();
});

const periods = async () => {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/settings/retention', headers: admin });
  assert.equal(response.statusCode, 200, response.body);
  return new Map((response.json().items as { key: string; defaultDays: number; days: number }[]).map((item) => [item.key, item]));
};
const change = (days: Record<string, unknown>, headers = admin) => t.app.inject({ method: 'PUT', url: '/api/v1/settings/retention', headers, payload: { days } });

test('the retention periods of raw clicks, the outbox and the audit log are listed with their defaults', async () => {
  const items = await periods();
  assert.deepEqual(items.get('links.clicks'), { ...items.get('links.clicks'), defaultDays: 396, days: 396 });
  assert.deepEqual(items.get('mail.outbox'), { ...items.get('mail.outbox'), defaultDays: 90, days: 90 });
  assert.deepEqual(items.get('audit.log'), { ...items.get('audit.log'), defaultDays: 730, days: 730 });
  assert.equal(items.has('people.profile'), false, 'a profile does not expire');
});

test('an admin changes periods; null restores the default; the change is audited', async () => {
  const response = await change({ 'links.clicks': 30, 'mail.outbox': 14 });
  assert.equal(response.statusCode, 200, response.body);
  let items = await periods();
  assert.equal(items.get('links.clicks')?.days, 30);
  assert.equal(items.get('mail.outbox')?.days, 14);
  assert.equal(items.get('audit.log')?.days, 730);
  const reset = await change({ 'mail.outbox': null });
  assert.equal(reset.statusCode, 200, reset.body);
  items = await periods();
  assert.equal(items.get('mail.outbox')?.days, 90);
  assert.equal(items.get('links.clicks')?.days, 30);
  const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit-log?action=settings.retention_changed', headers: admin });
  const entries = audit.json().items as { after: Record<string, number> }[];
  assert.equal(entries.length, 2);
  assert.deepEqual(entries[0]?.after, { 'links.clicks': 30 });
});

test('bad changes are refused with a message that says what is allowed', async () => {
  const unknown = await change({ 'links.everything': 10 });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json().error.message, /links\.everything: no such data with a retention period \(known: .*links\.clicks/);
  const permanent = await change({ 'people.profile': 10 });
  assert.equal(permanent.statusCode, 400);
  for (const days of [0, 3651, 1.5, '30']) {
    const response = await change({ 'links.clicks': days });
    assert.equal(response.statusCode, 400, `${days}: ${response.body}`);
  }
  const empty = await change({});
  assert.equal(empty.statusCode, 400);
  assert.match(empty.json().error.message, /name at least one kind of data/);
  const ambassador = await change({ 'links.clicks': 5 }, await sessionHeaders(t, await buildPerson(t)));
  assert.equal(ambassador.statusCode, 403);
});

test('the nightly retention job deletes raw clicks, outbox mail and audit entries older than their periods, and keeps newer ones', async () => {
  const now = t.clock.now().getTime();
  assert.equal((await change({ 'links.clicks': 30, 'mail.outbox': 90, 'audit.log': 365 })).statusCode, 200);
  const click = (ageDays: number) => ({ id: uuidv7(), linkCode: 'retention', shareId: uuidv7(), occurredAt: new Date(now - ageDays * day), bot: false, kind: 'visit' as const });
  const oldClicks = [click(31), click(40), click(400)];
  const newClicks = [click(29), click(1)];
  await t.ctx.database.db.insert(clicks).values([...oldClicks, ...newClicks]);
  const mail = (ageDays: number) => ({ id: uuidv7(), createdAt: new Date(now - ageDays * day), toAddress: 'someone@example.com', kind: 'test', subject: 'Hello', textBody: 'x', htmlBody: '<p>x</p>', status: 'sent' as const });
  const oldMail = mail(91);
  const newMail = mail(89);
  await t.ctx.database.db.insert(mailOutbox).values([oldMail, newMail]);
  const entry = (ageDays: number) => ({ id: uuidv7(), at: new Date(now - ageDays * day), action: 'test.retention', subjectType: 'test', subjectId: null });
  const oldEntry = entry(366);
  const newEntry = entry(364);
  await t.ctx.database.db.insert(auditLog).values([oldEntry, newEntry]);

  const purged = await runRetention(t.ctx);
  assert.ok((purged['links.clicks'] ?? 0) >= 3, JSON.stringify(purged));
  const clickIds = (await t.ctx.database.db.select({ id: clicks.id }).from(clicks).where(inArray(clicks.id, [...oldClicks, ...newClicks].map((c) => c.id)))).map((r) => r.id).sort();
  assert.deepEqual(clickIds, newClicks.map((c) => c.id).sort());
  const mailIds = (await t.ctx.database.db.select({ id: mailOutbox.id }).from(mailOutbox).where(inArray(mailOutbox.id, [oldMail.id, newMail.id]))).map((r) => r.id);
  assert.deepEqual(mailIds, [newMail.id]);
  const auditIds = (await t.ctx.database.db.select({ id: auditLog.id }).from(auditLog).where(inArray(auditLog.id, [oldEntry.id, newEntry.id]))).map((r) => r.id);
  assert.deepEqual(auditIds, [newEntry.id]);
});

test('raw clicks are purged in batches until none older than the cutoff is left', async () => {
  const now = t.clock.now().getTime();
  const rows = Array.from({ length: 25 }, (_, i) => ({ id: uuidv7(), linkCode: 'batches', shareId: uuidv7(), occurredAt: new Date(now - (100 + i) * day), bot: i % 2 === 0, kind: 'visit' as const }));
  const keep = { id: uuidv7(), linkCode: 'batches', shareId: uuidv7(), occurredAt: new Date(now - 10 * day), bot: false, kind: 'visit' as const };
  await t.ctx.database.db.insert(clicks).values([...rows, keep]);
  const deleted = await purgeInBatches(t.ctx.database.db, 'clicks', 'occurred_at', new Date(now - 50 * day), 4);
  assert.equal(deleted, 25);
  const left = await t.ctx.database.db.select({ id: clicks.id }).from(clicks).where(inArray(clicks.id, [...rows, keep].map((r) => r.id)));
  assert.deepEqual(left, [{ id: keep.id }]);
});
