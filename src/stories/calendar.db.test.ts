import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, tokenHeaders } from '../../test/support/factories.ts';

let t: TestApp;
let editor: Record<string, string>;
let admin: Record<string, string>;
const DAY = 86_400_000;

before(async () => {
  t = await createTestApp();
  editor = await tokenHeaders(t, 'editor', (await buildPerson(t, { roles: ['editor'], name: 'Zz Editor' })).id);
  admin = await tokenHeaders(t, 'admin');
});
after(() => t.close());

async function call(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: Record<string, string>, payload?: unknown) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

/** A story published at a moment (the clock is moved there and back), featuring some people. */
async function publishedStory(title: string, at: Date, featured: string[] = []) {
  const id = (await call('POST', '/stories', editor, { title, language: 'nl', format: 'news', featured: featured.map((personId) => ({ personId })) })).json().id;
  await call('POST', `/stories/${id}/approval-requests`, editor);
  for (const personId of featured) {
    assert.equal((await call('POST', `/stories/${id}/approval`, await tokenHeaders(t, 'ambassador', personId), { decision: 'approved' })).statusCode, 200);
  }
  await call('POST', `/stories/${id}/transitions`, editor, { to: 'in_review' });
  await call('POST', `/stories/${id}/transitions`, editor, { to: 'approved' });
  const publishAt = at.toISOString();
  await call('PATCH', `/stories/${id}`, editor, { publishAt });
  const response = await call('POST', `/stories/${id}/transitions`, editor, { to: 'published' });
  assert.equal(response.json().publishedAt, publishAt);
  return id;
}

test('the yearly summary: target from settings, published this year, coverage per department, never featured', async () => {
  const groupId = async (name: string) => (await call('POST', '/groups', admin, { kind: 'department', name })).json().id;
  const engineering = await groupId('Engineering');
  const finance = await groupId('Finance');
  const person = async (name: string, departmentId: string | null) => {
    const p = await buildPerson(t, { name });
    if (departmentId) await call('PATCH', `/people/${p.id}`, admin, { departmentId });
    return p.id;
  };
  const ada = await person('Ada Engineer', engineering);
  const bob = await person('Bob Engineer', engineering);
  const cas = await person('Cas Finance', finance);
  const dee = await person('Dee Nowhere', null);
  await buildPerson(t, { name: 'Gone Person', active: false });

  const now = t.clock.now(); // 2026-11-27
  await publishedStory('Januari', new Date('2026-01-15T10:00:00Z'), [ada]);
  await publishedStory('Maart', new Date('2026-03-15T10:00:00Z'), [ada, cas]);
  await publishedStory('Vorig jaar', new Date('2025-06-01T10:00:00Z'), [bob]);
  await publishedStory('Gepland', new Date(now.getTime() + 10 * DAY), [dee]);

  await call('PUT', '/settings/programme', admin, { yearlyTarget: 12, disclosure: { enabled: true, textNl: '#werkenbij', textEn: '#iworkhere' } });
  const summary = (await call('GET', '/calendar/summary', editor)).json();
  assert.equal(summary.year, 2026);
  assert.equal(summary.target, 12);
  assert.equal(summary.published, 2, 'last year’s and the scheduled story do not count');
  assert.equal(summary.remaining, 10);
  assert.equal(summary.coverage.featuredPeople, 2, 'Ada twice counts once; Cas once');
  const byName = Object.fromEntries(summary.coverage.byDepartment.map((d: { department: { name: string } | null; featuredPeople: number; people: number }) => [d.department?.name ?? '(none)', [d.featuredPeople, d.people]]));
  assert.deepEqual(byName.Engineering, [1, 2]);
  assert.deepEqual(byName.Finance, [1, 1]);
  assert.equal(byName['(none)'][0], 0);
  const never = summary.coverage.neverFeatured.map((p: { name: string }) => p.name);
  assert.ok(never.includes('Dee Nowhere'), 'scheduled, not yet out');
  assert.ok(!never.includes('Bob Engineer'), 'featured last year: has had the stage');
  assert.ok(!never.includes('Ada Engineer'));
  assert.ok(!never.includes('Gone Person'), 'only active people');
  assert.equal(summary.coverage.neverFeaturedCount, never.length);
  assert.deepEqual(summary.coverage.neverFeatured.find((p: { name: string }) => p.name === 'Dee Nowhere').department, null);

  const lastYear = (await call('GET', '/calendar/summary?year=2025', editor)).json();
  assert.equal(lastYear.published, 1);
  assert.equal(lastYear.coverage.featuredPeople, 1);

  const programme = (await call('GET', '/settings/programme', await tokenHeaders(t, 'ambassador', dee))).json();
  assert.deepEqual(programme, { yearlyTarget: 12, disclosure: { enabled: true, textNl: '#werkenbij', textEn: '#iworkhere' } });
  assert.equal((await call('PUT', '/settings/programme', editor, programme)).statusCode, 403);
  assert.equal((await call('PUT', '/settings/programme', admin, { ...programme, yearlyTarget: 0 })).statusCode, 400);
});

test('the calendar lists published and planned stories by day within the period', async () => {
  const planned = (await call('POST', '/stories', editor, { title: 'Idee voor december', language: 'nl', format: 'column', status: 'idea', plannedFor: '2026-12-03' })).json().id;
  const items = (await call('GET', '/calendar?from=2026-01-01&to=2026-12-31', editor)).json().items;
  const byTitle = Object.fromEntries(items.map((i: { title: string; date: string; kind: string }) => [i.title, `${i.date} ${i.kind}`]));
  assert.equal(byTitle.Januari, '2026-01-15 published');
  assert.equal(byTitle.Maart, '2026-03-15 published');
  assert.equal(byTitle.Gepland, '2026-12-07 planned', 'scheduled: on the calendar as planned');
  assert.equal(byTitle['Idee voor december'], '2026-12-03 planned');
  assert.ok(!('Vorig jaar' in byTitle));
  assert.deepEqual(
    items.map((i: { date: string }) => i.date),
    items.map((i: { date: string }) => i.date).sort(),
    'in date order',
  );
  const december = (await call('GET', '/calendar?from=2026-12-01&to=2026-12-05', editor)).json().items;
  assert.deepEqual(december.map((i: { id: string }) => i.id), [planned]);
  assert.equal((await call('GET', '/calendar?from=2026-12-05&to=2026-12-01', editor)).statusCode, 400);
  assert.equal((await call('GET', '/calendar?from=2020-01-01&to=2026-12-01', editor)).json().error.code, 'calendar_range');
  assert.equal((await call('GET', '/calendar?from=2026-13-01&to=2026-12-01', editor)).statusCode, 400);
});
