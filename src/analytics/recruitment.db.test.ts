import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { clickRollupsDaily, contentGapSnapshots, conversions, shares, themes, vacancies, vacancyThemes } from '../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { insertConversion } from '../stats/conversion-fixtures.ts';
import { vacancyFunnel } from '../vacancies/funnel.ts';
import { listContentGaps } from '../vacancies/gaps.ts';
import type { RecruitmentAnalytics } from './health-schema.ts';

const DAY = 86_400_000;
let t: TestApp;
let recruiter: Record<string, string>;
let n = 0;

before(async () => {
  t = await createTestApp();
  recruiter = await tokenHeaders(t, 'recruiter');
});
after(() => t?.close());

const db = () => t.ctx.database.db;
// The test clock starts on Friday 2026-11-27 09:00 UTC; the default period is 2026-10-31 … 2026-11-27.
const ago = (days: number) => new Date(t.clock.now().getTime() - days * DAY);
const dayOf = (at: Date) => at.toISOString().slice(0, 10);

async function buildVacancy(title: string, themeId?: string, openings = 1) {
  n++;
  const [row] = await db()
    .insert(vacancies)
    .values({ slug: `analytics-vacancy-${n}-${uuidv7().slice(-6)}`, title, openings, status: 'open', openedAt: ago(10) })
    .returning({ id: vacancies.id });
  assert.ok(row);
  if (themeId) await db().insert(vacancyThemes).values({ vacancyId: row.id, themeId });
  return row.id;
}

/** A share of a vacancy with its human clicks in the daily rollup on the share's day. */
async function buildVacancyShare(vacancyId: string, at: Date, humanClicks: number) {
  const person = await buildPerson(t);
  const shareId = uuidv7();
  await db().insert(shares).values({ id: shareId, personId: person.id, itemType: 'vacancy', vacancyId, network: 'linkedin', text: 'Join us', personalised: true, similarity: 0, createdAt: at });
  if (humanClicks > 0) await db().insert(clickRollupsDaily).values({ day: dayOf(at), shareId, personId: person.id, itemType: 'vacancy', vacancyId, network: 'linkedin', humanClicks, uniqueClicks: humanClicks, visitors: humanClicks });
  return shareId;
}

async function conversionFor(vacancyId: string | null, input: Parameters<typeof insertConversion>[1]) {
  const id = await insertConversion(t, input);
  if (vacancyId) await db().update(conversions).set({ vacancyId }).where(eq(conversions.id, id));
  return id;
}

async function recruitment(query = ''): Promise<RecruitmentAnalytics> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/recruitment${query}`, headers: recruiter });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

test('touchpoints, time to apply, advocacy and the per-vacancy funnel are counted from crafted conversions', async () => {
  const engineers = await buildVacancy('Engineer');
  const nurses = await buildVacancy('Nurse');
  const shareA = await buildVacancyShare(engineers, ago(20), 4);
  const shareB = await buildVacancyShare(engineers, ago(3), 3);
  // Before the period: neither the share nor its clicks count.
  await buildVacancyShare(engineers, ago(40), 100);
  const touches = (count: number, firstDaysBefore: number, at: Date) =>
    Array.from({ length: count }, (_, i) => ({ shareId: i % 2 === 0 ? shareA : shareB, at: new Date(at.getTime() - firstDaysBefore * DAY + i * 60_000) }));
  // Five applications in the period: 1, 1, 3 and 9 touchpoints, one without; first touch 0.5, 2, 10 and 40 days before.
  await conversionFor(engineers, { type: 'application', at: ago(2), touches: touches(1, 0.5, ago(2)) });
  await conversionFor(engineers, { type: 'application', at: ago(2), touches: touches(1, 2, ago(2)) });
  await conversionFor(nurses, { type: 'application', at: ago(1), touches: touches(3, 10, ago(1)) });
  await conversionFor(null, { type: 'application', at: ago(1), touches: touches(9, 40, ago(1)) });
  await conversionFor(engineers, { type: 'application', at: ago(5), touches: [] });
  // Outside the period: not counted anywhere.
  await conversionFor(engineers, { type: 'application', at: ago(60), touches: [] });
  // Two hires, one through advocacy.
  await conversionFor(engineers, { type: 'hire', at: ago(1), touches: touches(2, 5, ago(1)) });
  await conversionFor(nurses, { type: 'hire', at: ago(1), touches: [] });

  const view = await recruitment();
  assert.deepEqual(view.period, { from: '2026-10-31', to: '2026-11-27' });
  assert.equal(view.touchpoints.applications, 4);
  assert.equal(view.touchpoints.withoutTouchpoints, 1);
  assert.equal(view.touchpoints.median, 2);
  assert.deepEqual(
    view.touchpoints.histogram.map((b) => [b.touchpoints, b.applications]),
    [['1', 2], ['2', 0], ['3', 1], ['4', 0], ['5', 0], ['6', 0], ['7', 0], ['8+', 1]],
  );
  assert.deepEqual(
    view.timeToApply.histogram.map((b) => [b.days, b.applications]),
    [['0-1', 1], ['1-3', 1], ['3-7', 0], ['7-14', 1], ['14-30', 0], ['30+', 1]],
  );
  assert.deepEqual(view.advocacy.applications, { all: 5, throughAdvocacy: 4, share: 0.8 });
  assert.deepEqual(view.advocacy.hires, { all: 2, throughAdvocacy: 1, share: 0.5 });

  const [first, second] = view.vacancies;
  assert.equal(view.vacancies.length, 2);
  assert.equal(first?.vacancy.id, engineers, 'most applications first');
  assert.deepEqual(
    { shares: first?.shares, humanClicks: first?.humanClicks, applications: first?.applications, advocacyApplications: first?.advocacyApplications, hires: first?.hires, advocacyHires: first?.advocacyHires },
    { shares: 2, humanClicks: 7, applications: 3, advocacyApplications: 2, hires: 1, advocacyHires: 1 },
  );
  assert.deepEqual(
    { shares: second?.shares, humanClicks: second?.humanClicks, applications: second?.applications, advocacyApplications: second?.advocacyApplications, hires: second?.hires },
    { shares: 0, humanClicks: 0, applications: 1, advocacyApplications: 1, hires: 1 },
  );
  // The same numbers as the vacancy's own funnel for the same period.
  const own = await vacancyFunnel(t.ctx, engineers, view.period);
  assert.deepEqual(
    [first?.shares, first?.humanClicks, first?.applications, first?.advocacyApplications, first?.hires, first?.advocacyHires],
    [own.funnel.shares, own.funnel.humanClicks, own.funnel.applications, own.advocacy.applications, own.funnel.hires, own.advocacy.hires],
  );

  // A shorter period leaves out what happened before it.
  const lastDays = await recruitment('?from=2026-11-24&to=2026-11-27');
  assert.equal(lastDays.advocacy.applications.all, 4);
  assert.equal(lastDays.vacancies.find((row) => row.vacancy.id === engineers)?.shares, 1);

  const csv = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/recruitment?format=csv', headers: recruiter });
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-type'] as string, /^text\/csv/);
  assert.match(csv.headers['content-disposition'] as string, /^attachment; filename="podium-recruitment-2026-10-31-2026-11-27\.csv"/);
  const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], 'section,week,key,label,figure,value');
  assert.ok(lines.includes('advocacy,,applications,,all,5'));
  assert.ok(lines.includes('touchpoints,,8+,,applications,1'));
  assert.ok(lines.includes(`vacancy,,${engineers},Engineer,humanClicks,7`));
});

test('the daily job snapshots the content gap; the dashboard shows each week by its latest snapshot', async () => {
  const [theme] = await db()
    .insert(themes)
    .values({ key: `analytics-gap-${uuidv7().slice(-6)}`, nameEn: 'Care', nameNl: 'Zorg' })
    .returning({ id: themes.id });
  assert.ok(theme);
  await buildVacancy('Carer', theme.id, 2);
  const expected = async () => (await listContentGaps(t.ctx, 'en')).items.find((gap) => gap.theme.id === theme.id);

  const snapshot = async () => {
    await t.jobs.send('analytics.gap-snapshot', {});
    await t.jobs.drain();
  };
  await snapshot();
  await snapshot(); // a rerun on the same day replaces that day's rows
  const rows = await db().select().from(contentGapSnapshots).where(eq(contentGapSnapshots.themeId, theme.id));
  assert.equal(rows.length, 1);
  const friday = await expected();
  assert.ok(friday);
  assert.deepEqual(
    { day: rows[0]?.day, pressure: rows[0]?.pressure, supply: rows[0]?.supply, need: rows[0]?.need, openVacancies: rows[0]?.openVacancies, recentStories: rows[0]?.recentStories },
    { day: '2026-11-27', pressure: friday.pressure, supply: friday.supply, need: friday.need, openVacancies: 1, recentStories: 0 },
  );

  // Saturday, same ISO week, a second vacancy: the week is shown by Saturday's snapshot.
  t.clock.advance(DAY);
  await buildVacancy('Night carer', theme.id);
  await snapshot();
  const saturday = await expected();
  assert.ok(saturday && saturday.pressure > friday.pressure);
  // Monday: a new week.
  t.clock.advance(2 * DAY);
  await snapshot();
  const monday = await expected();
  assert.ok(monday);

  const view = await recruitment('?from=2026-11-20&to=2026-11-30');
  const weeks = view.contentGap.map((week) => ({ week: week.week, day: week.day, care: week.themes.find((row) => row.theme.id === theme.id) }));
  assert.deepEqual(
    weeks.map((week) => [week.week, week.day, week.care?.pressure, week.care?.need, week.care?.openVacancies]),
    [
      ['2026-11-23', '2026-11-28', saturday.pressure, saturday.need, 2],
      ['2026-11-30', '2026-11-30', monday.pressure, monday.need, 2],
    ],
  );
  const total = view.contentGap[0];
  assert.equal(total?.totalNeed, Math.round((total?.themes.reduce((sum, row) => sum + row.need, 0) ?? 0) * 100) / 100);

  // In Dutch, the theme is named in Dutch.
  const nl = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/recruitment?from=2026-11-20&to=2026-11-30', headers: { ...recruiter, 'accept-language': 'nl' } });
  assert.ok((nl.json() as RecruitmentAnalytics).contentGap[0]?.themes.some((row) => row.theme.name === 'Zorg'));
  t.clock.advance(-3 * DAY);
  await db().delete(vacancies).where(inArray(vacancies.title, ['Carer', 'Night carer']));
});

test('who may read the recruitment dashboard, and a period a person can correct', async () => {
  const ambassador = await buildPerson(t);
  const denied = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/recruitment', headers: await sessionHeaders(t, ambassador) });
  assert.equal(denied.statusCode, 403);
  const editor = await buildPerson(t, { roles: ['editor'] });
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/analytics/recruitment', headers: await sessionHeaders(t, editor) })).statusCode, 200);
  const backwards = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/recruitment?from=2026-11-20&to=2026-11-01', headers: recruiter });
  assert.equal(backwards.statusCode, 400);
  assert.equal(backwards.json().error.code, 'period_invalid');
});

test('both dashboards are in the OpenAPI document with their figures', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const recruitmentGet = doc.paths['/api/v1/analytics/recruitment']?.get;
  const programmeGet = doc.paths['/api/v1/analytics/programme']?.get;
  assert.ok(recruitmentGet && programmeGet);
  assert.deepEqual(
    recruitmentGet.parameters.map((p: { name: string }) => p.name).sort(),
    ['format', 'from', 'to'],
  );
  assert.ok(programmeGet.parameters.some((p: { name: string }) => p.name === 'department'));
  assert.ok(doc.components.schemas.RecruitmentAnalytics?.properties.contentGap);
  assert.ok(doc.components.schemas.ProgrammeAnalytics?.properties.shareTexts);
});
