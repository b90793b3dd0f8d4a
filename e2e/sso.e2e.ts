import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { identities, people } from '../src/db/schema/index.ts';
import { startTestIssuer, type TestIssuer } from '../test/support/oidc-issuer.ts';
import { assertAccessible, type E2eServer, launchBrowser, screenshotOnFailure, startServer } from './support.ts';

let issuer: TestIssuer;
let server: E2eServer;
let browser: Browser;

const oidcEnv = (issuerUrl: string, clientId: string, clientSecret: string) => ({
  PODIUM_OIDC_ISSUER: issuerUrl,
  PODIUM_OIDC_CLIENT_ID: clientId,
  PODIUM_OIDC_CLIENT_SECRET: clientSecret,
  PODIUM_OIDC_LABEL: 'Contoso',
  PODIUM_OIDC_ALLOWED_DOMAINS: 'example.com',
});

before(async () => {
  // The provider learns Podium's callback URL once Podium listens.
  issuer = await startTestIssuer({ redirectUri: () => `${server.url}/api/v1/auth/sso/callback` });
  [server, browser] = await Promise.all([startServer({ env: oidcEnv(issuer.issuer, issuer.clientId, issuer.clientSecret) }), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
  await issuer?.close();
});

test('sso: an employee signs in with the company account through the provider’s login page', async (t) => {
  issuer.accounts.set('anna', { sub: 'anna-e2e', email: 'anna@example.com', email_verified: true, name: 'Anna de Boer' });
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/sign-in?next=%2Fprofile`);
    const button = page.getByRole('link', { name: 'Sign in with Contoso' });
    await button.waitFor();
    await page.getByRole('button', { name: 'Send me a sign-in link' }).waitFor();
    await assertAccessible(page, 'sign-in page with the SSO button');

    await button.click();
    await page.getByRole('heading', { name: 'Test identity provider' }).waitFor();
    await page.getByLabel('Account').fill('anna');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${server.url}/profile`);

    const session = await page.request.get(`${server.url}/api/auth/session`);
    assert.equal(session.status(), 200);
    assert.equal((await session.json()).person.email, 'anna@example.com');
    const [person] = await server.ctx.database.db.select().from(people).where(eq(people.email, 'anna@example.com'));
    assert.ok(person, 'the person was created on first sign-in');
    const linked = await server.ctx.database.db.select().from(identities).where(eq(identities.personId, person.id));
    assert.equal(linked[0]?.subject, 'anna-e2e');
  } finally {
    await screenshotOnFailure(t, page);
    await context.close();
  }
});

test('sso: a refused sign-in comes back to the sign-in page with the reason, in Dutch', async (t) => {
  issuer.accounts.set('outsider', { sub: 'outsider-e2e', email: 'someone@elsewhere.example', email_verified: true, name: 'Outsider' });
  const context = await browser.newContext({ locale: 'nl-NL' });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/sign-in`);
    const button = page.getByRole('link', { name: 'Inloggen met Contoso' });
    await button.waitFor();
    await button.click();
    await page.getByLabel('Account').fill('outsider');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/sign-in\?sso_error=domain_not_allowed/);
    const alert = page.getByRole('alert').filter({ hasText: 'Inloggen met Contoso is niet gelukt' });
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /hoort niet bij je organisatie/);
    await assertAccessible(page, 'sign-in page with an SSO error');
    const session = await page.request.get(`${server.url}/api/auth/session`);
    assert.equal(session.status(), 401, 'nobody is signed in');
  } finally {
    await screenshotOnFailure(t, page);
    await context.close();
  }
});

test('sso: where SSO is required, the button comes first and the e-mail link is folded away for administrators', async (t) => {
  const required = await startServer({
    env: { ...oidcEnv(issuer.issuer, issuer.clientId, issuer.clientSecret), PODIUM_SSO_REQUIRED: 'true', PODIUM_SSO_BREAK_GLASS: 'root@example.com' },
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${required.url}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with Contoso' }).waitFor();
    await page.getByText('Your organisation signs in with Contoso.').waitFor();
    const linkButton = page.getByRole('button', { name: 'Send me a sign-in link' });
    assert.equal(await linkButton.isVisible(), false, 'the e-mail link is folded away');
    await assertAccessible(page, 'sign-in page where SSO is required');

    const toggle = page.getByRole('button', { name: 'Administrator without SSO, or former colleague?' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    await linkButton.waitFor();
    await page.getByLabel('E-mail address').fill('employee@example.com');
    await linkButton.click();
    await page.getByText('Your organisation signs in with single sign-on.').waitFor();
    await assertAccessible(page, 'sign-in page where SSO is required, other ways open');
  } finally {
    await screenshotOnFailure(t, page);
    await context.close();
    await required.close();
  }
});
