import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attribute, LOOKBACK_MS, type ReportedClick } from './attribution.ts';

const conversionAt = new Date('2026-06-01T12:00:00Z');
const before = (ms: number) => new Date(conversionAt.getTime() - ms);
const DAY = 86_400_000;
const click = (id: string, at: Date, overrides: Partial<ReportedClick> = {}): ReportedClick => ({ id, shareId: `share-${id}`, occurredAt: at, bot: false, ...overrides });

test('the lookback is exactly 90 days: a click 90 days before counts, one a millisecond earlier does not', () => {
  assert.equal(LOOKBACK_MS, 90 * DAY);
  const touches = attribute(conversionAt, [click('edge', before(90 * DAY)), click('out', before(90 * DAY + 1))]);
  assert.deepEqual(
    touches.map((t) => t.clickId),
    ['edge'],
  );
});

test('a click after the conversion is no touchpoint; one at the same moment is', () => {
  const touches = attribute(conversionAt, [click('same', conversionAt), click('later', new Date(conversionAt.getTime() + 1))]);
  assert.deepEqual(
    touches.map((t) => t.clickId),
    ['same'],
  );
});

test('bots never count, and a click id reported twice counts once', () => {
  const touches = attribute(conversionAt, [click('crawler', before(DAY), { bot: true }), click('person', before(2 * DAY)), click('person', before(2 * DAY))]);
  assert.deepEqual(
    touches.map((t) => [t.clickId, t.position]),
    [['person', 1]],
  );
});

test('a journey of four touches: positions in time order, first and last touch get all, linear a quarter each', () => {
  // Reported out of order, as a careers site may keep them.
  const touches = attribute(conversionAt, [click('c', before(3 * DAY)), click('a', before(40 * DAY)), click('d', before(60_000)), click('b', before(10 * DAY))]);
  assert.deepEqual(
    touches.map((t) => [t.clickId, t.position, t.creditFirst, t.creditLast, t.creditLinear]),
    [
      ['a', 1, 1, 0, 0.25],
      ['b', 2, 0, 0, 0.25],
      ['c', 3, 0, 0, 0.25],
      ['d', 4, 0, 1, 0.25],
    ],
  );
  assert.equal(touches[0]?.shareId, 'share-a');
});

test('one touch takes first, last and linear credit; three share linear credit that adds up to one', () => {
  const [only] = attribute(conversionAt, [click('only', before(DAY))]);
  assert.deepEqual([only?.creditFirst, only?.creditLast, only?.creditLinear], [1, 1, 1]);
  const three = attribute(conversionAt, [click('x', before(3 * DAY)), click('y', before(2 * DAY)), click('z', before(DAY))]);
  assert.ok(Math.abs(three.reduce((sum, t) => sum + t.creditLinear, 0) - 1) < 1e-12);
  assert.deepEqual(
    three.map((t) => t.creditFirst + t.creditLast),
    [1, 0, 1],
  );
});

test('no human click in the window: no touchpoints at all', () => {
  assert.deepEqual(attribute(conversionAt, []), []);
  assert.deepEqual(attribute(conversionAt, [click('old', before(200 * DAY)), click('bot', before(DAY), { bot: true })]), []);
});

test('clicks at the same moment are ordered by click id (UUIDv7: the order they were made)', () => {
  const at = before(DAY);
  const touches = attribute(conversionAt, [click('0190-b', at), click('0190-a', at)]);
  assert.deepEqual(
    touches.map((t) => t.clickId),
    ['0190-a', '0190-b'],
  );
});
