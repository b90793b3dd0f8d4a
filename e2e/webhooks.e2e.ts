import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { consents, people, type Language } from '../src/db/schema/index.ts';
import { verifySignature } from '../src/webhooks/signing.ts';
import { WebhookReceiver } from '../test/support/webhook-receiver.ts';
import { assertAccessible, type E2eServer, eventually, launchBrowser, screenshotOnFailure, signedIn, startServer } from './support.ts';

let server: E2eServer;
let browser: Browser;
const receiver = new WebhookReceiver();

before(async () => {
  await receiver.start();
  // The receiver runs on loopback: allowed as an admin would allow an intranet host.
  [server, browser] = await Promise.all([startServer({ env: { PODIUM_FETCH_ALLOW_HOSTS: '127.0.0.1' } }), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
  await receiver.stop();
});

async function admin(name: string, language: Language): Promise<string> {
  const now = new Date();
  const id = uuidv7();
  await server.ctx.database.db.insert(people).values({ id, name, email: `${id.slice(-8)}@example.com`, roles: ['admin', 'ambassador'], ambassadorStatus: 'active', language, createdAt: now, updatedAt: now });
  await server.ctx.database.db.insert(consents).values({ personId: id, policyVersion: '2026-1', givenAt: now });
  return id;
}

test('webhooks: an admin adds an endpoint, keeps the secret shown once, sends a signed test and replays it from the log', async (t) => {
  const context = await signedIn(browser, server, await admin('Wies Webhook', 'en'));
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/admin/webhooks`);
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByText('No webhooks yet.').waitFor();
    await assertAccessible(page, 'webhooks, empty');

    // An http address on a public host is refused with a message to act on.
    await page.getByLabel('Address (URL)').fill('http://hooks.example.com/podium');
    await page.getByRole('checkbox', { name: /A story was published/ }).check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByText(/only https addresses are accepted/).waitFor();

    await page.getByLabel('Address (URL)').fill(`${receiver.url}/crm`);
    await page.getByLabel('Description (optional)').fill('CRM sync');
    await page.getByRole('checkbox', { name: /A colleague left/ }).check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = ((await page.getByTestId('webhook-secret').textContent()) ?? '').trim();
    assert.match(secret, /^whsec_/);
    await page.getByRole('button', { name: 'Copy secret' }).waitFor();
    await assertAccessible(page, 'webhooks, secret shown once');
    await page.getByRole('button', { name: 'I have stored it' }).click();
    assert.equal(await page.getByTestId('webhook-secret').count(), 0);

    await page.getByRole('button', { name: `Send test to ${receiver.url}/crm` }).click();
    await page.getByText('The test event was delivered (HTTP 200).').waitFor();
    const [ping] = receiver.at('/crm');
    assert.ok(ping);
    assert.equal(verifySignature(secret, String(ping.headers['podium-signature']), ping.rawBody, new Date()), null, 'signed with the secret shown');

    await page.getByRole('button', { name: `Show deliveries of ${receiver.url}/crm` }).click();
    await page.getByRole('cell', { name: 'ping' }).waitFor();
    await page.getByText('Delivered').first().waitFor();
    await assertAccessible(page, 'webhooks, delivery log');
    await page.getByRole('button', { name: /^Send again: delivery of / }).first().click();
    await page.getByText('The delivery is queued again.').first().waitFor();
    await eventually(async () => receiver.at('/crm').length === 2);
    assert.equal(receiver.at('/crm')[1]?.rawBody.toString(), ping.rawBody.toString(), 'the same body again');
  } finally {
    await screenshotOnFailure(t, page);
    await context.close();
  }
});

test('webhooks in Dutch: the page and its states read in Dutch and stay accessible', async (t) => {
  const context = await signedIn(browser, server, await admin('Wim Beheer', 'nl'));
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/admin/webhooks`);
    await page.getByRole('heading', { level: 2, name: 'Nieuwe webhook' }).waitFor();
    await page.getByText('Een collega is vertrokken (wordt alumnus)').first().waitFor();
    await assertAccessible(page, 'webhooks in Dutch');
  } finally {
    await screenshotOnFailure(t, page);
    await context.close();
  }
});
