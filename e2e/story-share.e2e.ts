import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { consents, people, type Role } from '../src/db/schema/index.ts';
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

async function person(name: string, email: string, roles: Role[]): Promise<string> {
  const now = new Date();
  const id = uuidv7();
  await server.ctx.database.db.insert(people).values({ id, name, email, roles, ambassadorStatus: 'active', language: 'en', createdAt: now, updatedAt: now });
  await server.ctx.database.db.insert(consents).values({ personId: id, policyVersion: '2026-1', givenAt: now });
  return id;
}

const suggestionOne = 'Benieuwd hoe het is om bij ons in het lab te werken? Sanne vertelt over haar eerste jaar als onderzoeker.';
const suggestionTwo = 'Een kijkje in de keuken: Sanne over experimenten, collega’s en fouten maken mogen.';

test('editor → featured colleague approves → publish → ambassador shares on a phone → tracked link, Open Graph, preview', async (t) => {
  const editorId = await person('Eddie Editor', 'eddie@example.com', ['editor', 'ambassador']);
  const sanneId = await person('Sanne Lab', 'sanne@example.com', ['ambassador']);
  const ambassadorId = await person('Amir Ambassador', 'amir@example.com', ['ambassador']);

  // 1. The editor writes a story featuring Sanne, with a candidates variant and two LinkedIn texts.
  const editorContext = await signedIn(browser, server, editorId, { viewport: { width: 1280, height: 1000 } });
  const editor = await editorContext.newPage();
  t.after(() => screenshotOnFailure(t, editor));
  await editor.goto(`${server.url}/editorial/stories/new`);
  await editor.getByRole('heading', { name: 'New story', level: 1 }).waitFor();
  await editor.getByRole('textbox', { name: /^Title/ }).fill('Een jaar in het lab');
  await editor.getByRole('textbox', { name: /^Summary/ }).fill('Sanne over haar eerste jaar als onderzoeker.');
  await editor.getByRole('textbox', { name: 'Body (Markdown)' }).fill('Sanne werkt sinds vorig jaar in ons **lab**.');
  await editor.getByRole('button', { name: 'Create story' }).click();
  await editor.waitForURL(/\/editorial\/stories\/[0-9a-f-]{36}$/);
  const storyId = editor.url().split('/').pop() ?? '';
  await assertAccessible(editor, 'story editor');

  await editor.getByLabel('Find a colleague').fill('Sanne');
  await editor.getByRole('button', { name: 'Add Sanne Lab' }).click();
  await editor.getByLabel('Quote by Sanne Lab').fill('Hier mag je fouten maken, zo leer je het snelst.');
  const saved = editor.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/v1/stories/${storyId}`));
  await editor.getByRole('button', { name: 'Save story' }).click();
  const saveResponse = await saved;
  assert.equal(saveResponse.status(), 200, await saveResponse.text());
  // The success toast closes by itself; the lasting sign of a save is that nothing is unsaved any more.
  await editor.getByText('You have unsaved changes.').waitFor({ state: 'hidden' });

  const variant = editor.getByRole('form', { name: 'Variant for Candidates' });
  await variant.getByLabel('Headline').fill('Werken in het lab: Sanne vertelt');
  await variant.getByLabel('Teaser').fill('Haar eerste jaar als onderzoeker.');
  await variant.getByRole('button', { name: 'Add LinkedIn suggestion' }).click();
  await variant.getByLabel('LinkedIn suggestion 1').fill(suggestionOne);
  await variant.getByRole('button', { name: 'Add LinkedIn suggestion' }).click();
  await variant.getByLabel('LinkedIn suggestion 2').fill(suggestionTwo);
  await variant.getByRole('button', { name: 'Save variant' }).click();
  await editor.getByText('Variant for Candidates saved.').waitFor();

  await editor.getByRole('button', { name: 'Request approval' }).click();
  await editor.getByText('Approval requested from 1 colleague.').waitFor();

  // 2. Sanne approves how she appears.
  const sanneContext = await signedIn(browser, server, sanneId, { viewport: { width: 390, height: 844 } });
  const sanne = await sanneContext.newPage();
  t.after(() => screenshotOnFailure(t, sanne));
  await sanne.goto(`${server.url}/approvals`);
  await sanne.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
  await sanne.getByText('Hier mag je fouten maken, zo leer je het snelst.').waitFor();
  await assertAccessible(sanne, 'approvals');
  await sanne.getByRole('button', { name: 'Approve' }).click();
  await sanne.getByText('Decided').waitFor();
  await sanneContext.close();

  // 3. The editor moves it through review and publishes it.
  await editor.reload();
  for (const step of ['Submit for review', 'Approve', 'Publish']) {
    await editor.getByRole('button', { name: step, exact: true }).click();
    await editor.getByText(/The story is now:/).last().waitFor();
  }
  const [published] = await server.ctx.database.query<{ status: string; slug: string }>('select status, slug from stories where id = $1', [storyId]);
  assert.equal(published?.status, 'published');
  await editorContext.close();

  // 4. An ambassador on a 375 px phone shares it to LinkedIn in their own words.
  const phone = await signedIn(browser, server, ambassadorId, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  await phone.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  // No internet here: LinkedIn's share page is answered locally, so the opened URL can be read.
  await phone.route('https://www.linkedin.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>LinkedIn</title>' }));
  const amir = await phone.newPage();
  t.after(() => screenshotOnFailure(t, amir));
  await amir.goto(`${server.url}/feed`);
  await amir.getByRole('heading', { name: 'Stories to share', level: 1 }).waitFor();
  await assertAccessible(amir, 'feed on a phone');
  const card = amir.getByRole('article', { name: 'Werken in het lab: Sanne vertelt' });
  await card.getByRole('button', { name: 'Share', exact: true }).click();
  const composer = amir.getByRole('dialog', { name: 'Share this story' });
  await composer.getByRole('button', { name: 'Next' }).click();
  const text = composer.getByLabel('Your text');
  assert.equal(await text.inputValue(), suggestionOne);
  await composer.getByText('This is still the suggested text — make it yours?').waitFor();
  await assertAccessible(amir, 'share composer');
  await composer.getByRole('button', { name: 'Personalise' }).click();
  await text.press('Home');
  await text.pressSequentially('Sanne zat vorig jaar naast me bij de introductie en is nu al onmisbaar in ons team. ');
  await composer.getByText('✓ In your own words — thank you!').waitFor();
  const popupPromise = amir.waitForEvent('popup');
  await composer.getByRole('button', { name: 'Share on LinkedIn' }).click();
  const popup = await popupPromise;
  await popup.waitForURL(/linkedin\.com/);
  const shareUrl = new URL(popup.url());
  await popup.close();
  await composer.getByText('Your text is copied — paste it into LinkedIn').waitFor();
  assert.equal(`${shareUrl.origin}${shareUrl.pathname}`, 'https://www.linkedin.com/sharing/share-offsite/');
  const shortUrl = shareUrl.searchParams.get('url') ?? '';
  assert.match(shortUrl, new RegExp(`^${server.url}/l/[0-9A-Za-z]{8,}$`));
  // The page's clipboard (the test's tsconfig has no DOM types, hence the narrow cast).
  const clipboard = await amir.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  assert.ok(clipboard.startsWith('Sanne zat vorig jaar naast me'), clipboard);
  assert.ok(clipboard.includes(suggestionOne));
  assert.match(clipboard, /#medewerker|#employee/);
  await composer.getByRole('heading', { name: 'Shared! Thanks for giving your colleagues the stage.' }).waitFor();
  await phone.close();
  const [share] = await server.ctx.database.query<{ personalised: boolean; network: string }>('select personalised, network from shares where person_id = $1', [ambassadorId]);
  assert.deepEqual(share, { personalised: true, network: 'linkedin' });

  // 5. The short link redirects a person with UTM parameters and a click id.
  const visit = await fetch(shortUrl, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1' } });
  assert.equal(visit.status, 302);
  assert.equal(visit.headers.get('cache-control'), 'no-store');
  const destination = new URL(visit.headers.get('location') ?? '');
  assert.equal(destination.pathname, `/stories/${published?.slug}`);
  assert.equal(destination.searchParams.get('utm_source'), 'linkedin');
  assert.equal(destination.searchParams.get('utm_medium'), 'employee_advocacy');
  assert.equal(destination.searchParams.get('utm_campaign'), published?.slug);
  assert.ok(destination.searchParams.get('utm_content'));
  assert.ok(destination.searchParams.get('pcid'));

  // 6. The story page carries its Open Graph tags.
  const readerContext = await browser.newContext();
  const storyPage = await readerContext.newPage();
  await storyPage.goto(destination.toString());
  const og = async (property: string) => storyPage.locator(`meta[property="${property}"]`).getAttribute('content');
  assert.equal(await og('og:title'), 'Een jaar in het lab');
  assert.equal(await og('og:type'), 'article');
  assert.equal(await og('og:url'), `${server.url}/stories/${published?.slug}`);
  assert.equal(await storyPage.getByRole('heading', { level: 1 }).textContent(), 'Een jaar in het lab');
  await assertAccessible(storyPage, 'story page');
  await readerContext.close();

  // 7. LinkedIn's crawler gets the preview page, whose og:url keeps the tracked short link.
  const preview = await fetch(shortUrl, { redirect: 'manual', headers: { 'user-agent': 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)' } });
  assert.equal(preview.status, 200);
  const html = await preview.text();
  assert.match(html, new RegExp(`<meta property="og:url" content="${shortUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}">`));
  assert.match(html, /<meta property="og:title" content="Een jaar in het lab">/);
  const clicks = await server.ctx.database.query<{ kind: string }>('select kind from clicks order by occurred_at');
  assert.deepEqual(
    clicks.map((c) => c.kind),
    ['visit', 'preview'],
  );
});
