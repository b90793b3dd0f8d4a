import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { tokenHeaders } from '../../test/support/factories.ts';
import { getSetting } from '../settings/service.ts';
import { renderFixture, withFetchAllowance } from './vacancies.ts';

const DAY = 86_400_000;
/** A host an admin allowed before the demo ran: the demo must leave it alone. */
const INTRANET_ATS = 'ats.intranet.example';

let t: TestApp;
let admin: Record<string, string>;
let added: { vacancies: number };

before(async () => {
  t = await createTestApp();
  admin = await tokenHeaders(t, 'admin');
  const allowed = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/fetch-allowance', headers: admin, payload: { hosts: [INTRANET_ATS] } });
  assert.equal(allowed.statusCode, 200, allowed.body);
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/demo', headers: admin });
  assert.equal(response.statusCode, 201, response.body);
  added = response.json();
});
after(() => t.close());

const rows = <T>(sql: string, params: unknown[] = []) => t.ctx.database.query<T>(sql, params);

test('about 30 open vacancies come in through four applicant tracking systems’ importers', async () => {
  assert.ok(added.vacancies >= 28 && added.vacancies <= 34, `${added.vacancies} open vacancies`);
  const sources = await rows<{ type: string; open: number; syncs: number; applied: number; problems: number; last_error: string | null }>(
    `select s.type, s.last_error,
       (select count(*)::int from vacancies v where v.source_id = s.id and v.status = 'open') as open,
       (select count(*)::int from vacancy_syncs y where y.source_id = s.id) as syncs,
       (select count(*)::int from vacancy_syncs y where y.source_id = s.id and y.status = 'applied') as applied,
       (select coalesce(sum(y.failed), 0)::int from vacancy_syncs y where y.source_id = s.id) as problems
     from vacancy_sources s order by s.type`,
  );
  assert.deepEqual(
    sources.map((s) => s.type),
    ['greenhouse', 'lever', 'recruitee', 'workable'],
  );
  for (const source of sources) {
    assert.ok(source.open >= 5, `${source.type}: ${source.open} open`);
    assert.equal(source.applied, source.syncs, `${source.type}: every sync applied`);
    assert.equal(source.last_error, null);
  }
  assert.equal(sources.reduce((sum, s) => sum + s.open, 0), added.vacancies);
  // The Recruitee feed has an entry without an id: skipped and named in the report, like a real feed's.
  assert.equal(sources.find((s) => s.type === 'recruitee')?.problems, 1);

  // Each adapter's fields arrived: departments matched to the demo's groups, sanitised descriptions, apply links.
  const vacancies = await rows<{ title: string; department: string | null; description_html: string; apply_url: string | null; opened_at: Date; status: string }>(
    `select v.title, g.name as department, v.description_html, v.apply_url, v.opened_at, v.status from vacancies v left join groups g on g.id = v.department_id`,
  );
  for (const v of vacancies) {
    assert.ok(v.department, `${v.title} is in a demo department`);
    assert.ok(v.description_html.length > 40 && !/<(div|script)/.test(v.description_html), `${v.title} has a sanitised description`);
    assert.match(v.apply_url ?? '', /^https:\/\//, `${v.title} has an apply link`);
  }
  // Dates in the fixtures are relative to the demo's day (ISO date-times, Lever's milliseconds, Workable's dates).
  const openedDaysAgo = (title: string) => {
    const vacancy = vacancies.find((v) => v.title === title);
    assert.ok(vacancy, title);
    return (t.clock.now().getTime() - new Date(vacancy.opened_at).getTime()) / DAY;
  };
  assert.equal(openedDaysAgo('Monteur hoogspanning'), 75);
  assert.equal(openedDaysAgo('Graduate programme: grid engineering'), 65);
  assert.equal(openedDaysAgo('Monteur laadinfrastructuur'), 46 + 9 / 24, 'Workable gives the day, midnight UTC (the test clock is at 09:00)');
  // A job filled since the first import vanished from the Greenhouse board, and the second sync closed it.
  assert.deepEqual(
    vacancies.filter((v) => v.status === 'closed').map((v) => v.title),
    ['Projectleider netuitbreiding'],
  );
});

test('the vacancies spread over all six demo themes through department and keyword rules, and some are urgent', async () => {
  const themes = await rows<{ key: string; open: number; urgent: number }>(
    `select t.key, count(*)::int as open, count(*) filter (where v.urgency in ('high', 'critical'))::int as urgent
     from themes t join vacancy_themes vt on vt.theme_id = t.id join vacancies v on v.id = vt.vacancy_id and v.status = 'open'
     group by t.key order by t.key`,
  );
  assert.deepEqual(
    themes.map((theme) => theme.key),
    ['duurzaamheid', 'innovatie', 'klantverhalen', 'techniek', 'werken-bij', 'young-professionals'],
  );
  for (const theme of themes) assert.ok(theme.open >= 3, `${theme.key}: ${theme.open} open vacancies`);
  const [untagged] = await rows<{ n: number }>(`select count(*)::int as n from vacancies v where v.status = 'open' and not exists (select 1 from vacancy_themes vt where vt.vacancy_id = v.id)`);
  assert.equal(untagged?.n, 0, 'every open vacancy has a theme');

  const urgency = await rows<{ urgency: string; n: number }>(`select urgency, count(*)::int as n from vacancies where status = 'open' group by 1`);
  const count = (level: string) => urgency.find((u) => u.urgency === level)?.n ?? 0;
  assert.ok(count('critical') >= 2, `${count('critical')} critical`);
  assert.ok(count('high') >= 4, `${count('high')} high`);
  assert.ok(count('normal') > count('high') + count('critical'), 'most vacancies stay normal');
  const [monteur] = await rows<{ urgency: string; openings: number }>(`select urgency, openings from vacancies where title = 'Monteur hoogspanning'`);
  assert.deepEqual(monteur, { urgency: 'critical', openings: 4 });

  // The content gap has something to rank: every theme under pressure, with colleagues to feature.
  const gaps = await t.app.inject({ method: 'GET', url: '/api/v1/content-gaps', headers: admin });
  assert.equal(gaps.statusCode, 200, gaps.body);
  const items = gaps.json().items as { theme: { key: string }; pressure: number; suggestedPeople: unknown[] }[];
  assert.equal(items.length, 6);
  assert.ok(items.every((item) => item.pressure > 0));
  assert.ok(items.filter((item) => item.suggestedPeople.length > 0).length >= 4, 'colleagues to feature for most themes');
});

test('127.0.0.1 is not left allowed: the admin’s allowance is as it was, and the demo sources cannot be fetched from now', async () => {
  const allowance = await t.app.inject({ method: 'GET', url: '/api/v1/settings/fetch-allowance', headers: admin });
  assert.deepEqual(allowance.json(), { hosts: [INTRANET_ATS], fromEnvironment: [] });

  const sources = await rows<{ id: string; active: boolean; url: string }>('select id, active, url from vacancy_sources');
  assert.ok(sources.every((s) => !s.active), 'paused, so the scheduled sync leaves them alone');
  const [source] = sources;
  assert.ok(source);
  assert.match(source.url, /^http:\/\/127\.0\.0\.1:\d+\//);
  const before = await rows<{ n: number }>(`select count(*)::int as n from vacancies where status = 'open'`);
  const sync = await t.app.inject({ method: 'POST', url: `/api/v1/vacancy-sources/${source.id}/sync`, headers: admin });
  assert.equal(sync.statusCode, 200, sync.body);
  assert.equal(sync.json().status, 'failed');
  assert.match(sync.json().error, /127\.0\.0\.1 is a private address/);
  assert.deepEqual(await rows(`select count(*)::int as n from vacancies where status = 'open'`), before, 'a refused fetch changes nothing');
});

test('withFetchAllowance takes its host off again when the work fails, and leaves a host allowed before as it was', async () => {
  const db = t.ctx.database.db;
  await assert.rejects(
    withFetchAllowance(t.ctx, '10.0.0.7', async () => {
      assert.deepEqual(await getSetting(db, 'fetch.allowHosts'), [INTRANET_ATS, '10.0.0.7']);
      throw new Error('the import broke');
    }),
    /the import broke/,
  );
  assert.deepEqual(await getSetting(db, 'fetch.allowHosts'), [INTRANET_ATS]);

  assert.equal(await withFetchAllowance(t.ctx, INTRANET_ATS, async () => 'done'), 'done');
  assert.deepEqual(await getSetting(db, 'fetch.allowHosts'), [INTRANET_ATS]);
});

test('renderFixture fills in dates relative to the demo’s day: ISO text, dates, and Lever’s milliseconds without quotes', () => {
  const now = new Date('2026-11-27T09:00:00Z');
  assert.equal(renderFixture('{"a": "%DAYS_AGO:2%", "b": "%DAYS_AGO_MS:1%"}', now), `{"a": "2026-11-25T09:00:00.000Z", "b": ${Date.parse('2026-11-26T09:00:00Z')}}`);
  assert.equal(renderFixture('<createdAt>%DAYS_AGO:0%</createdAt>', now), '<createdAt>2026-11-27T09:00:00.000Z</createdAt>');
  assert.equal(renderFixture('"published_on": "%DATE_DAYS_AGO:30%"', now), '"published_on": "2026-10-28"');
});

test('the demo candidates applied for the imported jobs: their conversions are linked to vacancies, so the funnels fill', async () => {
  const [linked] = await rows<{ all: number; linked: number; vacancies: number }>(
    `select count(*)::int as all, count(vacancy_id)::int as linked, count(distinct vacancy_id)::int as vacancies from conversions where type = 'application'`,
  );
  assert.ok(linked && linked.all > 0, 'the demo has applications');
  assert.equal(linked.linked, linked.all, 'every demo application names an imported job');
  assert.ok(linked.vacancies >= 5, `${linked.vacancies} vacancies with applications`);
  const [busiest] = await rows<{ id: string }>(`select vacancy_id as id from conversions where type = 'application' group by 1 order by count(*) desc limit 1`);
  const funnel = await t.app.inject({ method: 'GET', url: `/api/v1/vacancies/${busiest?.id}/stats`, headers: admin });
  assert.equal(funnel.statusCode, 200, funnel.body);
  assert.ok(funnel.json().funnel.applications > 0);
});
