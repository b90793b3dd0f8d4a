import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { consents, groupMemberships, groups, people, type Role } from '../src/db/schema/index.ts';
import { assertAccessible, type E2eServer, launchBrowser, screenshotOnFailure, signedIn, startServer } from './support.ts';

let server: E2eServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function person(name: string, roles: Role[] = ['ambassador'], groupId?: string): Promise<string> {
  const now = new Date();
  const id = uuidv7();
  await server.ctx.database.db
    .insert(people)
    .values({ id, name, email: `${id.slice(-8)}@example.com`, roles, ambassadorStatus: 'active', language: 'en', createdAt: now, updatedAt: now });
  await server.ctx.database.db.insert(consents).values({ personId: id, policyVersion: '2026-1', givenAt: now });
  if (groupId) await server.ctx.database.db.insert(groupMemberships).values({ groupId, personId: id });
  return id;
}

/** The page is no wider than the viewport (a string expression: the server's type check has no DOM types). */
const noHorizontalScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

test('leaderboards: off until an admin switches them on; an ambassador opts in on the profile and appears with the team', async (t) => {
  const now = new Date();
  const nurses = uuidv7();
  await server.ctx.database.db.insert(groups).values({ id: nurses, kind: 'team', name: 'Night nurses', createdAt: now, updatedAt: now });
  const ambassadorId = await person('Nina Nurse', ['ambassador'], nurses);
  const adminId = await person('Adam Admin', ['admin', 'ambassador']);
  const phone = await signedIn(browser, server, ambassadorId, { viewport: { width: 375, height: 800 } });
  const desk = await signedIn(browser, server, adminId);
  const page = await phone.newPage();
  const adminPage = await desk.newPage();
  try {
    await page.goto(`${server.url}/leaderboard`);
    await page.getByRole('heading', { level: 1, name: 'Team leaderboard' }).waitFor();
    await page.getByText('Leaderboards are switched off for this organisation').waitFor();
    await assertAccessible(page, 'leaderboard switched off');

    await adminPage.goto(`${server.url}/leaderboard`);
    const setting = adminPage.getByRole('switch', { name: 'Leaderboards on for the organisation' });
    await setting.waitFor();
    assert.equal(await setting.isChecked(), false);
    await setting.click({ force: true });
    await adminPage.getByText('Leaderboards are switched on.').first().waitFor();
    await adminPage.getByText('Nobody has chosen to appear on the leaderboard yet.').waitFor();
    await assertAccessible(adminPage, 'leaderboard for an admin');

    await page.goto(`${server.url}/profile`);
    const optIn = page.getByRole('switch', { name: 'Show me on the team leaderboard' });
    await optIn.waitFor();
    await optIn.click({ force: true });
    await page.getByText('You now appear on the leaderboard.').first().waitFor();
    await assertAccessible(page, 'profile with the leaderboard switch');

    await page.goto(`${server.url}/leaderboard`);
    const row = page.getByRole('row', { name: /Night nurses/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Nina Nurse/);
    assert.match((await row.textContent()) ?? '', /1 of 1/);
    await page.getByText('You appear on the leaderboard.').waitFor();
    assert.ok(await noHorizontalScroll(page), 'no horizontal scroll at 375 px');
    await assertAccessible(page, 'leaderboard at 375 px');
  } finally {
    await screenshotOnFailure(t, page);
    await screenshotOnFailure(t, adminPage);
    await phone.close();
    await desk.close();
  }
});

test('an admin creates an API token with the analytics scope (the secret shown once) and schedules a report', async (t) => {
  const adminId = await person('Ada Tokens', ['admin', 'editor']);
  const context = await signedIn(browser, server, adminId);
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/admin/tokens`);
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    await page.getByLabel(/^Name/).fill('BI dashboard');
    assert.equal(await page.getByRole('checkbox', { name: /Analytics: may read the analytics API/ }).isChecked(), true);
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = ((await page.getByTestId('token-secret').textContent()) ?? '').trim();
    assert.ok(secret.length > 20);
    await page.getByRole('row', { name: /BI dashboard/ }).waitFor();
    assert.match((await page.getByRole('row', { name: /BI dashboard/ }).textContent()) ?? '', /analytics/);
    await assertAccessible(page, 'API tokens with a new secret');
    const overview = await fetch(`${server.url}/api/v1/analytics/reports`, { headers: { authorization: `Bearer ${secret}` } });
    assert.equal(overview.status, 403, 'a scope reads analytics, it does not manage reports');
    const board = await fetch(`${server.url}/api/v1/analytics/leaderboard`, { headers: { authorization: `Bearer ${secret}` } });
    assert.notEqual(board.status, 403);

    await page.goto(`${server.url}/analytics/reports`);
    await page.getByRole('heading', { level: 1, name: 'Scheduled reports' }).waitFor();
    await page.getByText('No scheduled reports yet.').waitFor();
    await page.getByLabel(/^Name/).fill('Monday figures');
    const recipients = page.getByRole('combobox', { name: 'Recipients' });
    await recipients.focus();
    await page.keyboard.type('Ada Tok');
    await page.getByRole('option', { name: /Ada Tokens/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Schedule report' }).click();
    const row = page.getByRole('row', { name: /Monday figures/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Weekly[\s\S]*Ada Tokens[\s\S]*Not yet/);
    await assertAccessible(page, 'scheduled reports');
  } finally {
    await screenshotOnFailure(t, page);
    await context.close();
  }
});
