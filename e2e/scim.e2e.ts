import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { consents, type Language, people } from '../src/db/schema/index.ts';
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

async function admin(name: string, language: Language): Promise<string> {
  const now = new Date();
  const id = uuidv7();
  await server.ctx.database.db.insert(people).values({ id, name, email: `${id.slice(-8)}@example.com`, roles: ['admin', 'ambassador'], ambassadorStatus: 'active', language, createdAt: now, updatedAt: now });
  await server.ctx.database.db.insert(consents).values({ personId: id, policyVersion: '2026-1', givenAt: now });
  return id;
}

/** What an identity provider does with the base URL and token an admin copied from the page. */
function provision(baseUrl: string, token: string) {
  return fetch(`${baseUrl}/Users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      externalId: uuidv7(),
      userName: `e2e.${uuidv7().slice(-8)}@contoso.example`,
      displayName: 'Provisioned Colleague',
      active: true,
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Sales' },
    }),
  });
}

test('scim: an admin copies the base URL, makes a token shown once, the provider provisions with it, revoking stops it', async (t) => {
  const context = await signedIn(browser, server, await admin('Sam Scim', 'en'));
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/admin/scim`);
    await page.getByRole('heading', { level: 1, name: 'Provisioning with SCIM' }).waitFor();
    await page.getByText('No SCIM tokens yet.').waitFor();
    const baseUrl = ((await page.getByTestId('scim-base-url').textContent()) ?? '').trim();
    assert.equal(baseUrl, `${server.url}/scim/v2`);
    await assertAccessible(page, 'scim, no tokens');

    await page.getByLabel('Name', { exact: false }).first().fill('Microsoft Entra ID');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = ((await page.getByTestId('scim-token-secret').textContent()) ?? '').trim();
    assert.match(token, /^pod_/);
    await page.getByRole('button', { name: 'Copy the token' }).waitFor();
    await page.getByRole('rowheader', { name: 'Microsoft Entra ID' }).waitFor();
    await assertAccessible(page, 'scim, token shown once');

    const created = await provision(baseUrl, token);
    assert.equal(created.status, 201);
    assert.match(created.headers.get('content-type') ?? '', /^application\/scim\+json/);

    await page.getByRole('button', { name: 'Revoke token “Microsoft Entra ID”' }).click();
    await page.getByRole('cell', { name: 'Revoked' }).waitFor();
    const refused = await provision(baseUrl, token);
    assert.equal(refused.status, 401);
    assert.deepEqual(((await refused.json()) as { schemas: string[] }).schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
  } finally {
    await screenshotOnFailure(t, page);
    await context.close();
  }
});

test('scim in Dutch: the page reads in Dutch and stays accessible', async (t) => {
  const context = await signedIn(browser, server, await admin('Sanne Beheer', 'nl'));
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/admin/scim`);
    await page.getByRole('heading', { level: 1, name: 'Provisioning met SCIM' }).waitFor();
    await page.getByRole('heading', { name: 'Je identiteitsprovider koppelen' }).waitFor();
    await page.getByRole('button', { name: 'Token maken' }).waitFor();
    await assertAccessible(page, 'scim, Dutch');
  } finally {
    await screenshotOnFailure(t, page);
    await context.close();
  }
});
