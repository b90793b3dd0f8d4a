import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activity, clickTime, DAY, demoVisitorHash, HOUR, referrerFor, seededUuid, weighted } from './click-shape.ts';
import { seededRandom } from './random.ts';

test('ids come from the seed and the click time: the same every run, in time order, UUIDv7', () => {
  const at = Date.parse('2026-06-01T12:00:00Z');
  const first = [seededUuid(seededRandom(7), at), seededUuid(seededRandom(7), at + 1)];
  assert.equal(first[0], seededUuid(seededRandom(7), at));
  assert.match(first[0] ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok((first[0] ?? '') < seededUuid(seededRandom(8), at + 1), 'a later click sorts after an earlier one');
});

test('people click soon after a share, at the hours they read, never after today', () => {
  const rand = seededRandom(1);
  const sharedAt = Date.parse('2026-06-03T08:00:00Z'); // a Wednesday morning
  const until = sharedAt + 20 * DAY;
  const times = Array.from({ length: 2000 }, () => clickTime(rand, sharedAt, until)).filter((at): at is number => at !== null);
  assert.ok(times.length > 1900, `${times.length} clicks placed`);
  assert.ok(times.every((at) => at > sharedAt && at <= until));
  assert.ok(times.filter((at) => at < sharedAt + 2 * DAY).length > times.length * 0.6, 'most within two days');
  const early = clickTime(seededRandom(2), Date.parse('2026-06-03T08:00:00Z'), Date.parse('2026-06-03T08:00:30Z'));
  assert.equal(early, null, 'no room before today: no click');
});

test('activity: evenings over nights, weekdays over Sundays', () => {
  const wednesday = Date.parse('2026-06-03T00:00:00Z');
  assert.ok(activity(wednesday + 19 * HOUR) > 5 * activity(wednesday + 2 * HOUR));
  assert.ok(activity(wednesday + 11 * HOUR) > 1.5 * activity(wednesday + 4 * DAY + 11 * HOUR));
});

test('referrers and weights follow the network; a visitor hashes alike within a day only', () => {
  const rand = seededRandom(3);
  const hosts = new Set(Array.from({ length: 300 }, () => referrerFor(rand, 'x')));
  assert.deepEqual([...hosts].sort(), [null, 't.co'].sort());
  const picks = Array.from({ length: 1000 }, () => weighted(rand, [['a', 9], ['b', 1]] as const));
  const share = picks.filter((p) => p === 'a').length / picks.length;
  assert.ok(share > 0.85 && share < 0.95, `${share}`);
  const morning = Date.parse('2026-06-03T08:00:00Z');
  assert.equal(demoVisitorHash('v1', morning), demoVisitorHash('v1', morning + 10 * HOUR));
  assert.notEqual(demoVisitorHash('v1', morning), demoVisitorHash('v1', morning + DAY));
  assert.notEqual(demoVisitorHash('v1', morning), demoVisitorHash('v2', morning));
});
