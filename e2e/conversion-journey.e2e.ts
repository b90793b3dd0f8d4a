import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { createApiToken } from '../src/auth/api-tokens.ts';
import { consents, people } from '../src/db/schema/index.ts';
import { TestClock } from '../test/support/app.ts';
import { type E2eServer, launchBrowser, screenshotOnFailure, startServer } from './support.ts';

/**
 * A candidate's journey: two clicks on colleagues' posts days apart, each landing on the careers
 * site (another origin, which loads t.js), then an application. With consent the careers site
 * keeps both click ids and the conversion gets two touchpoints; without, one, and nothing stays
 * in the browser.
 */

const DAY = 86_400_000;
// A person's browser: HeadlessChrome's own user agent would be told apart as a bot.
const userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

const clock = new TestClock();
let server: E2eServer;
let browser: Browser;
let careers: Server;
let careersUrl: string;
let shortLinks: string[];

/** The careers site's application page: a consent banner, the t.js snippet, and an Apply button. */
function careersPage(podiumUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Careers: lab technician</title>
<script>window.podium = window.podium || function () { (podium.q = podium.q || []).push(arguments); };</script>
<script src="${podiumUrl}/t.js" async></script>
</head>
<body>
<main>
<h1>Lab technician</h1>
<div id="banner"><p>May we remember how you found us?</p><button id="accept">Accept</button> <button id="decline">Decline</button></div>
<button id="apply">Apply</button>
</main>
<script>
document.getElementById('accept').addEventListener('click', function () { podium('consent', true); document.getElementById('banner').hidden = true; });
document.getElementById('decline').addEventListener('click', function () { podium('consent', false); document.getElementById('banner').hidden = true; });
document.getElementById('apply').addEventListener('click', function () { podium('conversion', { type: 'application', vacancy: 'LAB-7' }); });
</script>
</body>
</html>`;
}

async function startCareersSite(podiumUrl: string): Promise<void> {
  careers = createServer((request, response) => {
    if (!request.url?.startsWith('/apply')) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(careersPage(podiumUrl));
  });
  await new Promise<void>((resolve) => careers.listen(0, '127.0.0.1', resolve));
  const address = careers.address();
  assert.ok(address && typeof address === 'object');
  // localhost, not 127.0.0.1: another site than Podium, not only another port.
  careersUrl = `http://localhost:${address.port}`;
}

/** Podium's side, through its API: an external article whose URL is the careers page, shared by two colleagues. */
async function storyAndShares(): Promise<string[]> {
  const db = server.ctx.database.db;
  const { token } = await createApiToken(db, { name: 'e2e', role: 'admin', personId: null, createdBy: null, now: clock.now() });
  const api = async (path: string, body: object) => {
    const response = await fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.ok(response.ok, `${path}: ${response.status} ${await response.clone().text()}`);
    return response.json() as Promise<Record<string, string>>;
  };
  const story = await api('/stories', { title: 'Our lab is hiring', language: 'en', format: 'external_article', externalUrl: `${careersUrl}/apply` });
  for (const to of ['in_review', 'approved', 'published']) await api(`/stories/${story.id}/transitions`, { to });
  const links: string[] = [];
  for (const [name, network] of [
    ['Anna Ambassador', 'linkedin'],
    ['Bram Ambassador', 'x'],
  ] as const) {
    const id = uuidv7();
    await db.insert(people).values({ id, name, email: `${id}@example.com`, roles: ['ambassador'], ambassadorStatus: 'active', createdAt: clock.now(), updatedAt: clock.now() });
    await db.insert(consents).values({ personId: id, policyVersion: '2026-1', givenAt: clock.now() });
    const share = await api('/shares', { storyId: story.id, network, audience: 'candidates', text: `${name}: we are hiring in the lab`, personId: id });
    links.push(share.shortUrl ?? '');
  }
  return links;
}

before(async () => {
  [server, browser] = await Promise.all([startServer({ clock }), launchBrowser()]);
  await startCareersSite(server.url);
  shortLinks = await storyAndShares();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => careers?.close(resolve));
});

/** Opens a colleague's short link like a person would; answers the click id the careers page was opened with. */
async function clickThrough(page: Page, shortLink: string): Promise<string> {
  await page.goto(shortLink);
  const landed = new URL(page.url());
  assert.equal(landed.origin, careersUrl, 'the short link leads to the careers page');
  assert.equal(landed.searchParams.get('utm_medium'), 'employee_advocacy');
  const pcid = landed.searchParams.get('pcid');
  assert.ok(pcid, 'the redirect carries the click id');
  return pcid;
}

async function apply(page: Page): Promise<void> {
  const reported = page.waitForResponse((r) => r.url() === `${server.url}/api/v1/conversions/browser`);
  await page.getByRole('button', { name: 'Apply' }).click();
  const response = await reported;
  // The body of a keepalive request cannot be read through the browser's protocol: the status says enough.
  assert.equal(response.status(), 201);
  assert.equal(response.request().headers().cookie, undefined, 'reported without credentials');
}

async function touchpointsOf(pcids: string[]): Promise<{ clickIds: string[]; creditFirst: number[]; creditLast: number[]; count: number; days: number }> {
  const rows = await server.ctx.database.query<{ id: string; touchpoint_count: number; source: string; type: string; vacancy_ref: string; first_touch_at: Date; last_touch_at: Date }>(
    `select id, touchpoint_count, source, type, vacancy_ref, first_touch_at, last_touch_at from conversions where reported_click_ids && $1::uuid[]`,
    [pcids],
  );
  assert.equal(rows.length, 1, 'one conversion');
  const [conversion] = rows;
  assert.ok(conversion);
  assert.deepEqual([conversion.source, conversion.type, conversion.vacancy_ref], ['script', 'application', 'LAB-7']);
  const touches = await server.ctx.database.query<{ click_id: string; credit_first: number; credit_last: number }>(
    'select click_id, credit_first, credit_last from conversion_touchpoints where conversion_id = $1 order by position',
    [conversion.id],
  );
  return {
    clickIds: touches.map((t) => t.click_id),
    creditFirst: touches.map((t) => t.credit_first),
    creditLast: touches.map((t) => t.credit_last),
    count: conversion.touchpoint_count,
    // Days from the first touch to the last, on Podium's clock.
    days: Math.round((new Date(conversion.last_touch_at).getTime() - new Date(conversion.first_touch_at).getTime()) / DAY),
  };
}

async function browserTraces(context: BrowserContext, page: Page) {
  const storage = await page.evaluate(() => {
    const w = globalThis as unknown as { localStorage: { length: number; getItem(key: string): string | null }; sessionStorage: { length: number } };
    return { local: w.localStorage.length, session: w.sessionStorage.length, kept: w.localStorage.getItem('podium_click_ids') };
  });
  return { ...storage, cookies: await context.cookies() };
}

test('with consent: click A on day 1 and click B on day 4 on colleagues’ posts, then an application → one conversion with 2 touchpoints', async (t) => {
  const context = await browser.newContext({ userAgent });
  const page = await context.newPage();
  t.after(() => screenshotOnFailure(t, page));

  const a = await clickThrough(page, shortLinks[0] ?? '');
  await page.getByRole('button', { name: 'Accept' }).click();
  await page.waitForFunction((id) => (globalThis as unknown as { localStorage: Storage }).localStorage.getItem('podium_click_ids')?.includes(id), a);

  clock.advance(3 * DAY);
  const b = await clickThrough(page, shortLinks[1] ?? '');
  await page.getByRole('button', { name: 'Accept' }).click();
  await apply(page);

  const journey = await touchpointsOf([a, b]);
  assert.deepEqual(journey, { clickIds: [a, b], creditFirst: [1, 0], creditLast: [0, 1], count: 2, days: 3 });
  const traces = await browserTraces(context, page);
  assert.deepEqual(
    JSON.parse(traces.kept ?? '[]').map((entry: { id: string }) => entry.id),
    [a, b],
    'the careers site keeps the click ids, with consent',
  );
  assert.deepEqual(traces.cookies, [], 'no cookie, from Podium’s link host or the script');
  await context.close();
});

test('without consent: the same journey gives 1 touchpoint, and nothing is kept in the browser', async (t) => {
  const context = await browser.newContext({ userAgent });
  const page = await context.newPage();
  t.after(() => screenshotOnFailure(t, page));

  clock.advance(7 * DAY);
  const a = await clickThrough(page, shortLinks[0] ?? '');
  clock.advance(3 * DAY);
  const b = await clickThrough(page, shortLinks[1] ?? '');
  await apply(page);

  const journey = await touchpointsOf([a, b]);
  assert.deepEqual(journey, { clickIds: [b], creditFirst: [1], creditLast: [1], count: 1, days: 0 });
  assert.deepEqual(await browserTraces(context, page), { local: 0, session: 0, kept: null, cookies: [] });
  await context.close();
});
