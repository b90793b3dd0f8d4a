import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { links, people, shares, vacancies, vacancySyncs } from '../db/schema/index.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { buildClicks, buildShare } from '../../test/support/tracking.ts';

let t: TestApp;
/** An ATS's token reports conversions; recruitment uploads files and reads the funnels. */
let ats: Record<string, string>;
let recruiter: Record<string, string>;

before(async () => {
  t = await createTestApp();
  ats = await tokenHeaders(t, 'recruiter');
  recruiter = await sessionHeaders(t, await buildPerson(t, { roles: ['recruiter'], name: 'Rita Recruiter' }));
});
after(() => t.close());

const at = (iso: string) => new Date(iso);

async function csvSource(name: string): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/vacancy-sources', headers: recruiter, payload: { type: 'csv', name } });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().id;
}

function upload(sourceId: string, csv: string, options: { query?: string; headers?: Record<string, string>; contentType?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/vacancy-sources/${sourceId}/upload${options.query ?? ''}`,
    headers: { ...recruiter, ...options.headers, 'content-type': options.contentType ?? 'text/csv' },
    payload: csv,
  });
}

async function uploaded(sourceId: string, csv: string, query = '') {
  const response = await upload(sourceId, csv, { query });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

async function vacancyOf(sourceId: string, externalId: string) {
  const [row] = await t.ctx.database.db
    .select()
    .from(vacancies)
    .where(and(eq(vacancies.sourceId, sourceId), eq(vacancies.externalId, externalId)));
  assert.ok(row, `vacancy ${externalId}`);
  return row;
}

/** Reports a conversion as an ATS does; a repeat answers the stored conversion as it is now. */
async function report(payload: object) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/conversions', headers: ats, payload });
  assert.ok(response.statusCode === 200 || response.statusCode === 201, response.body);
  return response.json() as { vacancyId: string | null; vacancyRef: string | null; touchpointCount: number };
}

/** A share of a vacancy with its link, straight into the tables (the composer is tested in src/sharing). */
async function buildVacancyShare(personId: string, vacancyId: string, when: Date) {
  const db = t.ctx.database.db;
  const [share] = await db
    .insert(shares)
    .values({ personId, itemType: 'vacancy', vacancyId, network: 'linkedin', text: 'We are hiring, in my words', personalised: true, similarity: 0, createdAt: when })
    .returning({ id: shares.id });
  assert.ok(share);
  const code = `v${uuidv7().replaceAll('-', '').slice(-10)}`;
  await db.insert(links).values({ code, shareId: share.id, itemType: 'vacancy', vacancyId, createdAt: when });
  return { shareId: share.id, code };
}

test('a conversion with an ATS job id is linked to the imported vacancy; one reported before the import is linked by the upload that brings the job in', async () => {
  const source = await csvSource('Main ATS export');
  await uploaded(source, 'externalId,title,department,openedAt\nJ-100,Verpleegkundige IC,Zorg,2026-10-01\n');
  const nurse = await vacancyOf(source, 'J-100');

  assert.equal((await report({ type: 'application', externalId: 'link-1', vacancyRef: 'J-100' })).vacancyId, nurse.id);
  const early = await report({ type: 'application', externalId: 'link-2', vacancyRef: 'J-200' });
  assert.deepEqual([early.vacancyId, early.vacancyRef], [null, 'J-200'], 'the job is not imported yet');
  const named = uuidv7();
  assert.equal((await report({ type: 'application', externalId: 'link-3', vacancyRef: 'J-200', vacancyId: named })).vacancyId, named, 'the reporter’s own vacancyId is kept');
  const imported = await t.app.inject({
    method: 'POST',
    url: '/api/v1/conversions/imports',
    headers: { ...ats, 'content-type': 'text/csv' },
    payload: `externalId,type,clickIds,vacancyRef\nlink-4,application,,J-200\n`,
  });
  assert.equal(imported.json().created, 1, imported.body);

  const report2 = await uploaded(source, 'externalId,title,department,openedAt\nJ-100,Verpleegkundige IC,Zorg,2026-10-01\nJ-200,Data engineer,ICT,2026-11-01\n');
  assert.equal(report2.added, 1);
  const engineer = await vacancyOf(source, 'J-200');
  assert.equal((await report({ type: 'application', externalId: 'link-2', vacancyRef: 'J-200' })).vacancyId, engineer.id, 'linked when the job came in');
  assert.equal((await report({ type: 'application', externalId: 'link-4', vacancyRef: 'J-200' })).vacancyId, engineer.id, 'an imported conversion too');
  assert.equal((await report({ type: 'application', externalId: 'link-3', vacancyRef: 'J-200' })).vacancyId, named, 'a link once made stays');
});

test('when several sources hold the job id, the vacancy open when the conversion happened wins, then the most recently opened', async () => {
  const boardA = await csvSource('Board A');
  const boardB = await csvSource('Board B');
  await uploaded(boardA, 'externalId,title,openedAt\nJ-7,Monteur,2026-06-01\n');
  await uploaded(boardB, 'externalId,title,openedAt\nJ-7,Monteur (regio Noord),2026-09-01\nJ-8,Planner,2026-09-01\n');
  const a = await vacancyOf(boardA, 'J-7');
  const b = await vacancyOf(boardB, 'J-7');

  assert.equal((await report({ type: 'application', externalId: 'multi-1', vacancyRef: 'J-7', occurredAt: '2026-10-01T12:00:00Z' })).vacancyId, b.id, 'both open: the newest');
  assert.equal((await report({ type: 'application', externalId: 'multi-2', vacancyRef: 'J-7', occurredAt: '2026-07-01T12:00:00Z' })).vacancyId, a.id, 'only A was open then');
  assert.equal((await report({ type: 'application', externalId: 'multi-3', vacancyRef: 'J-7', occurredAt: '2026-05-01T12:00:00Z' })).vacancyId, b.id, 'neither open yet: the newest');

  await uploaded(boardB, 'externalId,title,openedAt\nJ-8,Planner,2026-09-01\n');
  assert.equal((await vacancyOf(boardB, 'J-7')).status, 'closed');
  t.clock.advance(3_600_000);
  assert.equal((await report({ type: 'application', externalId: 'multi-4', vacancyRef: 'J-7' })).vacancyId, a.id, 'B closed before it happened');
});

test('a conversion that names no job takes the vacancy of the vacancy share it came through; a job id is never overruled by the touchpoints', async () => {
  const source = await csvSource('Touchpoint ATS');
  await uploaded(source, 'externalId,title,openedAt\nT-1,Elektricien,2026-10-01\nT-2,Werkvoorbereider,2026-10-01\n');
  const electrician = await vacancyOf(source, 'T-1');
  const planner = await vacancyOf(source, 'T-2');
  const sharer = await buildPerson(t, { name: 'Sam Sharer' });
  const share = await buildVacancyShare(sharer.id, electrician.id, at('2026-11-01T08:00:00Z'));
  const clicks = await buildClicks(t, share, [{ at: at('2026-11-02T08:00:00Z') }, { at: at('2026-11-02T09:00:00Z') }, { at: at('2026-11-02T10:00:00Z') }]);
  const story = await buildShare(t, (await insertStory(t)).id, { personId: sharer.id });
  const [storyClick] = await buildClicks(t, story, [{ at: at('2026-11-03T08:00:00Z') }]);

  const viaShare = await report({ type: 'application', externalId: 'tp-1', clickIds: [clicks[0]] });
  assert.deepEqual([viaShare.vacancyId, viaShare.touchpointCount], [electrician.id, 1]);
  assert.equal((await report({ type: 'application', externalId: 'tp-2', clickIds: [clicks[1]], vacancyRef: 'T-2' })).vacancyId, planner.id, 'the ATS knows which job');
  assert.equal((await report({ type: 'application', externalId: 'tp-3', clickIds: [clicks[2]], vacancyRef: 'T-404' })).vacancyId, null, 'a job Podium does not hold is not guessed');
  assert.equal((await report({ type: 'application', externalId: 'tp-4', clickIds: [storyClick] })).vacancyId, null, 'a story share names no vacancy');
  assert.equal((await report({ type: 'application', externalId: 'tp-5', clickIds: [storyClick, clicks[0]] })).vacancyId, electrician.id, 'the last touch on a vacancy share tells');
});

/**
 * The funnel world: vacancy F-1 (opened 1 October) shared by Anna (twice), Bram (once, and a
 * story) and Cees (once; he later leaves the programme). Clicks in early November; six
 * applications (one without any touchpoint, one through Bram's story, one found by Anna's share
 * alone, one touched by Anna and Bram), an apply_started and a hire through Anna on 20 November.
 * Vacancy F-2 (opened 1 November) is shared by Anna and closes on 27 November without a hire.
 */
test('a vacancy’s funnel: shares → human clicks → applications → hires, advocacy share, time to fill and each ambassador’s part', async () => {
  const source = await csvSource('Funnel ATS');
  await uploaded(source, 'externalId,title,openedAt\nF-1,Verpleegkundige SEH,2026-10-01\nF-2,Teamleider,2026-11-01\nF-3,Stagiair,2026-11-01\n');
  const v1 = await vacancyOf(source, 'F-1');
  const v2 = await vacancyOf(source, 'F-2');
  const anna = await buildPerson(t, { name: 'Anna Ambassador' });
  const bram = await buildPerson(t, { name: 'Bram Ambassador' });
  const cees = await buildPerson(t, { name: 'Cees Ambassador' });

  const a1 = await buildVacancyShare(anna.id, v1.id, at('2026-11-01T08:00:00Z'));
  const a2 = await buildVacancyShare(anna.id, v1.id, at('2026-11-10T08:00:00Z'));
  const b1 = await buildVacancyShare(bram.id, v1.id, at('2026-11-05T08:00:00Z'));
  const c1 = await buildVacancyShare(cees.id, v1.id, at('2026-11-08T08:00:00Z'));
  await buildVacancyShare(anna.id, v2.id, at('2026-11-09T08:00:00Z'));
  const bStory = await buildShare(t, (await insertStory(t, { title: 'Een nacht op de SEH' })).id, { personId: bram.id, at: at('2026-11-06T08:00:00Z') });
  const [anna1, anna2] = await buildClicks(t, a1, [{ at: at('2026-11-02T08:00:00Z') }, { at: at('2026-11-02T09:00:00Z') }, { at: at('2026-11-02T09:05:00Z'), kind: 'preview' }]);
  const [anna3] = await buildClicks(t, a2, [{ at: at('2026-11-11T08:00:00Z') }]);
  const [bram1] = await buildClicks(t, b1, [{ at: at('2026-11-06T08:00:00Z') }]);
  const [bramStory] = await buildClicks(t, bStory, [{ at: at('2026-11-07T08:00:00Z') }, { at: at('2026-11-07T09:00:00Z') }]);
  const [cees1] = await buildClicks(t, c1, [{ at: at('2026-11-08T09:00:00Z') }, { at: at('2026-11-08T10:00:00Z') }]);

  const conversion = (externalId: string, type: string, occurredAt: string, clickIds: (string | undefined)[], vacancyRef: string | null = 'F-1') =>
    report({ type, externalId, occurredAt, clickIds, ...(vacancyRef ? { vacancyRef } : {}) });
  await conversion('f-a1', 'application', '2026-11-12T10:00:00Z', [anna1]);
  await conversion('f-s1', 'apply_started', '2026-11-12T09:00:00Z', [anna2]);
  await conversion('f-a2', 'application', '2026-11-13T10:00:00Z', [bramStory]);
  await conversion('f-a3', 'application', '2026-11-14T10:00:00Z', [cees1]);
  await conversion('f-a4', 'application', '2026-11-15T10:00:00Z', []);
  await conversion('f-a5', 'application', '2026-11-16T10:00:00Z', [anna3], null);
  await conversion('f-a6', 'application', '2026-11-17T10:00:00Z', [anna1, bram1]);
  await conversion('f-h1', 'hire', '2026-11-20T09:00:00Z', [anna1]);
  await t.ctx.database.db.update(people).set({ ambassadorStatus: 'opted_out' }).where(eq(people.id, cees.id));
  // F-2 leaves the export on 27 November (F-3 stays, so this is no mass close).
  await uploaded(source, 'externalId,title,openedAt\nF-1,Verpleegkundige SEH,2026-10-01\nF-3,Stagiair,2026-11-01\n');

  const response = await t.app.inject({ method: 'GET', url: `/api/v1/vacancies/${v1.id}/stats`, headers: recruiter });
  assert.equal(response.statusCode, 200, response.body);
  const funnel = response.json();
  assert.deepEqual(funnel.vacancy, { id: v1.id, title: 'Verpleegkundige SEH', slug: v1.slug, status: 'open', openings: 1, openedAt: '2026-10-01T00:00:00.000Z', closedAt: null });
  assert.deepEqual(funnel.funnel, { shares: 4, ambassadors: 3, humanClicks: 6, applyStarted: 1, applications: 6, hires: 1 });
  assert.deepEqual(funnel.advocacy, { applyStarted: 1, applications: 5, hires: 1, applicationsViaVacancyShares: 4, applicationsViaStoryShares: 1 });
  assert.equal(funnel.advocacyShare, 0.8333);
  assert.deepEqual([funnel.timeToFillDays, funnel.filledAt, funnel.filledBy], [50.4, '2026-11-20T09:00:00.000Z', 'hire']);
  assert.deepEqual(funnel.byAmbassador, [
    { person: { id: anna.id, name: 'Anna Ambassador' }, shares: 2, humanClicks: 3, applications: 3, hires: 1 },
    { person: { id: bram.id, name: 'Bram Ambassador' }, shares: 1, humanClicks: 1, applications: 2, hires: 0 },
  ]);
  assert.equal(funnel.unlistedAmbassadors, 1, 'Cees left the programme: counted, not named');

  const ranged = (await t.app.inject({ method: 'GET', url: `/api/v1/vacancies/${v1.id}/stats?from=2026-11-14&to=2026-11-30`, headers: recruiter })).json();
  assert.deepEqual(ranged.funnel, { shares: 0, ambassadors: 0, humanClicks: 0, applyStarted: 0, applications: 4, hires: 1 });
  assert.deepEqual(
    ranged.byAmbassador.map((row: { person: { name: string }; applications: number; hires: number }) => [row.person.name, row.applications, row.hires]),
    [
      ['Anna Ambassador', 2, 1],
      ['Bram Ambassador', 1, 0],
    ],
  );
  assert.equal(ranged.timeToFillDays, 50.4, 'time to fill is the vacancy’s whole life');

  const closed = (await t.app.inject({ method: 'GET', url: `/api/v1/vacancies/${v2.id}/stats`, headers: recruiter })).json();
  assert.deepEqual([closed.vacancy.status, closed.timeToFillDays, closed.filledBy, closed.advocacyShare], ['closed', 26.4, 'closed', null]);
  const quiet = (await t.app.inject({ method: 'GET', url: `/api/v1/vacancies/${(await vacancyOf(source, 'F-3')).id}/stats`, headers: recruiter })).json();
  assert.deepEqual([quiet.timeToFillDays, quiet.filledAt, quiet.byAmbassador, quiet.funnel.shares], [null, null, [], 0]);
  const missing = await t.app.inject({ method: 'GET', url: `/api/v1/vacancies/${uuidv7()}/stats`, headers: recruiter });
  assert.equal(missing.statusCode, 404);
  const badRange = await t.app.inject({ method: 'GET', url: `/api/v1/vacancies/${v1.id}/stats?from=2026-11-30&to=2026-11-01`, headers: recruiter });
  assert.equal(badRange.statusCode, 400);

  // Per ambassador: shares → clicks → applications → hires over every vacancy.
  const mine = await t.app.inject({ method: 'GET', url: `/api/v1/people/${anna.id}/vacancy-stats`, headers: await sessionHeaders(t, anna) });
  assert.equal(mine.statusCode, 200, mine.body);
  assert.deepEqual(mine.json(), {
    person: { id: anna.id, name: 'Anna Ambassador' },
    from: null,
    to: null,
    totals: { shares: 3, humanClicks: 3, applications: 3, hires: 1 },
    items: [
      { vacancy: { id: v1.id, title: 'Verpleegkundige SEH', slug: v1.slug, status: 'open' }, shares: 2, humanClicks: 3, applications: 3, hires: 1 },
      { vacancy: { id: v2.id, title: 'Teamleider', slug: v2.slug, status: 'closed' }, shares: 1, humanClicks: 0, applications: 0, hires: 0 },
    ],
  });
  const staffView = (await t.app.inject({ method: 'GET', url: `/api/v1/people/${bram.id}/vacancy-stats?from=2026-11-01&to=2026-11-30`, headers: recruiter })).json();
  assert.deepEqual(staffView.totals, { shares: 1, humanClicks: 1, applications: 2, hires: 0 }, 'the story share’s application counts for Bram; its clicks are no vacancy clicks');
  const nosy = await t.app.inject({ method: 'GET', url: `/api/v1/people/${anna.id}/vacancy-stats`, headers: await sessionHeaders(t, bram) });
  assert.deepEqual([nosy.statusCode, nosy.json().error.code], [403, 'forbidden']);
  const left = await t.app.inject({ method: 'GET', url: `/api/v1/people/${cees.id}/vacancy-stats`, headers: { ...ats, 'accept-language': 'nl' } });
  assert.deepEqual([left.statusCode, left.json().error.code], [403, 'person_opted_out']);
  assert.match(left.json().error.message, /ambassadeursprogramma/);
  const own = (await t.app.inject({ method: 'GET', url: `/api/v1/people/${cees.id}/vacancy-stats`, headers: await sessionHeaders(t, cees) })).json();
  assert.deepEqual(own.totals, { shares: 1, humanClicks: 2, applications: 1, hires: 0 }, 'a person who left still sees their own');
  const nobody = await t.app.inject({ method: 'GET', url: `/api/v1/people/${uuidv7()}/vacancy-stats`, headers: recruiter });
  assert.equal(nobody.statusCode, 404);
});

test('CSV uploads: only for csv sources, a bad file changes nothing and says why, a mass close waits for a confirmed upload', async () => {
  const noUrl = await t.app.inject({ method: 'POST', url: '/api/v1/vacancy-sources', headers: recruiter, payload: { type: 'greenhouse' } });
  assert.equal(noUrl.statusCode, 400, 'a feed source needs its URL');
  const source = await t.app.inject({ method: 'POST', url: '/api/v1/vacancy-sources', headers: recruiter, payload: { type: 'csv' } });
  assert.equal(source.statusCode, 201, source.body);
  assert.deepEqual([source.json().name, source.json().url], ['CSV (upload)', null]);
  const id: string = source.json().id;
  const sync = await t.app.inject({ method: 'POST', url: `/api/v1/vacancy-sources/${id}/sync`, headers: recruiter });
  assert.deepEqual([sync.statusCode, sync.json().error.code], [409, 'vacancy_source_upload_only']);
  const feed = await t.app.inject({ method: 'POST', url: '/api/v1/vacancy-sources', headers: recruiter, payload: { type: 'greenhouse', url: 'https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true' } });
  const notCsv = await upload(feed.json().id, 'externalId,title\n1,A\n');
  assert.deepEqual([notCsv.statusCode, notCsv.json().error.code], [409, 'vacancy_source_not_csv']);
  assert.equal((await upload(uuidv7(), 'externalId,title\n1,A\n')).statusCode, 404);
  const json = await t.app.inject({ method: 'POST', url: `/api/v1/vacancy-sources/${id}/upload`, headers: recruiter, payload: { externalId: '1' } });
  assert.equal(json.statusCode, 415);

  // Dutch Excel: semicolons, Dutch headers, Windows-1252.
  const dutch = Buffer.from('Referentie;Functie;Afdeling;Locatie;Aantal\nU-1;Verpleegkundige;Zorg;Zwolle;2\nU-2;Cardioloog;Zorg;Deventer;1\nU-3;Coördinator;Facilitair;Zwolle;1\nU-4;;Zorg;Zwolle;1\n', 'latin1');
  const first = await t.app.inject({ method: 'POST', url: `/api/v1/vacancy-sources/${id}/upload`, headers: { ...recruiter, 'content-type': 'text/csv' }, payload: dutch });
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual([first.json().status, first.json().added, first.json().failed], ['applied', 3, 1]);
  assert.match(first.json().problems[0].message, /no title/);
  assert.equal((await vacancyOf(id, 'U-3')).title, 'Coördinator');
  assert.equal((await vacancyOf(id, 'U-1')).openings, 2);

  const state = async () => {
    const rows = await t.ctx.database.db.select({ externalId: vacancies.externalId, status: vacancies.status, title: vacancies.title }).from(vacancies).where(eq(vacancies.sourceId, id)).orderBy(vacancies.externalId);
    const syncs = await t.ctx.database.db.select({ id: vacancySyncs.id }).from(vacancySyncs).where(eq(vacancySyncs.sourceId, id));
    return { rows, syncs: syncs.length };
  };
  const before = await state();
  const noTitle = await upload(id, 'externalId,name\nU-1,Verpleegkundige\n');
  assert.deepEqual([noTitle.statusCode, noTitle.json().error.code], [400, 'vacancy_csv_invalid']);
  assert.match(noTitle.json().error.message, /nothing was changed.*no title column/);
  for (const blank of ['   \n', '']) {
    const empty = await upload(id, blank);
    assert.deepEqual([empty.statusCode, empty.json().error.code], [400, 'vacancy_csv_invalid'], JSON.stringify(blank));
    assert.match(empty.json().error.message, /the file is empty/);
  }
  const binary = await t.app.inject({ method: 'POST', url: `/api/v1/vacancy-sources/${id}/upload`, headers: { ...recruiter, 'content-type': 'text/csv' }, payload: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]) });
  assert.deepEqual([binary.statusCode, binary.json().error.code], [400, 'vacancy_csv_invalid'], 'an Excel file sent as CSV');
  // An API token has no profile language: Accept-Language decides.
  const unusable = await t.app.inject({
    method: 'POST',
    url: `/api/v1/vacancy-sources/${id}/upload`,
    headers: { ...ats, 'accept-language': 'nl', 'content-type': 'text/csv' },
    payload: 'externalId,title\n,Zonder nummer\nU-9,\n',
  });
  assert.deepEqual([unusable.statusCode, unusable.json().error.code], [422, 'vacancy_csv_no_rows']);
  assert.match(unusable.json().error.message, /Geen enkele regel/);
  assert.equal(unusable.json().error.details.problems.length, 2);
  assert.deepEqual(await state(), before, 'no vacancy and no sync changed');

  const mass = await uploaded(id, 'externalId,title,location,openings\nU-1,Verpleegkundige,Zwolle,2\n');
  assert.deepEqual([mass.status, mass.closed], ['awaiting_confirmation', 2]);
  assert.deepEqual((await state()).rows, before.rows, 'nothing closed before the file is confirmed');
  const confirmed = await uploaded(id, 'externalId,title,location,openings\nU-1,Verpleegkundige,Zwolle,2\n', '?confirmMassClose=true');
  assert.deepEqual([confirmed.status, confirmed.closed], ['confirmed', 2]);
  assert.deepEqual(
    (await state()).rows.map((row) => [row.externalId, row.status]),
    [
      ['U-1', 'open'],
      ['U-2', 'closed'],
      ['U-3', 'closed'],
    ],
  );
  const sources = (await t.app.inject({ method: 'GET', url: '/api/v1/vacancy-sources', headers: recruiter })).json().items as { id: string; lastSyncedAt: string | null; lastError: string | null }[];
  const listed = sources.find((row) => row.id === id);
  assert.ok(listed?.lastSyncedAt);
  assert.equal(listed.lastError, null);
});

test('the funnels and the upload are in the OpenAPI document', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  assert.ok(doc.paths['/api/v1/vacancies/{id}/stats']?.get);
  assert.ok(doc.paths['/api/v1/people/{id}/vacancy-stats']?.get);
  const uploadOperation = doc.paths['/api/v1/vacancy-sources/{id}/upload']?.post;
  assert.match(uploadOperation?.summary ?? '', /text\/csv/);
  assert.ok(uploadOperation.responses['422'], 'a file with no usable row');
  assert.ok(uploadOperation.parameters.some((parameter: { name: string; in: string }) => parameter.name === 'confirmMassClose' && parameter.in === 'query'));
  for (const id of ['VacancyFunnel', 'AmbassadorVacancyFunnel', 'PersonVacancyStats']) assert.ok(doc.components.schemas[id], id);
  assert.match(JSON.stringify(doc.components.schemas.VacancyFunnel), /whichever came first/);
});
