import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { consents, notifications, nudges, nudgeTemplates, people } from '../src/db/schema/index.ts';
import { installDefaultTemplates } from '../src/nudges/defaults.ts';
import { defaultGuardrails } from '../src/nudges/guardrails.ts';
import { putSetting } from '../src/settings/service.ts';
import { TestClock } from '../test/support/app.ts';
import { htmlLinks, mailHeader, mimePart, SmtpPeer, textLinks } from '../test/support/smtp-peer.ts';
import { assertAccessible, type E2eServer, eventually, launchBrowser, screenshotOnFailure, signedIn, startServer } from './support.ts';

const smtp = new SmtpPeer();
// Friday 10:00 in Amsterdam: outside quiet hours and not a weekend, so the nudge goes at once.
const clock = new TestClock(Date.parse('2026-11-27T09:00:00Z'));
let server: E2eServer;
let browser: Browser;

before(async () => {
  const smtpUrl = await smtp.start();
  [server, browser] = await Promise.all([startServer({ clock, env: { SMTP_URL: smtpUrl, PODIUM_MAIL_FROM: 'Podium <podium@example.com>' } }), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
  await smtp.stop();
});

/** Only these templates are on, without a holdout group, so the journey is deterministic. */
async function onlyTemplates(keys: string[]) {
  const db = server.ctx.database.db;
  await installDefaultTemplates(db, clock.now());
  await db.update(nudgeTemplates).set({ enabled: false });
  await db.update(nudgeTemplates).set({ enabled: true, holdoutPercent: 0 }).where(inArray(nudgeTemplates.key, keys));
}

test('an ambassador gets a nudge over SMTP that reads well on a phone, and unsubscribes in one click without signing in', async (t) => {
  const db = server.ctx.database.db;
  const now = clock.now();
  const id = uuidv7();
  const email = 'nora.nudged@example.com';
  await db.insert(people).values({ id, name: 'Nora Nudged', email, roles: ['ambassador'], ambassadorStatus: 'active', statusChangedAt: now, language: 'en', createdAt: now, updatedAt: now });
  await db.insert(consents).values({ personId: id, policyVersion: '2026-1', givenAt: now });
  await onlyTemplates(['onboarding.welcome']);

  // The planner runs as the real pg-boss job; delivery follows as its own job, over SMTP.
  await server.ctx.jobs.send('nudges.plan', {});
  const mail = await eventually(async () => smtp.to(email)[0], 30_000);
  const html = mimePart(mail.raw, 'text/html');
  const text = mimePart(mail.raw, 'text/plain');
  const listUnsubscribe = (mailHeader(mail.raw, 'List-Unsubscribe') ?? '').replace(/^<|>$/g, '');
  assert.match(listUnsubscribe, new RegExp(`^${server.url}/unsubscribe/`));
  assert.equal(mailHeader(mail.raw, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
  const sameLinks = [...new Set(textLinks(text))].sort();
  assert.deepEqual([...new Set(htmlLinks(html))].sort(), sameLinks, 'the same links in the HTML and the text part');
  assert.ok(sameLinks.includes(listUnsubscribe), 'the unsubscribe link is in the body too');

  // The HTML part in Chromium, on a phone and in a narrow mail pane.
  for (const width of [375, 600]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    t.after(() => screenshotOnFailure(t, page));
    await page.setContent(html, { waitUntil: 'load' });
    // Evaluated in the page (the server's type check has no DOM library).
    const { scrollWidth, clientWidth } = await page.evaluate<{ scrollWidth: number; clientWidth: number }>('({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })');
    assert.ok(scrollWidth <= clientWidth, `no horizontal scroll at ${width} px (${scrollWidth} > ${clientWidth})`);
    const button = page.getByRole('link', { name: 'Open your feed' });
    assert.ok(await button.isVisible(), `the primary button is visible at ${width} px`);
    const box = await button.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= width && box.height >= 44, `the button fits and is easy to tap at ${width} px: ${JSON.stringify(box)}`);
    const background = await button.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    assert.equal(background, 'rgb(28, 95, 184)', 'the button is filled, not a plain link');
    assert.equal(await page.locator('img:not([alt])').count(), 0, 'every image has an alt text');
    const links = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
    assert.deepEqual([...new Set(links)].sort(), sameLinks);
    await assertAccessible(page, `the nudge e-mail at ${width} px`);
    await context.close();
  }

  // A mail scanner's GET shows the page and changes nothing.
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  t.after(() => screenshotOnFailure(t, page));
  await page.goto(listUnsubscribe);
  await page.getByRole('heading', { level: 1, name: 'Unsubscribe from nudge e-mails?' }).waitFor();
  assert.ok(await page.getByRole('button', { name: 'Unsubscribe from nudge e-mails' }).isVisible());
  await assertAccessible(page, 'the unsubscribe page');
  const [stillSubscribed] = await db.select({ at: people.nudgeMailUnsubscribedAt }).from(people).where(eq(people.id, id));
  assert.equal(stillSubscribed?.at, null, 'the GET changed nothing');

  // The one-click POST a mail client sends (RFC 8058): no session, no CSRF token.
  const response = await fetch(listUnsubscribe, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  assert.equal(response.status, 200);
  const [unsubscribed] = await db.select({ at: people.nudgeMailUnsubscribedAt }).from(people).where(eq(people.id, id));
  assert.ok(unsubscribed?.at, 'unsubscribed from nudge e-mails');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'You are unsubscribed' }).waitFor();
  await assertAccessible(page, 'the unsubscribe page after unsubscribing');
  await context.close();

  // The next nudge (the profile step, due now for this test) reaches her in the app, not by e-mail.
  await db
    .update(nudgeTemplates)
    .set({ enabled: true, holdoutPercent: 0, params: { step: 'profile', afterDays: 0, onlyWithoutShares: false } })
    .where(eq(nudgeTemplates.key, 'onboarding.profile'));
  // The weekly cap is 1: raise it for this journey so the second nudge is decided now.
  await putSetting(db, 'nudges.guardrails', { ...defaultGuardrails, perWeek: 5 }, clock.now());
  await server.ctx.jobs.send('nudges.plan', {});
  const second = await eventually(async () => {
    const [row] = await db.select().from(nudges).where(eq(nudges.sendKey, `onboarding.profile:${id}:profile`));
    return row?.status === 'sent' ? row : undefined;
  }, 30_000);
  assert.equal(second.channel, 'in_app');
  assert.equal((await db.select().from(notifications).where(eq(notifications.nudgeId, second.id))).length, 1);
  assert.equal(smtp.to(email).length, 1, 'no further nudge e-mail was sent');
});

test('admins and editors manage templates, guardrails, the uplift report and failed deliveries; everyone their own e-mail settings', async (t) => {
  const db = server.ctx.database.db;
  const now = clock.now();
  const adminId = uuidv7();
  await db.insert(people).values({ id: adminId, name: 'Ada Admin', email: 'ada.admin@example.com', roles: ['admin', 'ambassador'], ambassadorStatus: 'active', language: 'en', createdAt: now, updatedAt: now });
  await installDefaultTemplates(db, now);
  const [template] = await db.select().from(nudgeTemplates).where(eq(nudgeTemplates.key, 'inactive.cautious_mover'));
  assert.ok(template);
  // A month of decisions to report on, and one failed delivery.
  const sentAt = new Date(now.getTime() - 10 * 86_400_000);
  const rows: (typeof nudges.$inferInsert)[] = [];
  for (let i = 0; i < 12; i++) {
    const personId = uuidv7();
    await db.insert(people).values({ id: personId, name: `Colleague ${i}`, email: `colleague${i}@example.com`, roles: ['ambassador'], ambassadorStatus: 'active', createdAt: now, updatedAt: now });
    const status = i < 9 ? 'sent' : i === 11 ? 'failed' : 'holdout';
    rows.push({ templateId: template.id, personId, persona: 'cautious_mover', sendKey: `e2e:${personId}`, channel: 'email', status, holdout: status === 'holdout', scheduledFor: sentAt, createdAt: sentAt, sentAt: status === 'sent' ? sentAt : null, reason: status === 'failed' ? '451 try again later (after 6 attempts)' : null, attempts: status === 'failed' ? 6 : 1 });
  }
  await db.insert(nudges).values(rows);

  const context = await signedIn(browser, server, adminId, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  t.after(() => screenshotOnFailure(t, page));

  await page.goto(`${server.url}/admin/nudges`);
  await page.getByRole('heading', { level: 1, name: 'Nudge templates' }).waitFor();
  await page.getByRole('link', { name: 'One story picked for you' }).waitFor();
  await assertAccessible(page, 'nudge templates');
  const [before] = await db.select().from(nudgeTemplates).where(eq(nudgeTemplates.key, 'inactive.anchored'));
  const toggled = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/nudges/templates/'));
  await page.getByRole('switch', { name: 'Send “One story picked for you”' }).click({ force: true });
  assert.equal((await toggled).status(), 200);
  const [anchored] = await db.select().from(nudgeTemplates).where(eq(nudgeTemplates.key, 'inactive.anchored'));
  assert.equal(anchored?.enabled, !before?.enabled, 'the switch turned the template on or off');

  await page.getByRole('link', { name: 'See how colleagues share' }).click();
  await page.getByRole('heading', { level: 1, name: /^Template: / }).waitFor();
  await page.getByRole('textbox', { name: 'Subject / title' }).last().fill('Hello {naam}');
  await page.getByRole('button', { name: 'Save template' }).click();
  await page.getByRole('alert').filter({ hasText: '{naam} in texts.en.subject is not a variable Podium knows' }).waitFor();
  await assertAccessible(page, 'nudge template editor');

  await page.goto(`${server.url}/admin/nudges/report`);
  await page.getByRole('heading', { level: 1, name: 'Effect of nudges' }).waitFor();
  await page.locator('.recharts-surface').first().waitFor();
  await page.getByRole('row', { name: /inactive\.cautious_mover Cautious mover 12 9 2/ }).waitFor();
  await page.getByText('Too few to say').first().waitFor();
  await assertAccessible(page, 'nudge report');

  await page.goto(`${server.url}/admin/nudges/guardrails`);
  await page.getByRole('heading', { level: 1, name: 'Nudge guardrails' }).waitFor();
  await page.getByRole('textbox', { name: 'At most nudges per person per week' }).fill('2');
  const savedGuardrails = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/v1/nudges/guardrails'));
  await page.getByRole('button', { name: 'Save guardrails' }).click();
  assert.equal((await savedGuardrails).status(), 200);
  await assertAccessible(page, 'nudge guardrails');

  await page.goto(`${server.url}/admin/nudges/failed`);
  await page.getByRole('heading', { level: 1, name: 'Failed nudge deliveries' }).waitFor();
  await page.getByRole('cell', { name: '451 try again later (after 6 attempts)' }).waitFor();
  await assertAccessible(page, 'failed nudge deliveries');

  // On a phone: my own e-mail settings.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${server.url}/me/mail`);
  await page.getByRole('heading', { level: 1, name: 'E-mail settings' }).waitFor();
  const savedMail = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/v1/me/mail-subscriptions'));
  await page.getByRole('switch', { name: 'Weekly digest' }).click({ force: true });
  assert.equal((await savedMail).status(), 200);
  const [admin] = await db.select({ digest: people.digestUnsubscribedAt }).from(people).where(eq(people.id, adminId));
  assert.ok(admin?.digest, 'unsubscribed from the digest in the profile');
  await assertAccessible(page, 'my e-mail settings');
  await context.close();
});
