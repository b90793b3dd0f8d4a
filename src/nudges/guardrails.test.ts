import assert from 'node:assert/strict';
import { test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { defaultGuardrails, holdoutDraw, isAllowedMoment, isHeldOut, nextAllowedMoment, quietHoursOf, roomUnderCap } from './guardrails.ts';
import { fillText, textProblems } from './texts.ts';

const quiet = { start: '21:00', end: '08:00' };
const at = (iso: string) => new Date(iso);

test('quiet hours in Amsterdam: a Friday-evening nudge waits for Monday 08:00 local without weekends, Saturday with', () => {
  // 2026-11-27 is a Friday; Amsterdam is UTC+1 in November.
  const fridayEvening = at('2026-11-27T20:30:00Z');
  assert.equal(nextAllowedMoment(fridayEvening, 'Europe/Amsterdam', quiet, false).toISOString(), '2026-11-30T07:00:00.000Z');
  assert.equal(nextAllowedMoment(fridayEvening, 'Europe/Amsterdam', quiet, true).toISOString(), '2026-11-28T07:00:00.000Z');
});

test('inside the allowed hours nothing moves; after midnight the nudge waits for the same morning', () => {
  assert.equal(nextAllowedMoment(at('2026-11-27T10:00:00Z'), 'Europe/Amsterdam', quiet, false).toISOString(), '2026-11-27T10:00:00.000Z');
  assert.equal(nextAllowedMoment(at('2026-11-27T01:00:00Z'), 'Europe/Amsterdam', quiet, false).toISOString(), '2026-11-27T07:00:00.000Z');
  assert.ok(isAllowedMoment(at('2026-11-27T10:00:00Z'), 'Europe/Amsterdam', quiet, false));
  assert.ok(!isAllowedMoment(at('2026-11-27T20:00:00Z'), 'Europe/Amsterdam', quiet, false));
});

test('the quiet-hours end is the first allowed minute, in the person’s own time zone', () => {
  // New York is UTC−5 in November: 12:59Z is 07:59 there, 13:00Z is 08:00.
  assert.equal(nextAllowedMoment(at('2026-11-27T12:59:00Z'), 'America/New_York', quiet, false).toISOString(), '2026-11-27T13:00:00.000Z');
  assert.equal(nextAllowedMoment(at('2026-11-27T13:00:00Z'), 'America/New_York', quiet, false).toISOString(), '2026-11-27T13:00:00.000Z');
  // The same instant is an allowed Friday afternoon in Amsterdam.
  assert.ok(isAllowedMoment(at('2026-11-27T12:59:00Z'), 'Europe/Amsterdam', quiet, false));
});

test('weekends are the person’s weekend: Friday 16:00 UTC is already Saturday in Tokyo', () => {
  // 2026-11-27T16:00Z is Saturday 01:00 in Tokyo (UTC+9): the next allowed moment is Monday 08:00 JST.
  assert.equal(nextAllowedMoment(at('2026-11-27T16:00:00Z'), 'Asia/Tokyo', quiet, false).toISOString(), '2026-11-29T23:00:00.000Z');
});

test('across the spring DST change the morning is 08:00 summer time', () => {
  // Saturday 2026-03-28 22:00 CET → Sunday 08:00 CEST (UTC+2) when weekends are allowed.
  assert.equal(nextAllowedMoment(at('2026-03-28T21:00:00Z'), 'Europe/Amsterdam', quiet, true).toISOString(), '2026-03-29T06:00:00.000Z');
});

test('a person’s own quiet hours win; malformed ones fall back to the organisation’s; equal start and end means none', () => {
  assert.deepEqual(quietHoursOf(defaultGuardrails, { quietHours: { start: '22:30', end: '07:00' } }), { start: '22:30', end: '07:00' });
  assert.deepEqual(quietHoursOf(defaultGuardrails, { quietHours: { start: '25:00', end: '07:00' } }), quiet);
  assert.deepEqual(quietHoursOf(defaultGuardrails, {}), quiet);
  const own = { start: '22:30', end: '07:00' };
  // 21:30 local is quiet for the organisation but not for this person.
  assert.ok(isAllowedMoment(at('2026-11-27T20:30:00Z'), 'Europe/Amsterdam', own, false));
  assert.ok(isAllowedMoment(at('2026-11-27T23:30:00Z'), 'UTC', { start: '08:00', end: '08:00' }, true));
  // A daytime window (lunch) does not wrap midnight.
  assert.equal(nextAllowedMoment(at('2026-11-27T11:15:00Z'), 'UTC', { start: '11:00', end: '12:00' }, true).toISOString(), '2026-11-27T12:00:00.000Z');
});

test('an unknown time zone is treated as UTC rather than stopping nudges', () => {
  assert.equal(nextAllowedMoment(at('2026-11-27T22:00:00Z'), 'Mars/Olympus', quiet, true).toISOString(), '2026-11-28T08:00:00.000Z');
});

test('the cap leaves room for perWeek minus what was decided in the last 7 days', () => {
  assert.equal(roomUnderCap(1, 0), 1);
  assert.equal(roomUnderCap(1, 1), 0);
  assert.equal(roomUnderCap(3, 1), 2);
  assert.equal(roomUnderCap(0, 0), 0);
});

test('holdout: the same person stays in or out of a template’s group, about the chosen share are held out, and the key matters', () => {
  const template = uuidv7();
  const people = Array.from({ length: 20_000 }, () => uuidv7());
  const held = people.filter((id) => isHeldOut('secret-a-long-enough-key-0123456789', template, id, 10));
  const share = held.length / people.length;
  assert.ok(share > 0.09 && share < 0.11, `held out ${share}`);
  for (const id of people.slice(0, 200)) {
    assert.equal(isHeldOut('secret-a-long-enough-key-0123456789', template, id, 10), isHeldOut('secret-a-long-enough-key-0123456789', template, id, 10));
  }
  assert.equal(people.filter((id) => isHeldOut('k-0123456789-0123456789-0123456789', template, id, 0)).length, 0);
  // Another template draws another group; another key draws another group.
  const other = uuidv7();
  const overlap = held.filter((id) => isHeldOut('secret-a-long-enough-key-0123456789', other, id, 10)).length;
  assert.ok(overlap < held.length * 0.2, `overlap ${overlap} of ${held.length}`);
  assert.notEqual(holdoutDraw('key-one-0123456789-0123456789-0123', template, people[0] as string), holdoutDraw('key-two-0123456789-0123456789-0123', template, people[0] as string));
});

test('texts: unknown variables and variables the trigger does not fill are named with their place', () => {
  const ok = { subject: 'Hi {firstName}', body: '{storyTitle} got {clicks} clicks', action: 'Open' };
  assert.deepEqual(textProblems('share_clicks', { en: ok, nl: ok }), []);
  assert.deepEqual(textProblems('new_story', { en: ok, nl: { ...ok, action: '{naam}' } }), [
    { path: 'texts.en.body', variable: 'clicks', reason: 'not_for_trigger' },
    { path: 'texts.nl.body', variable: 'clicks', reason: 'not_for_trigger' },
    { path: 'texts.nl.action', variable: 'naam', reason: 'unknown' },
  ]);
  assert.equal(fillText('Hi {firstName}: {storyTitle} {missing}', { firstName: 'Ada', storyTitle: 'A\nB' }), 'Hi Ada: A B {missing}');
});
