import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { consents, groupMemberships, groups, people, type Role, themeRules, themes } from '../src/db/schema/index.ts';
import { renderFixture } from '../src/demo/vacancies.ts';
import { assertAccessible, type E2eServer, launchBrowser, screenshotOnFailure, signedIn, startServer } from './support.ts';

/**
 * Recruitment and communications together: a recruiter adds the Greenhouse job board (a fixture
 * feed on a local HTTP server), syncs it and marks one vacancy critical; its theme moves to the top
 * of the content gaps; the editor turns the colleague suggested there into an interview request.
 */

let server: E2eServer;
let browser: Browser;
let board: Server;
let boardUrl: string;

/** The demo's Greenhouse board (11 jobs in Engineering and Operations), its dates relative to today. */
async function startJobBoard(): Promise<void> {
  const jobs = renderFixture(readFileSync(new URL('../src/demo/fixtures/greenhouse-board.json', import.meta.url), 'utf8'), new Date());
  board = createServer((request, response) => {
    if (request.url !== '/v1/boards/acme/jobs?content=true') return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(jobs);
  });
  await new Promise<void>((resolve) => board.listen(0, '127.0.0.1', resolve));
  boardUrl = `http://127.0.0.1:${(board.address() as AddressInfo).port}/v1/boards/acme/jobs?content=true`;
}

before(async () => {
  // The job board runs on this machine: allowed as an admin allows a self-hosted ATS on the intranet.
  [server, browser] = await Promise.all([startServer({ env: { PODIUM_FETCH_ALLOW_HOSTS: '127.0.0.1' } }), launchBrowser(), startJobBoard()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
  board?.closeAllConnections();
  await new Promise((resolve) => board?.close(resolve));
});

const ids = { operations: uuidv7(), engineering: uuidv7(), fieldService: uuidv7(), engineeringTheme: uuidv7() };

/** Two departments with a theme each (department rules), as recruitment would have set them up. */
async function departmentsAndThemes(): Promise<void> {
  const db = server.ctx.database.db;
  const now = new Date();
  await db.insert(groups).values([
    { id: ids.operations, kind: 'department', name: 'Operations', createdAt: now, updatedAt: now },
    { id: ids.engineering, kind: 'department', name: 'Engineering', createdAt: now, updatedAt: now },
  ]);
  await db.insert(themes).values([
    { id: ids.fieldService, key: 'buitendienst', nameNl: 'Buitendienst', nameEn: 'Field service', createdAt: now, updatedAt: now },
    { id: ids.engineeringTheme, key: 'techniek', nameNl: 'Techniek', nameEn: 'Engineering', createdAt: now, updatedAt: now },
  ]);
  await db.insert(themeRules).values([
    { themeId: ids.fieldService, kind: 'department', departmentId: ids.operations, createdAt: now, updatedAt: now },
    { themeId: ids.engineeringTheme, kind: 'department', departmentId: ids.engineering, createdAt: now, updatedAt: now },
  ]);
}

async function person(name: string, roles: Role[], department?: string): Promise<string> {
  const now = new Date();
  const id = uuidv7();
  const db = server.ctx.database.db;
  await db.insert(people).values({ id, name, email: `${id}@example.com`, roles, ambassadorStatus: 'active', language: 'en', createdAt: now, updatedAt: now });
  await db.insert(consents).values({ personId: id, policyVersion: '2026-1', givenAt: now });
  if (department) await db.insert(groupMemberships).values({ groupId: department, personId: id });
  return id;
}

/**
 * Opens the content gaps from the navigation and waits until the themes read `expected` top to
 * bottom (a list fetched earlier may show first, then refresh).
 */
async function expectGapOrder(page: Page, expected: string[]): Promise<void> {
  await page.getByRole('link', { name: 'Content gaps', exact: true }).click();
  await page.getByRole('heading', { name: 'Content gaps', level: 1 }).waitFor();
  const themeNames = page.getByRole('region', { name: 'Themes that need stories' }).getByRole('article').getByRole('heading', { level: 3 });
  let seen: string[] = [];
  for (const end = Date.now() + 10_000; Date.now() < end; await page.waitForTimeout(200)) {
    seen = await themeNames.allTextContents();
    if (seen.join('|') === expected.join('|')) return;
  }
  assert.deepEqual(seen, expected, 'themes on the content gaps page, top to bottom');
}

test('recruiter syncs a Greenhouse board and marks a vacancy critical → its theme tops the content gaps → the editor requests an interview', async (t) => {
  await departmentsAndThemes();
  const recruiterId = await person('Rita Recruiter', ['recruiter']);
  const editorId = await person('Eddie Editor', ['editor']);
  await person('Anouk Bakker', ['ambassador'], ids.operations);
  const femkeId = await person('Femke de Vries', ['ambassador'], ids.operations);
  await person('Daan Jansen', ['ambassador'], ids.engineering);

  // 1. Femke, on her phone, says she would like to tell her story.
  const phone = await signedIn(browser, server, femkeId, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const femke = await phone.newPage();
  t.after(() => screenshotOnFailure(t, femke));
  await femke.goto(`${server.url}/profile`);
  const wish = femke.getByRole('checkbox', { name: /^I.d like to tell my story$/ });
  const savedWish = femke.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
  await wish.check();
  assert.equal((await savedWish).status(), 200);
  await assertAccessible(femke, 'profile with “I’d like to tell my story” on a phone');
  await phone.close();

  // 2. The recruiter adds the Greenhouse board and syncs it.
  const recruiterContext = await signedIn(browser, server, recruiterId, { viewport: { width: 1280, height: 1000 } });
  const recruiter = await recruiterContext.newPage();
  t.after(() => screenshotOnFailure(t, recruiter));
  await recruiter.goto(`${server.url}/`);
  await recruiter.getByRole('link', { name: 'Vacancy sources', exact: true }).click();
  await recruiter.getByRole('heading', { name: 'Vacancy sources', level: 1 }).waitFor();
  await recruiter.getByLabel('Type', { exact: true }).selectOption({ label: 'Greenhouse' });
  await recruiter.getByRole('textbox', { name: /^Feed URL/ }).fill(boardUrl);
  await recruiter.getByRole('button', { name: 'Add source' }).click();
  const source = recruiter.getByRole('article').filter({ hasText: boardUrl });
  await source.waitFor();
  await source.getByRole('button', { name: 'Sync now' }).click();
  await source.getByRole('status').filter({ hasText: 'Sync done: 11 added, 0 updated, 0 closed, 0 failed.' }).waitFor({ timeout: 20_000 });
  await assertAccessible(recruiter, 'vacancy sources with a sync report');

  // Before anyone marks urgency, Engineering (seven vacancies) needs stories more than Field service (four).
  await expectGapOrder(recruiter, ['Engineering', 'Field service']);

  // 3. The high-voltage technician is needed now: critical.
  await recruiter.getByRole('link', { name: 'Vacancies', exact: true }).click();
  await recruiter.getByRole('heading', { name: 'Vacancies', level: 1 }).waitFor();
  const patched = recruiter.waitForResponse((r) => r.request().method() === 'PATCH' && /\/api\/v1\/vacancies\/[0-9a-f-]{36}$/.test(r.url()));
  await recruiter.getByRole('combobox', { name: 'Urgency for Monteur hoogspanning' }).selectOption('critical');
  assert.equal((await patched).status(), 200);
  await assertAccessible(recruiter, 'vacancies');
  const [marked] = await server.ctx.database.query<{ urgency: string }>(`select urgency from vacancies where title = 'Monteur hoogspanning'`);
  assert.equal(marked?.urgency, 'critical');

  // 4. Its theme is now the one that needs stories most.
  await expectGapOrder(recruiter, ['Field service', 'Engineering']);
  await recruiterContext.close();

  // 5. The editor sees the same ranking and asks the suggested colleague for an interview.
  const editorContext = await signedIn(browser, server, editorId, { viewport: { width: 1280, height: 1000 } });
  const editor = await editorContext.newPage();
  t.after(() => screenshotOnFailure(t, editor));
  await editor.goto(`${server.url}/`);
  await expectGapOrder(editor, ['Field service', 'Engineering']);
  const fieldService = editor.getByRole('article', { name: 'Field service' });
  // Femke asked to tell her story, so she comes before Anouk; nobody from Engineering is suggested here.
  const asks = await fieldService.getByRole('button', { name: /^Request interview with / }).allTextContents();
  assert.deepEqual(asks, ['Request interview with Femke de Vries', 'Request interview with Anouk Bakker']);
  await assertAccessible(editor, 'content gaps');

  const requested = editor.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/content-gaps/requests'));
  await fieldService.getByRole('button', { name: 'Request interview with Femke de Vries' }).click();
  assert.equal((await requested).status(), 201);
  await fieldService.getByRole('link', { name: 'Open the interview with Femke de Vries' }).click();
  await editor.waitForURL(/\/editorial\/stories\/[0-9a-f-]{36}$/);
  const storyId = editor.url().split('/').pop() ?? '';
  await editor.getByRole('heading', { name: 'Interview with Femke de Vries: Field service', level: 1 }).waitFor();

  // The story idea: an interview on the theme, featuring Femke (not yet asked to approve), assigned to the editor.
  const [story] = await server.ctx.database.query<{ status: string; format: string; assigned_to: string; featured: string[]; themes: string[] }>(
    `select s.status, s.format, s.assigned_to,
       array(select person_id::text from story_featured f where f.story_id = s.id and f.approval = 'not_requested') as featured,
       array(select theme_id::text from story_themes st where st.story_id = s.id) as themes
     from stories s where s.id = $1`,
    [storyId],
  );
  assert.deepEqual(story, { status: 'idea', format: 'interview', assigned_to: editorId, featured: [femkeId], themes: [ids.fieldService] });
  await editorContext.close();
});
