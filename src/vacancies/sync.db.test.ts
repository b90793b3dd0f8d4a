import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { groups, themeRules, themes } from '../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { tokenHeaders } from '../../test/support/factories.ts';

/** What the test's Greenhouse board serves, per path; tests change it between syncs. */
const boards = new Map<string, { status?: number; type?: string; body: string }>();
let server: Server;
let base: string;
let t: TestApp;
let recruiter: Record<string, string>;

const job = (id: number, title: string, department = 'Engineering') => ({
  id,
  title,
  location: { name: 'Utrecht' },
  departments: [{ name: department }],
  content: '&lt;p&gt;Je bouwt mee aan &lt;strong&gt;zorg&lt;/strong&gt;.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;',
  absolute_url: `https://boards.greenhouse.io/acme/jobs/${id}`,
  first_published: '2026-10-01T09:00:00Z',
});
const board = (path: string, jobs: unknown[]) => boards.set(path, { body: JSON.stringify({ jobs, meta: { total: jobs.length } }) });

before(async () => {
  server = createServer((request, response) => {
    const served = boards.get(request.url ?? '');
    if (!served) return response.writeHead(404).end();
    response.writeHead(served.status ?? 200, { 'content-type': served.type ?? 'application/json' }).end(served.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The fixture ATS runs on this machine: allowed as an admin allows an intranet ATS.
  t = await createTestApp({ PODIUM_FETCH_ALLOW_HOSTS: '127.0.0.1' });
  recruiter = await tokenHeaders(t, 'recruiter');
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

async function addSource(path: string): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/vacancy-sources', headers: recruiter, payload: { type: 'greenhouse', url: `${base}${path}` } });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().id;
}
const sync = async (id: string, confirm = false) => {
  const response = await t.app.inject({ method: 'POST', url: `/api/v1/vacancy-sources/${id}/sync${confirm ? '/confirm' : ''}`, headers: recruiter });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
};
const openTitles = async () =>
  ((await t.app.inject({ method: 'GET', url: '/api/v1/vacancies?status=open&limit=200', headers: recruiter })).json().items as { title: string }[]).map((v) => v.title).sort();

test('a sync adds, updates and closes; descriptions are sanitised; an unchanged feed changes nothing', async () => {
  board('/acme', [job(1, 'Verpleegkundige IC'), job(2, 'Backend developer'), job(3, 'Data engineer'), job(4, 'Product owner')]);
  const source = await addSource('/acme');
  const first = await sync(source);
  assert.deepEqual([first.status, first.added, first.updated, first.closed, first.failed], ['applied', 4, 0, 0, 0]);
  const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/vacancies?status=open', headers: recruiter })).json().items as { title: string; descriptionHtml: string; slug: string; externalId: string }[];
  const nurse = listed.find((v) => v.externalId === '1');
  assert.ok(nurse);
  assert.equal(nurse.slug, 'verpleegkundige-ic');
  assert.equal(nurse.descriptionHtml, '<p>Je bouwt mee aan <strong>zorg</strong>.</p><a rel="noopener noreferrer nofollow">x</a>');

  const again = await sync(source);
  assert.deepEqual([again.added, again.updated, again.closed], [0, 0, 0]);

  board('/acme', [job(1, 'Verpleegkundige IC (32 uur)'), job(2, 'Backend developer'), job(3, 'Data engineer')]);
  const changed = await sync(source);
  assert.deepEqual([changed.status, changed.added, changed.updated, changed.closed], ['applied', 0, 1, 1]);
  assert.deepEqual(await openTitles(), ['Backend developer', 'Data engineer', 'Verpleegkundige IC (32 uur)']);
});

test('a bad feed changes nothing and says why; a mass close waits for confirmation', async () => {
  board('/bad', [job(11, 'A'), job(12, 'B'), job(13, 'C'), job(14, 'D')]);
  const source = await addSource('/bad');
  await sync(source);
  const before = await openTitles();

  boards.set('/bad', { type: 'text/html', body: '<html><body>Maintenance</body></html>' });
  const broken = await sync(source);
  assert.equal(broken.status, 'failed');
  assert.match(broken.error, /greenhouse|Greenhouse/);
  assert.deepEqual(await openTitles(), before, 'nothing changed');
  const sources = (await t.app.inject({ method: 'GET', url: '/api/v1/vacancy-sources', headers: recruiter })).json().items as { id: string; lastError: string | null }[];
  assert.ok(sources.find((s) => s.id === source)?.lastError, 'the error is shown with the source');

  boards.set('/bad', { status: 500, body: 'down' });
  assert.match((await sync(source)).error, /answered HTTP 500/);

  board('/bad', [job(11, 'A')]);
  const mass = await sync(source);
  assert.deepEqual([mass.status, mass.closed], ['awaiting_confirmation', 3]);
  assert.match(mass.error, /would close 3/);
  assert.deepEqual(await openTitles(), before, 'nothing closed before an admin confirms');
  const confirmed = await sync(source, true);
  assert.deepEqual([confirmed.status, confirmed.closed], ['confirmed', 3]);
  assert.equal((await openTitles()).filter((title) => ['A', 'B', 'C', 'D'].includes(title)).join(), 'A');
});

test('themes follow the rules until recruitment sets them by hand; urgency and openings are set per vacancy', async () => {
  const now = t.clock.now();
  const [care] = await t.ctx.database.db.insert(themes).values({ id: uuidv7(), key: `care-${uuidv7().slice(-6)}`, nameNl: 'Zorg', nameEn: 'Care', createdAt: now, updatedAt: now }).returning();
  const [tech] = await t.ctx.database.db.insert(themes).values({ id: uuidv7(), key: `tech-${uuidv7().slice(-6)}`, nameNl: 'Techniek', nameEn: 'Tech', createdAt: now, updatedAt: now }).returning();
  const [department] = await t.ctx.database.db.insert(groups).values({ kind: 'department', name: 'Platform', createdAt: now, updatedAt: now } as never).returning();
  assert.ok(care && tech && department);
  await t.ctx.database.db.insert(themeRules).values([
    { themeId: care.id, kind: 'keyword', keyword: 'verpleeg', createdAt: now, updatedAt: now },
    { themeId: tech.id, kind: 'department', departmentId: department.id, createdAt: now, updatedAt: now },
  ]);
  board('/themes', [job(21, 'Senior Verpleegkundige', 'Zorg'), job(22, 'SRE', 'platform')]);
  await sync(await addSource('/themes'));
  const items = (await t.app.inject({ method: 'GET', url: '/api/v1/vacancies?limit=200', headers: recruiter })).json().items as { id: string; externalId: string; themeIds: string[]; departmentId: string | null }[];
  const nurse = items.find((v) => v.externalId === '21');
  const sre = items.find((v) => v.externalId === '22');
  assert.deepEqual(nurse?.themeIds, [care.id], 'a title keyword brings its theme');
  assert.deepEqual(sre?.themeIds, [tech.id], 'the department (matched by name) brings its theme');
  assert.equal(sre?.departmentId, department.id);

  const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/vacancies/${sre?.id}`, headers: recruiter, payload: { urgency: 'critical', openings: 3, themeIds: [care.id] } });
  assert.equal(patched.statusCode, 200, patched.body);
  assert.deepEqual([patched.json().urgency, patched.json().openings, patched.json().themeIds, patched.json().themesOverridden], ['critical', 3, [care.id], true]);
  const unknownTheme = await t.app.inject({ method: 'PATCH', url: `/api/v1/vacancies/${sre?.id}`, headers: { ...recruiter, 'accept-language': 'nl' }, payload: { themeIds: [uuidv7()] } });
  assert.equal(unknownTheme.statusCode, 400);
  assert.match(unknownTheme.json().error.message, /bestaat niet/);
  const empty = await t.app.inject({ method: 'PATCH', url: `/api/v1/vacancies/${sre?.id}`, headers: recruiter, payload: {} });
  assert.equal(empty.statusCode, 400);
});

test('a private address is refused unless allowed, and a second source for the same feed is a 409', async () => {
  const guarded = await createTestApp();
  try {
    const headers = await tokenHeaders(guarded, 'recruiter');
    board('/private', [job(31, 'X')]);
    const created = await guarded.app.inject({ method: 'POST', url: '/api/v1/vacancy-sources', headers, payload: { type: 'greenhouse', url: `${base}/private` } });
    const report = (await guarded.app.inject({ method: 'POST', url: `/api/v1/vacancy-sources/${created.json().id}/sync`, headers })).json();
    assert.equal(report.status, 'failed');
    assert.match(report.error, /private address/);
  } finally {
    await guarded.close();
  }
  await addSource('/dup');
  const dup = await t.app.inject({ method: 'POST', url: '/api/v1/vacancy-sources', headers: recruiter, payload: { type: 'greenhouse', url: `${base}/dup` } });
  assert.equal(dup.statusCode, 409);
});
