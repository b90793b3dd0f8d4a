import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { groups, reportSubscriptions } from '../db/schema/index.ts';
import { exportPerson } from '../privacy/service.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { mailHeader, mimePart, SmtpPeer } from '../../test/support/smtp-peer.ts';
import { buildClicks, buildShare } from '../../test/support/tracking.ts';
import { analyticsOverview } from './overview.ts';

const smtp = new SmtpPeer();
let t: TestApp;
let editor: Record<string, string>;
let adminToken: Record<string, string>;
const people: Record<string, { id: string; email: string; name: string }> = {};
let care: string;
const DAY = 86_400_000;

const mailsTo = (email: string) => smtp.to(email.toLowerCase());
const runJob = async () => {
  await t.ctx.jobs.send('analytics.reports', {});
  await t.jobs.drain();
};

before(async () => {
  t = await createTestApp({ SMTP_URL: await smtp.start(), PODIUM_MAIL_FROM: 'Podium <podium@example.com>', PODIUM_ORGANISATION_NAME: 'Zorggroep Test' });
  // Tuesday 1 December 2026: the last full week is 2026-W48 (23–29 November), the last month November.
  t.clock.advance(Date.parse('2026-12-01T06:23:00Z') - t.clock.now().getTime());
  const now = t.clock.now();
  care = uuidv7();
  await t.ctx.database.db.insert(groups).values({ id: care, kind: 'department', name: 'Care', createdAt: now, updatedAt: now });
  people.editor = await buildPerson(t, { roles: ['editor', 'ambassador'], name: 'Eddie Editor', language: 'en' });
  people.admin = await buildPerson(t, { roles: ['admin'], name: 'Ada Admin', language: 'nl' });
  people.ambassador = await buildPerson(t, { name: 'Amber Ambassador' });
  people.leaver = await buildPerson(t, { roles: ['editor'], name: 'Lee Leaver' });
  editor = await sessionHeaders(t, people.editor);
  adminToken = await tokenHeaders(t, 'admin');
  const story = await insertStory(t, { title: 'Report story', publishedAt: new Date(Date.parse('2026-10-01T00:00:00Z')) });
  // Week 48: 3 shares with 2 human clicks each; week 47: 1 share with 1 click.
  for (const day of ['2026-11-23', '2026-11-25', '2026-11-29']) {
    const share = await buildShare(t, story.id, { at: new Date(`${day}T10:00:00Z`), departmentId: care });
    await buildClicks(t, share, [{ at: new Date(`${day}T12:00:00Z`) }, { at: new Date(`${day}T13:00:00Z`) }, { at: new Date(`${day}T13:00:00Z`), kind: 'bot' }]);
  }
  const earlier = await buildShare(t, story.id, { at: new Date('2026-11-17T10:00:00Z') });
  await buildClicks(t, earlier, [{ at: new Date('2026-11-17T11:00:00Z') }]);
});
after(async () => {
  await t?.close();
  await smtp.stop();
});

test('scheduled reports: admins and editors manage them; recipients must be able to read the dashboards', async () => {
  const create = (payload: object, headers = editor) => t.app.inject({ method: 'POST', url: '/api/v1/analytics/reports', headers, payload });
  const notAllowed = await create({ name: 'Weekly', frequency: 'weekly', recipientIds: [people.ambassador?.id] });
  assert.equal(notAllowed.statusCode, 400);
  assert.equal(notAllowed.json().error.code, 'report_recipient_not_allowed');
  assert.match(notAllowed.json().error.message, /Amber Ambassador cannot read the analytics dashboards/);
  const unknown = await create({ name: 'Weekly', frequency: 'weekly', recipientIds: [uuidv7()] });
  assert.equal(unknown.json().error.code, 'report_recipient_unknown');
  const badFrequency = await create({ name: 'Daily', frequency: 'daily', recipientIds: [people.editor?.id] });
  assert.equal(badFrequency.statusCode, 400);

  const created = await create({ name: 'Monday figures', frequency: 'weekly', recipientIds: [people.editor?.id, people.admin?.id, people.editor?.id], language: 'en' });
  assert.equal(created.statusCode, 201, created.body);
  const report = created.json();
  assert.deepEqual([report.frequency, report.lastPeriod, report.nextPeriod, report.recipients.map((r: { name: string }) => r.name)], ['weekly', null, '2026-W48', ['Eddie Editor', 'Ada Admin']]);
  const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/analytics/reports/${report.id}`, headers: adminToken, payload: { name: 'Monday key figures' } });
  assert.equal(patched.json().name, 'Monday key figures');
  const list = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/reports', headers: editor });
  assert.deepEqual(list.json().items.map((r: { name: string }) => r.name), ['Monday key figures']);
  const ambassador = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/reports', headers: await sessionHeaders(t, people.ambassador as { id: string }) });
  assert.equal(ambassador.statusCode, 403);

  const gone = await create({ name: 'To delete', frequency: 'monthly', recipientIds: [people.editor?.id] });
  assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/analytics/reports/${gone.json().id}`, headers: editor })).statusCode, 204);
  const missing = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/reports/${gone.json().id}`, headers: editor });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, 'report_not_found');
});

test('the weekly report mails the key figures of last week next to the week before, in each report’s language, through SMTP', async () => {
  await runJob();
  const toEditor = mailsTo(people.editor?.email as string);
  assert.equal(toEditor.length, 1);
  const raw = toEditor[0]?.raw as string;
  assert.equal(mailHeader(raw, 'Subject'), 'Zorggroep Test: advocacy figures for week 2026-W48');
  const expected = await analyticsOverview(t.ctx, { from: '2026-11-23', to: '2026-11-29', compare: 'previous' }, { admin: false });
  assert.equal(expected.shares, 3);
  assert.equal(expected.clicks?.human, 6);
  const text = mimePart(raw, 'text/plain');
  assert.match(text, /23 November 2026 to 29 November 2026/);
  assert.match(text, new RegExp(`Shares: ${expected.shares} \\(period before: ${expected.previous?.shares}\\)`));
  assert.match(text, new RegExp(`Clicks by people: ${expected.clicks?.human} \\(period before: ${expected.previous?.clicks?.human}\\)`));
  assert.match(text, /Unique visitors \(sum of daily uniques\)/);
  assert.match(text, /http:\/\/podium\.test\/analytics\?from=2026-11-23&to=2026-11-29/);
  const htmlPart = mimePart(raw, 'text/html');
  assert.match(htmlPart, /<th scope="row"[^>]*>Shares<\/th><td[^>]*>3<\/td><td[^>]*>1<\/td>/);
  assert.match(htmlPart, /max-width:560px/, 'the one mail layout');
  // The admin gets the same report (its language is the report's, not the recipient's).
  assert.equal(mailsTo(people.admin?.email as string).length, 1);
  const [row] = await t.ctx.database.db.select().from(reportSubscriptions).where(eq(reportSubscriptions.name, 'Monday key figures'));
  assert.equal(row?.lastPeriod, '2026-W48');
});

test('a report is sent once per period: another run in the same week sends nothing, the next week sends the next', async () => {
  const before = smtp.received.length;
  await runJob();
  await runJob();
  assert.equal(smtp.received.length, before);
  t.clock.advance(7 * DAY);
  await runJob();
  assert.equal(smtp.received.length, before + 2);
  assert.equal(mailHeader(mailsTo(people.editor?.email as string).at(-1)?.raw as string, 'Subject'), 'Zorggroep Test: advocacy figures for week 2026-W49');
});

test('when no recipient can be reached the period is given back and the retry sends it once; filters and Dutch', async () => {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/analytics/reports',
    headers: editor,
    payload: { name: 'Zorg maandelijks', frequency: 'monthly', recipientIds: [people.admin?.id], language: 'nl', filters: { department: care } },
  });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.json().nextPeriod, '2026-11');
  const before = mailsTo(people.admin?.email as string).length;
  smtp.failing = true;
  await assert.rejects(runJob());
  t.jobs.sent.length = 0;
  const [held] = await t.ctx.database.db.select().from(reportSubscriptions).where(eq(reportSubscriptions.id, created.json().id));
  assert.equal(held?.lastPeriod, null);
  smtp.failing = false;
  await runJob();
  await runJob();
  const mails = mailsTo(people.admin?.email as string).slice(before);
  assert.equal(mails.length, 1);
  const raw = mails[0]?.raw as string;
  assert.equal(mailHeader(raw, 'Subject'), 'Zorggroep Test: ambassadeurscijfers van november 2026');
  const text = mimePart(raw, 'text/plain');
  assert.match(text, /Gefilterd op: Afdeling: Care\./);
  assert.match(text, /Gedeeld: 3 /);
  assert.match(text, /department=/);
});

test('a recipient who left or lost the editor role no longer receives the report', async () => {
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/analytics/reports', headers: editor, payload: { name: 'Leaver', frequency: 'weekly', recipientIds: [people.leaver?.id, people.editor?.id] } });
  assert.equal(created.statusCode, 201, created.body);
  await t.app.inject({ method: 'PATCH', url: `/api/v1/people/${people.leaver?.id}`, headers: adminToken, payload: { roles: ['ambassador'] } });
  await runJob();
  assert.equal(mailsTo(people.leaver?.email as string).length, 0);
});

test('a report narrowed to fewer than 5 people shows “fewer than 5 people” unless every recipient is an admin', async () => {
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/analytics/reports', headers: editor, payload: { name: 'Care for editors', frequency: 'weekly', recipientIds: [people.editor?.id], filters: { department: care } } });
  assert.equal(created.statusCode, 201, created.body);
  const before = mailsTo(people.editor?.email as string).length;
  await runJob();
  const mails = mailsTo(people.editor?.email as string).slice(before);
  assert.equal(mails.length, 1);
  const text = mimePart(mails[0]?.raw as string, 'text/plain');
  // Last week (W49) nobody in Care shared; the week before, three people did: too few to show an editor.
  assert.match(text, /Shares: 0 \(period before: fewer than 5 people\)/);
  assert.match(text, /Clicks by people: 0 \(period before: fewer than 5 people\)/);
});

test('a recipient’s data export names their reports; erasure takes them off every report and keeps it for the others', async () => {
  const person = await buildPerson(t, { roles: ['editor'], name: 'Erin Erased' });
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/analytics/reports', headers: editor, payload: { name: 'Shared report', frequency: 'monthly', recipientIds: [person.id, people.editor?.id] } });
  assert.equal(created.statusCode, 201, created.body);
  const exported = await exportPerson(t.ctx, person.id);
  assert.deepEqual((exported['analytics.report_subscriptions'] as { name: string }[]).map((r) => r.name), ['Shared report']);
  const erased = await t.app.inject({ method: 'POST', url: `/api/v1/people/${person.id}/erase`, headers: adminToken });
  assert.equal(erased.statusCode, 200, erased.body);
  const [row] = await t.ctx.database.db.select().from(reportSubscriptions).where(eq(reportSubscriptions.id, created.json().id));
  assert.deepEqual(row?.recipientIds, [people.editor?.id]);
});
