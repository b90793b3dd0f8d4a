import assert from 'node:assert/strict';
import { test } from 'node:test';
import { digestWeekOf, impactDaysOf, sendTimeFor } from './schedule.ts';

const at = (iso: string) => new Date(iso);
const sendAt = (timeZone: string, now: string) => sendTimeFor(timeZone, at(now)).toISOString();

test('the digest week is the Monday of the week it is prepared in; its impact covers the seven days before', () => {
  assert.equal(digestWeekOf(at('2026-11-30T04:10:00Z')), '2026-11-30');
  assert.equal(digestWeekOf(at('2026-12-06T23:59:00Z')), '2026-11-30');
  assert.deepEqual(impactDaysOf('2026-11-30'), { from: '2026-11-23', to: '2026-11-29' });
});

test('a digest prepared early on Monday goes out at 08:00 local time in each time zone', () => {
  assert.equal(sendAt('Europe/Amsterdam', '2026-11-30T04:10:00Z'), '2026-11-30T07:00:00.000Z');
  assert.equal(sendAt('Europe/London', '2026-11-30T04:10:00Z'), '2026-11-30T08:00:00.000Z');
  // Still Sunday evening in New York: Monday 08:00 there.
  assert.equal(sendAt('America/New_York', '2026-11-30T04:10:00Z'), '2026-11-30T13:00:00.000Z');
});

test('during working hours on a weekday it goes at once; after them, at 08:00 on the next weekday', () => {
  assert.equal(sendAt('Asia/Tokyo', '2026-11-30T04:10:00Z'), '2026-11-30T04:10:00.000Z');
  assert.equal(sendAt('Asia/Tokyo', '2026-11-30T09:00:00Z'), '2026-11-30T23:00:00.000Z');
  // Friday evening in Amsterdam: Monday morning, not the weekend.
  assert.equal(sendAt('Europe/Amsterdam', '2026-12-04T18:00:00Z'), '2026-12-07T07:00:00.000Z');
});

test('08:00 is found across a change to summer time, and an unknown time zone is read as UTC', () => {
  // Sunday 29 March 2026 Amsterdam moves to UTC+2: Monday 08:00 is 06:00 UTC.
  assert.equal(sendAt('Europe/Amsterdam', '2026-03-29T03:00:00Z'), '2026-03-30T06:00:00.000Z');
  assert.equal(sendAt('Not/AZone', '2026-11-30T04:10:00Z'), '2026-11-30T08:00:00.000Z');
});
