import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  canonicalTimeZone,
  collapseSpaces,
  isNameTooLong,
  normalizeEmail,
  parseLanguage,
  parseRole,
  parseStartDate,
  splitList,
} from './field-values.ts';

test('normalizeEmail lower-cases a valid address', () => {
  assert.equal(normalizeEmail('Jan.de.Vries@Example.NL'), 'jan.de.vries@example.nl');
});

test('normalizeEmail rejects addresses without one @, a dotted domain, or with spaces', () => {
  for (const bad of ['foo@', '@example.nl', 'foo', 'a@b@example.nl', 'foo@example', 'foo@.nl', 'foo@example.', 'jan de@x.nl']) {
    assert.equal(normalizeEmail(bad), null, bad);
  }
});

test('normalizeEmail accepts 254 characters and rejects 255', () => {
  const domain = '@example.com';
  assert.equal(normalizeEmail(`${'a'.repeat(254 - domain.length)}${domain}`)?.length, 254);
  assert.equal(normalizeEmail(`${'a'.repeat(255 - domain.length)}${domain}`), null);
});

test('parseLanguage accepts codes and Dutch and English names', () => {
  for (const nl of ['nl', 'NL', 'Nederlands', 'dutch', 'nl_NL']) assert.equal(parseLanguage(nl), 'nl', nl);
  for (const en of ['en', 'EN', 'English', 'engels', 'en-GB']) assert.equal(parseLanguage(en), 'en', en);
  assert.equal(parseLanguage('de'), null);
});

test('canonicalTimeZone returns the canonical case and rejects unknown zones', () => {
  assert.equal(canonicalTimeZone('europe/amsterdam'), 'Europe/Amsterdam');
  assert.equal(canonicalTimeZone('AMERICA/NEW_YORK'), 'America/New_York');
  assert.equal(canonicalTimeZone('utc'), 'UTC');
  assert.equal(canonicalTimeZone('Europe/Utrecht'), null);
});

test('parseStartDate reads ISO and Dutch dates as YYYY-MM-DD', () => {
  assert.equal(parseStartDate('2024-03-01'), '2024-03-01');
  assert.equal(parseStartDate('01-03-2024'), '2024-03-01');
  assert.equal(parseStartDate('1/3/2024'), '2024-03-01');
  assert.equal(parseStartDate('29-02-2024'), '2024-02-29');
  assert.equal(parseStartDate('29-02-2000'), '2000-02-29');
});

test('parseStartDate rejects dates that are not on the calendar or not in a known format', () => {
  for (const bad of ['31-04-2024', '29-02-2023', '29-02-1900', '2024-13-01', '2024-00-10', '00-01-2024', '01-03/2024', '03/01/24', 'March 1, 2024', '0224-03-01']) {
    assert.equal(parseStartDate(bad), null, bad);
  }
});

test('parseRole accepts English and Dutch role names', () => {
  assert.equal(parseRole('Admin'), 'admin');
  assert.equal(parseRole('beheerder'), 'admin');
  assert.equal(parseRole('Redacteur'), 'editor');
  assert.equal(parseRole('recruiter'), 'recruiter');
  assert.equal(parseRole('ambassadeur'), 'ambassador');
  assert.equal(parseRole('owner'), null);
});

test('splitList splits on | always and on , only in semicolon files', () => {
  assert.deepEqual(splitList(' Sales | Marketing ||', ','), ['Sales', 'Marketing']);
  assert.deepEqual(splitList('Sales, Marketing', ','), ['Sales, Marketing']);
  assert.deepEqual(splitList('Sales, Marketing|HR', ';'), ['Sales', 'Marketing', 'HR']);
});

test('collapseSpaces turns newlines and runs of spaces into one space', () => {
  assert.equal(collapseSpaces(' Jan\n van  der\tBerg '), 'Jan van der Berg');
});

test('isNameTooLong counts characters, not UTF-16 units', () => {
  assert.equal(isNameTooLong('a'.repeat(200)), false);
  assert.equal(isNameTooLong('a'.repeat(201)), true);
  assert.equal(isNameTooLong('😀'.repeat(200)), false);
});
