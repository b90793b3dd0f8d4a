import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../http/errors.ts';
import { csvField, toCsv } from './csv.ts';
import { parseAnalyticsQuery, periodsOf } from './filters.ts';

const now = new Date('2026-11-27T09:00:00Z');

test('the default period is the last 28 days up to today, compared with the 28 days before', () => {
  const { current, previous } = periodsOf({ compare: 'previous' }, now);
  assert.deepEqual([current.from, current.to], ['2026-10-31', '2026-11-27']);
  assert.deepEqual([previous?.from, previous?.to], ['2026-10-03', '2026-10-30']);
  assert.equal(current.end.toISOString(), '2026-11-28T00:00:00.000Z');
});

test('a period of any length is compared with the one just before it; compare=none leaves it out', () => {
  const { previous } = periodsOf({ from: '2026-03-01', to: '2026-03-31', compare: 'previous' }, now);
  assert.deepEqual([previous?.from, previous?.to], ['2026-01-29', '2026-02-28']);
  assert.equal(periodsOf({ from: '2026-03-01', to: '2026-03-31', compare: 'none' }, now).previous, null);
});

test('an end before the start, or more than ten years, is a 400 a person can act on', () => {
  assert.throws(() => periodsOf({ from: '2026-03-02', to: '2026-03-01', compare: 'none' }, now), (e: unknown) => e instanceof AppError && e.status === 400 && e.code === 'period_invalid');
  assert.throws(() => periodsOf({ from: '2000-01-01', to: '2026-03-01', compare: 'none' }, now), (e: unknown) => e instanceof AppError && e.code === 'period_too_long');
});

test('format=csv asks for CSV; a story format filters, also as storyFormat next to format=csv', () => {
  assert.deepEqual(parseAnalyticsQuery({ compare: 'previous', format: 'csv', storyFormat: 'interview' }), { csv: true, filter: { compare: 'previous', format: 'interview' } });
  assert.deepEqual(parseAnalyticsQuery({ compare: 'none', format: 'column' }), { csv: false, filter: { compare: 'none', format: 'column' } });
});

test('CSV per RFC 4180 with a BOM, and no formulas for a spreadsheet to run', () => {
  assert.equal(csvField('Zorg, "acuut"'), '"Zorg, ""acuut"""');
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField(null), '');
  assert.equal(csvField(-3), '-3');
  assert.equal(toCsv(['a', 'b'], [['één', 2]]), '\uFEFFa,b\r\néén,2\r\n');
});
