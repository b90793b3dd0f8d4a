import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { people, type Role, stories } from '../src/db/schema/index.ts';
import { assertAccessible, type E2eServer, eventually, launchBrowser, screenshotOnFailure, signedIn, startServer } from './support.ts';

/**
 * The revolving-door ambassador: an admin marks a colleague as leaver on the person page; the
 * leaver, on a phone, asks for a sign-in link with the personal e-mail they left behind, joins the
 * alumni programme from the page that link leads to, signs in by the link mailed to that address,
 * and sees only what alumni may use.
 */

let server: E2eServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function person(name: string, email: string, roles: Role[]): Promise<string> {
  const now = new Date();
  const id = uuidv7();
  await server.ctx.database.db.insert(people).values({ id, name, email, roles, ambassadorStatus: 'active', language: 'en', createdAt: now, updatedAt: now });
  return id;
}

async function lastMail(to: string, kind: string): Promise<string | undefined> {
  const rows = await server.ctx.database.query<{ text_body: string }>(
    'select text_body from mail_outbox where lower(to_address) = lower($1) and kind = $2 order by created_at desc, id desc limit 1',
    [to, kind],
  );
  return rows[0]?.text_body;
}

const linkIn = (text: string) => {
  const match = text.match(/https?:\/\/\S+/);
  assert.ok(match, `a link in\n${text}`);
  return match[0];
};

async function noHorizontalScroll(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  assert.ok(overflow <= 0, `${where} scrolls sideways by ${overflow}px`);
}

const phone = { viewport: { width: 375, height: 812 } };

test('admin marks a leaver; the alumnus joins the programme and signs in with the personal e-mail on a phone', async (t) => {
  const adminId = await person('Ada Admin', 'ada@example.com', ['admin', 'ambassador']);
  const lenaId = await person('Lena Leaver', 'lena@example.com', ['ambassador']);
  const now = new Date();
  await server.ctx.database.db.insert(stories).values({
    translationGroupId: uuidv7(),
    language: 'en',
    format: 'interview',
    status: 'published',
    title: 'A public story for everyone',
    slug: `public-story-${uuidv7().slice(-6)}`,
    summary: 'Shared by colleagues and alumni alike.',
    publishedAt: new Date(now.getTime() - 3_600_000),
    createdAt: now,
    updatedAt: now,
  });

  // 1. The admin marks Lena as leaver, on a phone.
  const adminContext = await signedIn(browser, server, adminId, phone);
  const admin = await adminContext.newPage();
  t.after(() => screenshotOnFailure(t, admin));
  await admin.goto(`${server.url}/people/${lenaId}`);
  await admin.getByRole('heading', { name: 'Lena Leaver', level: 1 }).waitFor();
  await admin.getByRole('button', { name: 'Mark as leaver' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Mark Lena Leaver as leaver' });
  await dialog.getByLabel('Personal e-mail address (optional)').fill('lena.private@example.org');
  await assertAccessible(admin, 'mark as leaver dialog');
  await dialog.getByRole('button', { name: 'Mark as leaver' }).click();
  await admin.getByText('Not in the alumni programme.').waitFor();
  await admin.getByText('Personal e-mail address: lena.private@example.org').waitFor();
  await assertAccessible(admin, 'person page of an alumnus');
  await noHorizontalScroll(admin, 'person page');

  // 2. Lena asks for a sign-in link with her personal e-mail; the sign-in page tells alumni to.
  const lenaContext = await browser.newContext(phone);
  const lena = await lenaContext.newPage();
  t.after(() => screenshotOnFailure(t, lena));
  await lena.goto(`${server.url}/sign-in`);
  await lena.getByText('Left the organisation? Enter the personal e-mail address you left behind').waitFor();
  await assertAccessible(lena, 'sign-in page');
  await lena.getByRole('textbox', { name: 'E-mail address' }).fill('lena.private@example.org');
  await lena.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await lena.getByText('Check your inbox').waitFor();

  // Not yet in the programme: the mail leads to the programme page.
  const invitation = await eventually(() => lastMail('lena.private@example.org', 'alumni_invitation'));
  await lena.goto(linkIn(invitation));
  await lena.getByRole('heading', { name: 'Hello Lena Leaver' }).waitFor();
  await assertAccessible(lena, 'alumni join page');
  await noHorizontalScroll(lena, 'alumni join page');
  await lena.getByRole('button', { name: 'Join the alumni programme' }).click();
  await lena.getByText(/Welcome! We sent a sign-in link to l•••@example\.org/).waitFor();

  // 3. The sign-in link goes to the personal e-mail; it signs her in as an alumnus.
  const signInMail = await eventually(() => lastMail('lena.private@example.org', 'alumni_sign_in'));
  await lena.goto(linkIn(signInMail));
  await lena.getByRole('button', { name: 'Sign in' }).click();
  await lena.getByRole('heading', { name: 'Stories to share', level: 1 }).waitFor();
  await lena.getByText('A public story for everyone').first().waitFor();
  await lena.getByRole('button', { name: 'Open navigation' }).click();
  const nav = lena.getByRole('navigation', { name: 'Main navigation' });
  const entries = await nav.getByRole('link').allInnerTexts();
  assert.deepEqual(entries.map((entry) => entry.trim()), ['Stories to share', 'My shares', 'Alumni programme'], 'alumni see only what they can use');
  await nav.getByRole('link', { name: 'Alumni programme' }).click();
  await lena.getByRole('heading', { name: 'Alumni programme', level: 1 }).waitFor();
  await lena.getByRole('textbox', { name: 'Personal e-mail address' }).waitFor();
  await assertAccessible(lena, 'alumni programme page');
  await noHorizontalScroll(lena, 'alumni programme page');

  // 4. Her old roles are gone: the people list is not hers to see.
  const forbidden = await lena.request.get(`${server.url}/api/v1/people`);
  assert.equal(forbidden.status(), 403);
});
