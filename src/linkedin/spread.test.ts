import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nearestFreeSlot, SPREAD_WINDOW_MS } from './spread.ts';

const MIN = 60_000;
const base = Date.parse('2026-12-01T09:00:00Z');

test('a moment far enough from every colleague stays as chosen', () => {
  assert.equal(nearestFreeSlot(base, [base - 30 * MIN, base + 25 * MIN], 0), base);
});

test('a moment too close to a colleague moves to the nearest free edge', () => {
  assert.equal(nearestFreeSlot(base, [base - 5 * MIN], 0), base + 15 * MIN);
  assert.equal(nearestFreeSlot(base, [base + 5 * MIN], 0), base - 15 * MIN);
});

test('an exact tie goes to the later moment', () => {
  assert.equal(nearestFreeSlot(base, [base], 0), base + SPREAD_WINDOW_MS);
});

test('a crowded hour pushes the post past all of them', () => {
  const taken = [base - 10 * MIN, base + 10 * MIN, base + 30 * MIN];
  // before: base-30 (30 min away); after: base+50 (50 min away) → earlier wins
  assert.equal(nearestFreeSlot(base, taken, 0), base - 30 * MIN);
  // but never before "now"
  assert.equal(nearestFreeSlot(base, taken, base - 20 * MIN), base + 50 * MIN);
});

test('every moment chosen keeps the window from every colleague', () => {
  const taken = [0, 7, 19, 33, 40, 61].map((m) => base + m * MIN);
  for (let m = -30; m <= 90; m += 3) {
    const at = nearestFreeSlot(base + m * MIN, taken, 0);
    for (const other of taken) assert.ok(Math.abs(other - at) >= SPREAD_WINDOW_MS, `${m}: ${(at - base) / MIN}`);
  }
});
