import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { consents, people } from '../src/db/schema/index.ts';
import { insertStory } from '../src/sharing/story-fixtures.ts';
import type { TestApp } from '../test/support/app.ts';
import { type LinkedinStandIn, startLinkedinApi } from '../test/support/linkedin-api.ts';
import { assertAccessible, type E2eServer, eventually, launchBrowser, screenshotOnFailure, signedIn, startServer } from './support.ts';

let server: E2eServer;
let browser: Browser;
let linkedin: LinkedinStandIn;
// Registered on the fake once the server's port is known (LinkedIn matches redirect URLs exactly).
const redirectUris: string[] = [];

before(async () => {
  // The stand-in's clock is fixed, so the LinkedIn-Version in use is active whatever day the test runs.
  const standInNow = Date.parse('2026-11-27T09:00:00Z');
  linkedin = await startLinkedinApi({ redirectUris, now: () => standInNow });
  [server, browser] = await Promise.all([startServer({ env: { ...linkedin.env(), PODIUM_LINKEDIN_VERSION: '202607' } }), launchBrowser()]);
  redirectUris.push(`${server.url}/api/v1/me/linkedin/callback`);
});
after(async () => {
  await browser?.close();
  await server?.close();
  await linkedin?.close();
});

test('an ambassador connects LinkedIn, posts from the composer, plans a post and cancels it on “My planned posts”', async (t) => {
  const now = new Date();
  const personId = uuidv7();
  await server.ctx.database.db.insert(people).values({ id: personId, name: 'Lina Poster', email: 'lina@example.com', roles: ['ambassador'], ambassadorStatus: 'active', language: 'en', createdAt: now, updatedAt: now });
  await server.ctx.database.db.insert(consents).values({ personId, policyVersion: '2026-1', givenAt: now });
  // The fixture only needs the database and a clock.
  const fixtureApp = { ctx: server.ctx, clock: { now: () => new Date() } } as unknown as TestApp;
  await insertStory(fixtureApp, {
    title: 'Een dag op de spoedeisende hulp',
    variants: [{ audience: 'candidates', headline: 'Een dag op de SEH met Noor', suggestions: [{ network: 'linkedin', text: 'Noor neemt je mee door een dienst op de spoedeisende hulp.' }] }],
  });
  linkedin.setMember({ sub: 'lina-e2e', name: 'Lina Poster' });

  const phone = await signedIn(browser, server, personId, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  t.after(() => screenshotOnFailure(t, page));

  // 1. Connect on the profile page: LinkedIn's consent page sends the browser straight back.
  await page.goto(`${server.url}/profile`);
  const section = page.getByRole('region', { name: 'LinkedIn' });
  await section.getByText('Not connected.').waitFor();
  await assertAccessible(page, 'profile with LinkedIn section');
  await section.getByRole('link', { name: 'Connect LinkedIn' }).click();
  await page.waitForURL(`${server.url}/profile`);
  await section.getByText('LinkedIn is connected.').waitFor();
  await section.getByText(/Connected as Lina Poster, until/).waitFor();
  await assertAccessible(page, 'profile after connecting');

  // 2. Post now from the composer, in their own words.
  await page.goto(`${server.url}/feed`);
  const card = page.getByRole('article', { name: 'Een dag op de SEH met Noor' });
  await card.getByRole('button', { name: 'Share', exact: true }).click();
  const composer = page.getByRole('dialog', { name: 'Share this story' });
  await composer.getByRole('button', { name: 'Next' }).click();
  const text = composer.getByLabel('Your text');
  await text.fill('Noor (SEH) laat zien waarom ik hier zo graag werk — kom kijken! #zorg');
  await composer.getByRole('button', { name: 'Post on LinkedIn now' }).waitFor();
  await assertAccessible(page, 'composer with LinkedIn posting');
  await composer.getByRole('button', { name: 'Post on LinkedIn now' }).click();
  await composer.getByText('Posted on LinkedIn.').waitFor();
  await composer.getByRole('link', { name: 'View on LinkedIn' }).waitFor();
  const sent = await eventually(async () => linkedin.posts[0]);
  assert.equal(sent.body.author, 'urn:li:person:lina-e2e');
  // Their words as typed (escaped for LinkedIn), with the organisation's disclosure the sharing service adds.
  assert.ok(sent.body.commentary.startsWith('Noor \\(SEH\\) laat zien waarom ik hier zo graag werk — kom kijken! \\#zorg\n\n'), sent.body.commentary);
  assert.match(sent.body.commentary, /\\#medewerker|\\#employee/);
  assert.match(sent.body.content?.article?.source ?? '', new RegExp(`^${server.url}/l/`));
  await composer.getByRole('button', { name: /close/i }).first().click();

  // 3. Plan one for tomorrow.
  await card.getByRole('button', { name: 'Share', exact: true }).click();
  await composer.getByRole('button', { name: 'Next' }).click();
  await text.fill('Morgen deel ik dit verhaal van Noor nog een keer, voor wie het miste.');
  await composer.getByRole('button', { name: 'Schedule…' }).click();
  const tomorrow = new Date(Date.now() + 24 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  await composer.getByLabel('Post at').fill(`${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}T${pad(tomorrow.getHours())}:${pad(tomorrow.getMinutes())}`);
  await composer.getByRole('button', { name: 'Schedule post' }).click();
  await composer.getByText(/^Planned for /).waitFor();
  await composer.getByRole('link', { name: 'See my planned posts' }).click();

  // 4. My planned posts: the planned one (cancel it) and the sent one.
  await page.getByRole('heading', { name: 'My planned posts', level: 1 }).waitFor();
  const planned = page.getByRole('region', { name: 'Planned' });
  await planned.getByText('Morgen deel ik dit verhaal van Noor').waitFor();
  const sentSection = page.getByRole('region', { name: 'Sent' });
  await sentSection.getByText(/Noor \(SEH\) laat zien/).waitFor();
  await sentSection.getByRole('link', { name: 'View on LinkedIn' }).waitFor();
  await assertAccessible(page, 'my planned posts');
  await planned.getByRole('button', { name: 'Cancel post' }).click();
  await planned.getByText('Nothing planned. Plan a post from the share composer.').waitFor();
  const [row] = await server.ctx.database.query<{ status: string }>("select status from linkedin_posts where text like 'Morgen%'");
  assert.equal(row?.status, 'cancelled');
  await phone.close();
});
