import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { issueSetupLink } from '../src/setup/service.ts';
import { assertAccessible, type E2eServer, eventually, launchBrowser, screenshotOnFailure, startServer } from './support.ts';

let server: E2eServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

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

const csv = [
  'Naam;E-mailadres;Afdeling;Locatie;Taal',
  'Sanne de Vries;sanne.devries@example.com;Communicatie;Utrecht;nl',
  'Bram Jansen;bram.jansen@example;Engineering;Rotterdam;nl',
  'Olivia Smith;olivia.smith@example.com;Recruitment;Utrecht;en',
].join('\r\n');

test('first run: set-up link → admin signs in by magic link → imports people → Dutch UI → invitee signs in and opts out', async (t) => {
  const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await admin.newPage();
  t.after(() => screenshotOnFailure(t, page));

  // 1. The one-time set-up link, as `podium serve` prints it on an empty database.
  const setupLink = await issueSetupLink(server.ctx);
  await page.goto(setupLink);
  await page.getByRole('heading', { name: 'Set up Podium' }).waitFor();
  await assertAccessible(page, 'set-up');
  await page.getByLabel('Your name').fill('Ada Admin');
  await page.getByLabel('E-mail address').fill('ada@example.com');
  await page.getByRole('button', { name: 'Create administrator account' }).click();
  await page.getByRole('heading', { name: 'People' }).waitFor();

  // 2. Sign out, then back in with a magic link read from the outbox.
  await page.goto(`${server.url}/profile`);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await assertAccessible(page, 'sign-in');
  await page.getByLabel('E-mail address').fill('ada@example.com');
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.getByText('Check your inbox').waitFor();
  const signInMail = await eventually(() => lastMail('ada@example.com', 'sign_in'));
  const magicLink = linkIn(signInMail);
  await page.goto(magicLink);
  await page.getByRole('heading', { name: 'Finish signing in' }).waitFor();
  await assertAccessible(page, 'magic-link page');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'People' }).waitFor();
  await assertAccessible(page, 'people');

  // 3. Import a semicolon CSV with one bad row: the row error is shown, the valid rows are imported.
  await page.goto(`${server.url}/people/import`);
  await page.getByRole('heading', { name: 'Import people' }).waitFor();
  await page.getByLabel('CSV file').setInputFiles({ name: 'medewerkers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  const errors = page.getByRole('table', { name: /rows? with (an )?errors?/ });
  await errors.waitFor();
  await assert.doesNotReject(errors.getByText('Line 3').waitFor());
  assert.match((await errors.textContent()) ?? '', /bram\.jansen@example/);
  await assertAccessible(page, 'import check');
  await page.getByRole('button', { name: 'Import 2 people' }).click();
  await page.getByText('Import complete').waitFor({ timeout: 20_000 });
  assert.match((await page.getByText(/Created: 2/).textContent()) ?? '', /Created: 2/);
  const imported = await server.ctx.database.query<{ email: string }>("select email from people where email like '%@example.com' order by email");
  assert.deepEqual(
    imported.map((r) => r.email),
    ['ada@example.com', 'olivia.smith@example.com', 'sanne.devries@example.com'],
  );

  // 4. Switch the UI to Dutch.
  await page.getByLabel('Change language').first().selectOption({ label: 'Nederlands' });
  await page.getByRole('link', { name: 'Mijn profiel' }).first().waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  await assertAccessible(page, 'Dutch UI');

  // Every other admin page, in Dutch, is accessible too.
  const [sanneRow] = await server.ctx.database.query<{ id: string }>("select id from people where email = 'sanne.devries@example.com'");
  for (const [path, heading] of [
    ['/people', 'Mensen'],
    [`/people/${sanneRow?.id}`, 'Sanne de Vries'],
    ['/groups', 'Groepen'],
    ['/admin/outbox', 'Verzonden e-mail'],
    ['/admin/audit', 'Auditlog'],
  ] as const) {
    await page.goto(`${server.url}${path}`);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await assertAccessible(page, path);
  }
  await admin.close();

  // 5. The invited person opens the invitation and opts out, on a phone.
  const invitation = await eventually(() => lastMail('sanne.devries@example.com', 'invite'));
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'nl-NL' });
  const sanne = await phone.newPage();
  await sanne.goto(linkIn(invitation));
  await sanne.getByRole('button', { name: 'Inloggen', exact: true }).click();
  // Ambassadors land on the stories to share; joining and leaving live on the profile.
  await sanne.waitForURL(/\/feed$/);
  await sanne.goto(`${server.url}/profile`);
  await sanne.getByRole('heading', { name: 'Mijn profiel' }).waitFor();
  await assertAccessible(sanne, 'profile on a phone');
  await sanne.getByRole('button', { name: 'Meedoen aan het ambassadeursprogramma' }).click();
  await sanne.getByRole('dialog').getByRole('button', { name: 'Ik stem in en doe mee' }).click();
  await sanne.getByRole('button', { name: 'Afmelden', exact: true }).waitFor();
  await sanne.getByRole('button', { name: 'Afmelden', exact: true }).click();
  await sanne.getByRole('dialog').getByRole('button', { name: 'Afmelden', exact: true }).click();
  await eventually(async () => {
    const [row] = await server.ctx.database.query<{ ambassador_status: string }>("select ambassador_status from people where email = 'sanne.devries@example.com'");
    return row?.ambassador_status === 'opted_out';
  });
  await phone.close();
});
