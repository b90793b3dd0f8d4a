import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import { auditLog, conversions, conversionTouchpoints } from '../db/schema/index.ts';
import { runRetention } from '../privacy/service.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { buildClicks, buildShare } from '../../test/support/tracking.ts';
import { CONVERSION_RETENTION_DAYS } from './privacy.ts';
import { recordConversion } from './service.ts';

let t: TestApp;
let recruiter: Record<string, string>;
before(async () => {
  t = await createTestApp();
  recruiter = await tokenHeaders(t, 'recruiter');
});
after(() => t.close());

const DAY = 86_400_000;

function upload(csv: string, headers: Record<string, string> = recruiter, contentType = 'text/csv') {
  return t.app.inject({ method: 'POST', url: '/api/v1/conversions/imports', headers: { ...headers, 'content-type': contentType }, payload: Buffer.from(csv) });
}

test('an ATS export: good rows are stored with their touchpoints, every other row says exactly what is wrong', async () => {
  const share = await buildShare(t, (await insertStory(t)).id);
  const [a, b] = await buildClicks(t, share, [{ at: new Date('2026-10-01T09:00:00Z') }, { at: new Date('2026-10-04T09:00:00Z') }]);
  const csv = [
    'externalId,type,occurredAt,clickIds,vacancyRef',
    `imp-1,application,2026-10-05T10:00:00Z,${a} ${b},ENG-1`,
    `imp-2,hire,2026-10-05,${a}|${b},`,
    'imp-3,application,2026-10-05,not-a-click,',
    `imp-1,application,2026-10-06,${b},`,
    'imp-4,lead,,,',
    `imp-5,interview,2026-10-05,${a},`,
  ].join('\n');
  const response = await upload(csv);
  assert.equal(response.statusCode, 200, response.body);
  const report = response.json();
  assert.deepEqual(
    { total: report.total, created: report.created, duplicates: report.duplicates, errors: report.errors, delimiter: report.delimiter, encoding: report.encoding },
    { total: 6, created: 3, duplicates: 1, errors: 2, delimiter: ',', encoding: 'utf-8' },
  );
  assert.deepEqual(
    report.rows.map((r: { row: number; status: string; message: string; touchpointCount: number | null }) => [r.row, r.status, r.touchpointCount, r.message]),
    [
      [2, 'created', 2, 'Recorded with 2 touchpoints.'],
      [3, 'created', 2, 'Recorded with 2 touchpoints.'],
      [4, 'error', null, '“not-a-click” is not a click id: a click id is the pcid value from the link, a UUID such as 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.'],
      [5, 'duplicate', null, 'The same externalId as line 2; only the first is recorded.'],
      [6, 'created', 0, 'Recorded with 0 touchpoints.'],
      [7, 'error', null, 'Unknown conversion type “interview” (use one of apply_started, application, hire, lead, signup).'],
    ],
  );
  const rows = await t.ctx.database.db.select().from(conversions).where(inArray(conversions.externalId, ['imp-1', 'imp-2', 'imp-3', 'imp-4', 'imp-5']));
  assert.deepEqual(rows.map((r) => [r.externalId, r.type, r.source, r.touchpointCount]).sort(), [
    ['imp-1', 'application', 'import', 2],
    ['imp-2', 'hire', 'import', 2],
    ['imp-4', 'lead', 'import', 0],
  ]);
  const audit = await t.ctx.database.db.select().from(auditLog).where(eq(auditLog.action, 'conversions.imported'));
  assert.deepEqual(audit.at(-1)?.after, { total: 6, created: 3, duplicates: 1, errors: 2 });

  const again = (await upload(csv)).json();
  assert.equal(again.created, 0, 'importing the same file twice stores nothing new');
  assert.equal(again.duplicates, 4);
  assert.equal(again.rows[0].message, 'Already reported before; the first report is kept (2 touchpoints).');
});

test('a Dutch Excel file (semicolons, Windows-1252) gets Dutch messages for a Dutch recruiter', async () => {
  const person = await buildPerson(t, { roles: ['recruiter'], language: 'nl' });
  const csv = Buffer.from('Sollicitatienummer;Soort;Datum;pcid;Vacature\r\nNL-1;sollicitatie;01-10-2026;;Café\r\nNL-2;;01-10-2026;;\r\n', 'latin1');
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/conversions/imports', headers: { ...(await sessionHeaders(t, person)), 'content-type': 'text/csv' }, payload: csv });
  assert.equal(response.statusCode, 200, response.body);
  const report = response.json();
  assert.equal(report.encoding, 'windows-1252');
  assert.deepEqual(
    report.rows.map((r: { status: string; message: string }) => [r.status, r.message]),
    [
      ['created', 'Vastgelegd met 0 contactmomenten.'],
      ['error', 'Onbekend conversietype “” (gebruik een van apply_started, application, hire, lead, signup).'],
    ],
  );
  const [row] = await t.ctx.database.db.select().from(conversions).where(eq(conversions.externalId, 'NL-1'));
  assert.equal(row?.vacancyRef, 'Café');
  assert.equal(row?.occurredAt.toISOString(), '2026-10-01T23:59:59.999Z');
});

test('a file that is not a conversions CSV is refused as a whole; only CSV is accepted', async () => {
  const missing = await upload('email,name\na@example.com,A\n');
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json().error.code, 'csv_missing_column');
  assert.match(missing.json().error.message, /required column missing: externalId, type, clickIds/);
  const json = await t.app.inject({ method: 'POST', url: '/api/v1/conversions/imports', headers: recruiter, payload: { externalId: 'x' } });
  assert.equal(json.statusCode, 415);
  const tooMany = await upload(`externalId,type,clickIds\n${Array.from({ length: 10_001 }, (_, i) => `many-${i},lead,`).join('\n')}\n`);
  assert.equal(tooMany.statusCode, 400);
  assert.equal(tooMany.json().error.code, 'csv_too_many_rows');
});

test('privacy: a sharer’s export counts the touchpoints of their shares; erasure keeps the totals; conversions go after 25 months', async () => {
  const admin = await tokenHeaders(t, 'admin');
  const story = await insertStory(t);
  const share = await buildShare(t, story.id);
  const now = t.clock.now();
  const [recent, old] = await buildClicks(t, share, [{ at: new Date(now.getTime() - 2 * DAY) }, { at: new Date(now.getTime() - (CONVERSION_RETENTION_DAYS + 10) * DAY) }]);
  await recordConversion(t.ctx, { type: 'application', externalId: 'privacy-new', clickId: recent, occurredAt: new Date(now.getTime() - DAY) }, 'api');
  await recordConversion(t.ctx, { type: 'application', externalId: 'privacy-old', clickId: old, occurredAt: new Date(now.getTime() - (CONVERSION_RETENTION_DAYS + 1) * DAY) }, 'api');

  const exported = (await t.app.inject({ method: 'GET', url: `/api/v1/people/${share.personId}/export`, headers: admin })).json();
  assert.deepEqual(exported['conversions.touchpoints'], [{ shareId: share.shareId, type: 'application', touchpoints: 2, firstTouchCredit: 2, lastTouchCredit: 2, linearCredit: 2 }]);

  const erased = await t.app.inject({ method: 'POST', url: `/api/v1/people/${share.personId}/erase`, headers: admin });
  assert.equal(erased.statusCode, 200, erased.body);
  const kept = await t.ctx.database.db.select().from(conversionTouchpoints).where(eq(conversionTouchpoints.shareId, share.shareId));
  assert.equal(kept.length, 2, 'the totals stay after erasure');

  const purged = await runRetention(t.ctx);
  assert.equal(purged['conversions.touchpoints'], 1);
  const left = await t.ctx.database.db.select({ externalId: conversions.externalId }).from(conversions).where(and(inArray(conversions.externalId, ['privacy-new', 'privacy-old'])));
  assert.deepEqual(left, [{ externalId: 'privacy-new' }]);
  const touchpoints = await t.ctx.database.db.select().from(conversionTouchpoints).where(eq(conversionTouchpoints.shareId, share.shareId));
  assert.equal(touchpoints.length, 1, 'the old conversion’s touchpoint went with it');
});
