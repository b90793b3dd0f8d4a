import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../http/errors.ts';
import { parseConversionCsv, parseOccurredAt, splitClickIds } from './import-csv.ts';

const now = new Date('2026-06-01T12:00:00Z');
const a = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const b = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';

test('times: with an offset as given, without one as UTC, a date alone as the end of that day but never after now', () => {
  assert.equal(parseOccurredAt('2026-05-01T10:00:00+02:00', now)?.toISOString(), '2026-05-01T08:00:00.000Z');
  assert.equal(parseOccurredAt('2026-05-01 10:00', now)?.toISOString(), '2026-05-01T10:00:00.000Z');
  assert.equal(parseOccurredAt('2026-05-01', now)?.toISOString(), '2026-05-01T23:59:59.999Z');
  assert.equal(parseOccurredAt('01-05-2026', now)?.toISOString(), '2026-05-01T23:59:59.999Z', 'Dutch day-month-year');
  assert.equal(parseOccurredAt('2026-06-01', now)?.toISOString(), now.toISOString(), 'today ends now');
  assert.equal(parseOccurredAt('', now), now);
  assert.equal(parseOccurredAt('yesterday', now), null);
  assert.equal(parseOccurredAt('2026-02-30', now), null);
});

test('click ids are split on spaces, | and commas, with an optional pcid= before each', () => {
  assert.deepEqual(splitClickIds(`${a} | pcid=${b}`), [a, b]);
  assert.deepEqual(splitClickIds(`${a},${b}`), [a, b]);
  assert.deepEqual(splitClickIds(''), []);
});

test('every row is checked on its own, and says exactly what is wrong', () => {
  const csv = [
    'External ID;Type;Occurred at;Click IDs;Vacancy',
    `app-1;Application;2026-05-01T10:00:00Z;${a} ${b};ENG-42`,
    `app-2;hired;2026-05-01;${a};`,
    `app-3;lead;2027-01-01T00:00:00Z;;`,
    `app-4;signup;;not-a-click;`,
    `;lead;;;`,
    `app-5;apply started;;pcid=${a};`,
  ].join('\r\n');
  const parsed = parseConversionCsv(Buffer.from(csv), 'en', now);
  assert.equal(parsed.delimiter, ';');
  const summary = parsed.rows.map((row) => ('error' in row ? [row.line, 'error', row.error] : [row.line, row.conversion.type, row.conversion.clickIds.length]));
  assert.deepEqual(summary, [
    [2, 'application', 2],
    [3, 'error', 'Unknown conversion type “hired” (use one of apply_started, application, hire, lead, signup).'],
    [4, 'error', 'The time 2027-01-01T00:00:00.000Z lies in the future; at most 5 minutes ahead is accepted. Check the clock of the system that reports it.'],
    [5, 'error', '“not-a-click” is not a click id: a click id is the pcid value from the link, a UUID such as 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.'],
    [6, 'error', 'The externalId is empty; every row needs your own id of the conversion.'],
    [7, 'apply_started', 1],
  ]);
  const first = parsed.rows[0];
  assert.ok(first && 'conversion' in first);
  assert.equal(first.conversion.vacancyRef, 'ENG-42');
});

test('Dutch messages for a Dutch reader, from a Windows-1252 file', () => {
  const csv = Buffer.from(`externalId,type,clickIds\nsollicitatie-é,onbekend,${a}\n`, 'latin1');
  const parsed = parseConversionCsv(csv, 'nl', now);
  assert.equal(parsed.encoding, 'windows-1252');
  const [row] = parsed.rows;
  assert.ok(row && 'error' in row);
  assert.equal(row.externalId, 'sollicitatie-é');
  assert.match(row.error, /^Onbekend conversietype “onbekend”/);
});

test('a file without the required columns, or not a CSV at all, is refused as a whole', () => {
  const missing = () => parseConversionCsv(Buffer.from('id,name\n1,x\n'), 'en', now);
  assert.throws(missing, (error: unknown) => error instanceof AppError && error.code === 'csv_missing_column' && error.params.detail === 'required column missing: type, clickIds');
  assert.throws(
    () => parseConversionCsv(Buffer.from(''), 'en', now),
    (error: unknown) => error instanceof AppError && error.code === 'csv_empty_file',
  );
  assert.throws(
    () => parseConversionCsv(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'en', now),
    (error: unknown) => error instanceof AppError && error.code === 'csv_not_csv',
  );
});
