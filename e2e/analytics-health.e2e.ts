import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { snapshotContentGap } from '../src/analytics/gap-snapshots.ts';
import { people, type Role } from '../src/db/schema/index.ts';
import { addDemoOrganisation } from '../src/demo/organisation.ts';
import { assertAccessible, type E2eServer, launchBrowser, screenshotOnFailure, signedIn, startServer } from './support.ts';

/**
 * The head of recruitment's and the programme lead's Monday: the recruitment and programme-health
 * dashboards on the demo organisation; the tables behind the charts hold the API's figures, the
 * charts are drawn, and both pages pass axe-core on a phone.
 */

let server: E2eServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await addDemoOrganisation(server.ctx);
  await snapshotContentGap(server.ctx);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function staffMember(role: Role, language: 'en' | 'nl'): Promise<string> {
  const id = uuidv7();
  const now = new Date();
  await server.ctx.database.db
    .insert(people)
    .values({ id, name: `Test ${role}`, email: `${role}.${id.slice(-6)}@example.com`, roles: [role], ambassadorStatus: 'active', language, createdAt: now, updatedAt: now });
  return id;
}

async function apiJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${server.url}${path}`);
  assert.equal(response.status(), 200, await response.text());
  return (await response.json()) as T;
}

/** Opens the figures table of a dashboard section (its <details> disclosure) and returns the table. */
async function sectionTable(page: Page, sectionId: string): Promise<Locator> {
  const section = page.locator(`section[aria-labelledby="${sectionId}"]`);
  await section.locator('summary').first().click();
  return section.getByRole('table');
}

async function rowCells(table: Locator, header: string): Promise<string[]> {
  const row = table.locator('tr').filter({ has: table.page().getByRole('rowheader', { name: header, exact: true }) });
  return (await row.first().locator('td').allInnerTexts()).map((text) => text.trim());
}

interface Recruitment {
  advocacy: Record<'applications' | 'hires', { all: number; throughAdvocacy: number }>;
  touchpoints: { histogram: { touchpoints: string; applications: number }[] };
  vacancies: unknown[];
}

test('a recruiter reads the recruitment dashboard: the tables hold the API’s figures and the charts are drawn', async (t) => {
  const context = await signedIn(browser, server, await staffMember('recruiter', 'en'), { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  t.after(() => screenshotOnFailure(t, page).then(() => context.close()));

  await page.goto(`${server.url}/analytics/recruitment?days=364`);
  await page.getByRole('heading', { level: 1, name: 'Recruitment analytics' }).waitFor();
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 363 * 86_400_000).toISOString().slice(0, 10);
  const api = await apiJson<Recruitment>(page, `/api/v1/analytics/recruitment?from=${from}&to=${today}`);
  assert.ok(api.advocacy.applications.all > 0, 'the demo has applications in the last year');

  const advocacy = await sectionTable(page, 'recruitment-advocacy');
  assert.deepEqual((await rowCells(advocacy, 'Applications')).slice(0, 2), [String(api.advocacy.applications.all), String(api.advocacy.applications.throughAdvocacy)]);
  assert.deepEqual((await rowCells(advocacy, 'Hires')).slice(0, 2), [String(api.advocacy.hires.all), String(api.advocacy.hires.throughAdvocacy)]);
  const touchpoints = await sectionTable(page, 'recruitment-touchpoints');
  for (const bucket of api.touchpoints.histogram) assert.equal((await rowCells(touchpoints, bucket.touchpoints))[0], String(bucket.applications));
  const funnel = await sectionTable(page, 'recruitment-funnel');
  assert.equal(await funnel.locator('tbody tr').count(), api.vacancies.length);
  await page.locator('section[aria-labelledby="recruitment-touchpoints"] .recharts-surface').first().waitFor();
  await page.locator('section[aria-labelledby="recruitment-gap"] .recharts-surface').first().waitFor();
  // Recruiters read recruitment, not programme health: no link to it.
  assert.equal(await page.getByRole('link', { name: 'Programme health' }).count(), 0);
  await assertAccessible(page, 'the recruitment dashboard on a phone');
});

interface Programme {
  storytelling: { published: number; target: number };
  personaFlow: { weeks: unknown[] };
  shareTexts: { personalised: number | null; copied: number | null; weeks: unknown[] };
}

test('an editor reads programme health in Dutch and narrows it to a department', async (t) => {
  const context = await signedIn(browser, server, await staffMember('editor', 'nl'), { locale: 'nl-NL', acceptDownloads: true });
  const page = await context.newPage();
  t.after(() => screenshotOnFailure(t, page).then(() => context.close()));

  await page.goto(`${server.url}/analytics/programme?days=91`);
  await page.getByRole('heading', { level: 1, name: 'Gezondheid van het programma' }).waitFor();
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
  const api = await apiJson<Programme>(page, `/api/v1/analytics/programme?from=${from}&to=${today}`);
  const target = await sectionTable(page, 'programme-target');
  assert.deepEqual(await rowCells(target, 'Gepubliceerd'), [String(api.storytelling.published)]);
  assert.deepEqual(await rowCells(target, 'Jaardoel'), [String(api.storytelling.target)]);
  const personas = await sectionTable(page, 'programme-personas');
  assert.equal(await personas.locator('tbody tr').count(), api.personaFlow.weeks.length);
  await page.locator('section[aria-labelledby="programme-personas"] .recharts-surface').first().waitFor();
  await assertAccessible(page, 'programme health');

  // One department: the address carries it and the share texts follow.
  const select = page.getByLabel('Afdeling', { exact: true });
  const option = (await select.locator('option').all())[1];
  assert.ok(option);
  const departmentId = await option.getAttribute('value');
  await select.selectOption(departmentId as string);
  await page.waitForURL((url) => url.searchParams.get('department') === departmentId);
  const narrowed = await apiJson<Programme>(page, `/api/v1/analytics/programme?from=${from}&to=${today}&department=${departmentId}`);
  const texts = await sectionTable(page, 'programme-texts');
  const end = Date.now() + 15_000;
  while ((await texts.locator('tbody tr').count()) !== narrowed.shareTexts.weeks.length) {
    if (Date.now() > end) assert.fail('the share-text table follows the department');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  // The CSV holds the same target.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('section[aria-labelledby="programme-target"]').getByRole('link', { name: /CSV downloaden/ }).click()]);
  const csv = await (await download.createReadStream()).toArray();
  assert.ok(Buffer.concat(csv).toString('utf8').includes(`storytelling,,,,target,${api.storytelling.target}`));
});
