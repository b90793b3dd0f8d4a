import assert from 'node:assert/strict';
import { test } from 'node:test';
import { feedHintOf, feedProfileOf, fitsProfile } from './feed-hint.ts';

test('only cautious movers and job hoppers get an adapted feed', () => {
  assert.equal(feedProfileOf('cautious_mover'), 'start_small');
  assert.equal(feedProfileOf('job_hopper'), 'refer_and_write');
  for (const persona of ['anchored', 'loyal_fan', 'unknown', null, undefined] as const) {
    assert.equal(feedProfileOf(persona), null);
    assert.equal(feedHintOf(feedProfileOf(persona)), null, 'no hint: the feed response stays as it was');
  }
});

test('a cautious mover’s feed puts stories with a ready text first; a job hopper’s vacancy spotlights and hiring themes', () => {
  const story = { format: 'interview', readyText: false, hiringPressure: 0 };
  assert.equal(fitsProfile('start_small', { ...story, readyText: true }), true);
  assert.equal(fitsProfile('start_small', story), false);
  assert.equal(fitsProfile('refer_and_write', { ...story, format: 'vacancy_spotlight' }), true);
  assert.equal(fitsProfile('refer_and_write', { ...story, hiringPressure: 3 }), true);
  assert.equal(fitsProfile('refer_and_write', { ...story, readyText: true }), false);
  assert.equal(fitsProfile(null, { ...story, readyText: true, hiringPressure: 3 }), false);
});

test('the job hopper’s hint invites to refer a vacancy and to write a story; the cautious mover’s composer starts from a suggestion', () => {
  assert.deepEqual(feedHintOf('refer_and_write')?.invitations.map((i) => i.path), ['/jobs', '/submit']);
  assert.equal(feedHintOf('start_small')?.composer, 'start_with_suggestion');
});
