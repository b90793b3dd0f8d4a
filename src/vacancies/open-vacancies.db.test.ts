import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders } from '../../test/support/factories.ts';
import { buildTheme, buildVacancy } from '../public/test-fixtures.ts';

let t: TestApp;
let english: Record<string, string>;
let dutch: Record<string, string>;
const ids: Record<string, string> = {};

const daysAgo = (days: number) => new Date(t.clock.now().getTime() - days * 86_400_000);

before(async () => {
  t = await createTestApp();
  const care = await buildTheme(t, 'care-open', 'Zorg', 'Care');
  const build = async (key: string, overrides: Parameters<typeof buildVacancy>[1]) => {
    ids[key] = (await buildVacancy(t, overrides)).id;
  };
  await build('lowOld', { title: 'Porter', urgency: 'low', openedAt: daysAgo(40), department: 'Facilities', location: 'Zwolle' });
  await build('normalOld', { title: 'Nurse, night shifts', urgency: 'normal', openedAt: daysAgo(30), department: 'Care', location: 'Deventer', themeIds: [care.id] });
  await build('normalNew', { title: 'Data engineer', urgency: 'normal', openedAt: daysAgo(2), department: 'IT', location: 'Utrecht' });
  await build('high', { title: 'Pharmacist', urgency: 'high', openedAt: daysAgo(20), department: 'Pharmacy', location: 'Apeldoorn' });
  await build('critical', { title: 'Intensive care nurse', urgency: 'critical', openedAt: daysAgo(10), department: 'Care', location: 'Deventer', themeIds: [care.id] });
  await build('closed', { title: 'Closed nurse post', urgency: 'critical', status: 'closed', department: 'Care' });
  await build('percent', { title: 'Planner 100% remote', urgency: 'normal', openedAt: daysAgo(5), department: null, location: null });
  english = await sessionHeaders(t, await buildPerson(t, { language: 'en', roles: ['ambassador'] }));
  dutch = await sessionHeaders(t, await buildPerson(t, { language: 'nl', roles: ['ambassador'] }));
});
after(() => t.close());

const list = (query: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url: `/api/v1/vacancies/open${query}`, headers });

test('an ambassador sees the open vacancies, most urgent first, then newest; closed ones never', async () => {
  const response = await list('', english);
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json();
  assert.deepEqual(
    body.items.map((item: { id: string }) => item.id),
    [ids.critical, ids.high, ids.normalNew, ids.percent, ids.normalOld, ids.lowOld],
  );
  assert.equal(body.nextCursor, null);
  const critical = body.items[0];
  assert.deepEqual(Object.keys(critical).sort(), ['department', 'employmentType', 'id', 'location', 'openedAt', 'slug', 'themes', 'title', 'urgency'], 'nothing internal: no description, source or apply link');
  assert.equal(critical.title, 'Intensive care nurse');
  assert.equal(critical.urgency, 'critical');
  assert.equal(critical.department, 'Care');
  assert.deepEqual(
    critical.themes.map((theme: { key: string; name: string }) => [theme.key, theme.name]),
    [['care-open', 'Care']],
  );
});

test('theme names follow the reader’s language', async () => {
  const body = (await list('?q=intensive', dutch)).json();
  assert.deepEqual(
    body.items.map((item: { themes: { name: string }[] }) => item.themes.map((theme) => theme.name)),
    [['Zorg']],
  );
});

test('paging walks every open vacancy once, in the same order, across urgency levels', async () => {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`, english);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.ok(body.items.length <= 2);
    seen.push(...body.items.map((item: { id: string }) => item.id));
    cursor = body.nextCursor;
  } while (cursor);
  assert.deepEqual(seen, [ids.critical, ids.high, ids.normalNew, ids.percent, ids.normalOld, ids.lowOld]);

  const tampered = await list('?cursor=bm90LWEtY3Vyc29y', english);
  assert.equal(tampered.statusCode, 400);
  assert.equal(tampered.json().error.code, 'invalid_cursor');
});

test('q searches title, department and location, case-insensitively, and treats % as text', async () => {
  const ids_ = async (q: string) => (await list(`?q=${encodeURIComponent(q)}`, english)).json().items.map((item: { id: string }) => item.id);
  assert.deepEqual(await ids_('NURSE'), [ids.critical, ids.normalOld], 'by title; the closed nurse post stays out');
  assert.deepEqual(await ids_('pharmacy'), [ids.high], 'by department');
  assert.deepEqual(await ids_('zwolle'), [ids.lowOld], 'by location');
  assert.deepEqual(await ids_('100%'), [ids.percent]);
  assert.deepEqual(await ids_('%'), [ids.percent], 'a lone % is not a wildcard');
  assert.deepEqual(await ids_('nobody-has-this'), []);
});

test('bad input is a 400, not a 500', async () => {
  assert.equal((await list('?limit=0', english)).statusCode, 400);
  assert.equal((await list('?limit=101', english)).statusCode, 400);
  assert.equal((await list(`?q=${'x'.repeat(201)}`, english)).statusCode, 400);
  assert.equal((await list('?q=%00', english)).statusCode, 400);
});

test('the OpenAPI document describes the list with the OpenVacancy type', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const operation = doc.paths['/api/v1/vacancies/open'].get;
  assert.equal(operation.responses['200'].content['application/json'].schema.properties.items.items.$ref, '#/components/schemas/OpenVacancy');
  assert.deepEqual(
    operation.parameters.map((parameter: { name: string }) => parameter.name).sort(),
    ['cursor', 'limit', 'q'],
  );
});
