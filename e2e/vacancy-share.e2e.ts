import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { type AmbassadorStatus, consents, type Language, people, themes, type Urgency, vacancies, vacancyThemes } from '../src/db/schema/index.ts';
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

async function person(name: string, email: string, options: { language?: Language; status?: AmbassadorStatus } = {}): Promise<string> {
  const now = new Date();
  const id = uuidv7();
  await server.ctx.database.db
    .insert(people)
    .values({ id, name, email, roles: ['ambassador'], ambassadorStatus: options.status ?? 'active', language: options.language ?? 'en', createdAt: now, updatedAt: now });
  await server.ctx.database.db.insert(consents).values({ personId: id, policyVersion: '2026-1', givenAt: now });
  return id;
}

/** An open vacancy as an import would leave it, opened `days` ago. */
async function vacancy(title: string, values: { slug: string; urgency: Urgency; days: number; department: string; location: string; themeId?: string }): Promise<string> {
  const now = new Date();
  const id = uuidv7();
  await server.ctx.database.db.insert(vacancies).values({
    id,
    slug: values.slug,
    title,
    departmentName: values.department,
    location: values.location,
    employmentType: 'Fulltime',
    descriptionHtml: `<p>Over de functie ${title}.</p>`,
    applyUrl: `https://jobs.example/${values.slug}/apply`,
    language: 'nl',
    status: 'open',
    urgency: values.urgency,
    openedAt: new Date(now.getTime() - values.days * 86_400_000),
    createdAt: now,
    updatedAt: now,
  });
  if (values.themeId) await server.ctx.database.db.insert(vacancyThemes).values({ vacancyId: id, themeId: values.themeId });
  return id;
}

test('an ambassador finds an urgent vacancy on a phone and shares it in their own words → tracked link to the vacancy page', async (t) => {
  const now = new Date();
  const [care] = await server.ctx.database.db.insert(themes).values({ key: 'care-e2e', nameNl: 'Zorg', nameEn: 'Care', createdAt: now, updatedAt: now }).returning({ id: themes.id });
  const icuId = await vacancy('IC-verpleegkundige', { slug: 'ic-verpleegkundige', urgency: 'critical', days: 12, department: 'Intensive care', location: 'Deventer', themeId: care?.id });
  await vacancy('Data engineer', { slug: 'data-engineer', urgency: 'normal', days: 1, department: 'IT', location: 'Utrecht' });
  await vacancy('Portier', { slug: 'portier', urgency: 'low', days: 3, department: 'Facilitair', location: 'Zwolle' });
  const ambassadorId = await person('Amira Ambassador', 'amira@example.com');

  const phone = await signedIn(browser, server, ambassadorId, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  await phone.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await phone.route('https://www.linkedin.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>LinkedIn</title>' }));
  const page = await phone.newPage();
  t.after(() => screenshotOnFailure(t, page));
  await page.goto(`${server.url}/jobs`);
  await page.getByRole('heading', { name: 'Open positions', level: 1 }).waitFor();

  // Most urgent first, marked as urgent; the others are not.
  const articles = page.getByRole('article');
  await articles.first().waitFor();
  assert.deepEqual(await page.getByRole('heading', { level: 2 }).allTextContents(), ['IC-verpleegkundige', 'Data engineer', 'Portier']);
  const icu = page.getByRole('article', { name: 'IC-verpleegkundige' });
  await icu.getByText('Urgent', { exact: true }).waitFor();
  await icu.getByText('Intensive care · Deventer · Fulltime').waitFor();
  assert.deepEqual(await icu.getByRole('list', { name: 'Themes' }).getByRole('listitem').allTextContents(), ['Care']);
  assert.equal(await page.getByRole('article', { name: 'Data engineer' }).getByText('Urgent', { exact: true }).count(), 0);
  assert.equal(await icu.getByRole('link', { name: /View the vacancy/ }).getAttribute('href'), '/vacancies/ic-verpleegkundige');
  await assertAccessible(page, 'open positions on a phone');

  // Search narrows the list (and the URL keeps it).
  await page.getByRole('searchbox', { name: 'Search by job, department or place' }).fill('zwolle');
  await page.waitForURL(/[?&]q=zwolle/);
  await page.getByRole('status').filter({ hasText: '1 open position shown' }).waitFor();
  assert.deepEqual(await page.getByRole('heading', { level: 2 }).allTextContents(), ['Portier']);
  await page.getByRole('searchbox', { name: 'Search by job, department or place' }).fill('');
  await page.getByRole('status').filter({ hasText: '3 open positions shown' }).waitFor();

  // The same composer as for stories, for candidates, with the vacancy's Dutch texts first.
  await icu.getByRole('button', { name: 'Share', exact: true }).click();
  const composer = page.getByRole('dialog', { name: 'Share this vacancy' });
  await composer.getByText('Shared for Candidates: people who could apply, or who know someone who could.').waitFor();
  assert.equal(await composer.getByRole('combobox', { name: 'Audience' }).count(), 0, 'a vacancy is always shared for candidates');
  await composer.getByRole('button', { name: 'Next' }).click();
  const text = composer.getByLabel('Your text');
  const suggested = await text.inputValue();
  assert.match(suggested, /^We zoeken een IC-verpleegkundige voor ons team Intensive care in Deventer\./);
  await composer.getByText('In Dutch').first().waitFor();
  await composer.getByText('In English').first().waitFor();
  await composer.getByText('This is still the suggested text — make it yours?').waitFor();
  await assertAccessible(page, 'vacancy composer');
  await composer.getByRole('button', { name: 'Personalise' }).click();
  await text.press('Home');
  await text.pressSequentially('Ik werk zelf al vijf jaar op de IC en we hebben echt versterking nodig. ');
  await composer.getByText('✓ In your own words — thank you!').waitFor();
  const popupPromise = page.waitForEvent('popup');
  await composer.getByRole('button', { name: 'Share on LinkedIn' }).click();
  const popup = await popupPromise;
  await popup.waitForURL(/linkedin\.com/);
  const shareUrl = new URL(popup.url());
  await popup.close();
  await composer.getByRole('heading', { name: 'Shared! Thanks for helping us find a new colleague.' }).waitFor();
  await composer.getByText('Your text is copied — paste it into LinkedIn').waitFor();
  await assertAccessible(page, 'vacancy shared');
  const shortUrl = shareUrl.searchParams.get('url') ?? '';
  assert.match(shortUrl, new RegExp(`^${server.url}/l/[0-9A-Za-z]{8,}$`));
  await composer.getByRole('button', { name: 'Done' }).click();
  await composer.waitFor({ state: 'hidden' });
  await phone.close();

  const [share] = await server.ctx.database.query<{ item_type: string; vacancy_id: string; story_id: string | null; personalised: boolean; network: string; text: string }>(
    'select item_type, vacancy_id, story_id, personalised, network, text from shares where person_id = $1',
    [ambassadorId],
  );
  assert.equal(share?.item_type, 'vacancy');
  assert.equal(share?.vacancy_id, icuId);
  assert.equal(share?.story_id, null);
  assert.equal(share?.personalised, true);
  assert.equal(share?.network, 'linkedin');
  assert.ok(share?.text.startsWith('Ik werk zelf al vijf jaar op de IC'), share?.text);
  assert.match(share?.text ?? '', /#medewerker/, 'the disclosure in the vacancy’s language');

  // The short link leads a visitor to the public vacancy page with the usual tracking.
  const visit = await fetch(shortUrl, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1' } });
  assert.equal(visit.status, 302);
  const destination = new URL(visit.headers.get('location') ?? '');
  assert.equal(destination.pathname, '/vacancies/ic-verpleegkundige');
  assert.equal(destination.searchParams.get('utm_source'), 'linkedin');
  assert.ok(destination.searchParams.get('pcid'));
  const vacancyPage = await fetch(destination);
  assert.equal(vacancyPage.status, 200);
  assert.match(await vacancyPage.text(), /IC-verpleegkundige/);
});

test('the nav offers the page in Dutch; someone who does not share can look but sees no Share button', async (t) => {
  await vacancy('Apotheker', { slug: 'apotheker', urgency: 'high', days: 4, department: 'Apotheek', location: 'Apeldoorn' });
  const pausedId = await person('Pim Paused', 'pim@example.com', { language: 'nl', status: 'paused' });
  const context = await signedIn(browser, server, pausedId, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  t.after(() => screenshotOnFailure(t, page));
  await page.goto(`${server.url}/feed`);
  await page.getByRole('heading', { name: 'Verhalen om te delen', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Openstaande vacatures', exact: true }).click();
  await page.getByRole('heading', { name: 'Openstaande vacatures', level: 1 }).waitFor();
  const card = page.getByRole('article', { name: 'Apotheker' });
  await card.getByText('Dringend', { exact: true }).waitFor();
  await page.getByText('Je ambassadeurschap staat op pauze, dus delen staat uit.', { exact: false }).waitFor();
  assert.equal(await card.getByRole('button', { name: 'Delen' }).count(), 0);
  await assertAccessible(page, 'open positions, paused, in Dutch');
  await context.close();
});
