import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIN_GROUP, suppressGroup, suppressSmallGroups } from './anonymity.ts';

const row = (key: string, people: number) => ({ key, label: `Group ${key}`, people, shares: people * 3, clicks: { human: people * 10 } });

test('groups of fewer than 5 people lose their figures, keeping what they are', () => {
  const [small, large, other] = suppressSmallGroups([row('a', 4), row('b', 5), row('c', 3)], { admin: false });
  assert.equal(MIN_GROUP, 5);
  assert.deepEqual(small, { key: 'a', label: 'Group a', people: null, shares: null, clicks: null, suppressed: true });
  assert.deepEqual(other, { key: 'c', label: 'Group c', people: null, shares: null, clicks: null, suppressed: true });
  assert.deepEqual(large, { ...row('b', 5), suppressed: false });
});

test('when only one group is too small, the smallest other group is hidden with it so the total cannot be subtracted', () => {
  const out = suppressSmallGroups([row('a', 40), row('b', 2), row('c', 9), row('d', 12)], { admin: false });
  assert.deepEqual(
    out.map((r) => [r.key, r.suppressed]),
    [
      ['a', false],
      ['b', true],
      ['c', true],
      ['d', false],
    ],
  );
  assert.equal(out[2]?.shares, null);
});

test('an empty group reveals nobody and is not hidden; with nothing else to hide, one small group stays hidden alone', () => {
  assert.deepEqual(
    suppressSmallGroups([row('a', 0), row('b', 1)], { admin: false }).map((r) => r.suppressed),
    [false, true],
  );
});

test('admins see every group', () => {
  const out = suppressSmallGroups([row('a', 1), row('b', 50)], { admin: true });
  assert.deepEqual(out, [
    { ...row('a', 1), suppressed: false },
    { ...row('b', 50), suppressed: false },
  ]);
  assert.equal(suppressGroup({ people: 2, shares: 4 }, { admin: false }).shares, null);
  assert.equal(suppressGroup({ people: 2, shares: 4 }, { admin: true }).shares, 4);
  assert.equal(suppressGroup({ people: 5, shares: 4 }, { admin: false }).shares, 4);
});
