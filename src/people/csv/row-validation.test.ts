import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePeopleCsv } from './index.ts';
import { csvBytes } from './test-helpers.ts';

const HEADER = 'email;name;language;time zone;start date;roles';

/** Parses one data row under HEADER and returns the errors as [field, code] pairs. */
function errorsFor(row: string): [string | null, string][] {
  const result = parsePeopleCsv(csvBytes([HEADER, row]));
  assert.equal(result.total, 1);
  return result.errors.map((error) => [error.field, error.code]);
}

test('a fully valid row has no errors', () => {
  assert.deepEqual(errorsFor('a@example.nl;Ann;en;UTC;2024-01-31;admin'), []);
});

test('a missing e-mail address is reported', () => {
  assert.deepEqual(errorsFor(';Ann;;;;'), [['email', 'missing_email']]);
});

test('an invalid e-mail address is reported with the value', () => {
  const result = parsePeopleCsv(csvBytes([HEADER, 'foo@;Ann;;;;']));
  assert.deepEqual(result.errors, [
    { line: 2, field: 'email', code: 'invalid_email', reason: 'Invalid e-mail address “foo@”' },
  ]);
  assert.deepEqual(result.rows, []);
});

test('a missing name is reported', () => {
  assert.deepEqual(errorsFor('a@example.nl;  ;;;;'), [['name', 'missing_name']]);
});

test('a name over 200 characters is reported, 200 is accepted', () => {
  assert.deepEqual(errorsFor(`a@example.nl;${'x'.repeat(200)};;;;`), []);
  assert.deepEqual(errorsFor(`a@example.nl;${'x'.repeat(201)};;;;`), [['name', 'name_too_long']]);
});

test('an unknown language is reported', () => {
  assert.deepEqual(errorsFor('a@example.nl;Ann;Duits;;;'), [['language', 'invalid_language']]);
});

test('an unknown time zone is reported; a known one gets its canonical case', () => {
  assert.deepEqual(errorsFor('a@example.nl;Ann;;Europe/Amstredam;;'), [['timeZone', 'invalid_time_zone']]);
  const result = parsePeopleCsv(csvBytes([HEADER, 'a@example.nl;Ann;;EUROPE/BRUSSELS;;']));
  assert.equal(result.rows[0]?.timeZone, 'Europe/Brussels');
});

test('a start date that is not a real date is reported', () => {
  assert.deepEqual(errorsFor('a@example.nl;Ann;;;30-02-2024;'), [['startDate', 'invalid_start_date']]);
  assert.deepEqual(errorsFor('a@example.nl;Ann;;;next monday;'), [['startDate', 'invalid_start_date']]);
});

test('start dates in Dutch formats are stored as YYYY-MM-DD', () => {
  const result = parsePeopleCsv(
    csvBytes([HEADER, 'a@example.nl;Ann;;;31/12/2023;', 'b@example.nl;Bob;;;5-1-2024;']),
  );
  assert.deepEqual(result.rows.map((row) => row.startDate), ['2023-12-31', '2024-01-05']);
});

test('each unknown role is its own error', () => {
  assert.deepEqual(errorsFor('a@example.nl;Ann;;;;admin|koning, keizer'), [
    ['roles', 'unknown_role'],
    ['roles', 'unknown_role'],
  ]);
});

test('roles accept Dutch names and repeated roles appear once', () => {
  const result = parsePeopleCsv(csvBytes([HEADER, 'a@example.nl;Ann;;;;Beheerder|admin, Recruiter']));
  assert.deepEqual(result.rows[0]?.roles, ['admin', 'recruiter']);
});

test('every problem in a row is reported, and the row is left out', () => {
  const result = parsePeopleCsv(csvBytes([HEADER, 'nope;;xx;Mars/Base;2024-02-30;god']));
  assert.deepEqual(
    result.errors.map((error) => [error.line, error.field, error.code]),
    [
      [2, 'email', 'invalid_email'],
      [2, 'name', 'missing_name'],
      [2, 'language', 'invalid_language'],
      [2, 'timeZone', 'invalid_time_zone'],
      [2, 'startDate', 'invalid_start_date'],
      [2, 'roles', 'unknown_role'],
    ],
  );
  assert.deepEqual(result.rows, []);
  assert.equal(result.total, 1);
});

test('a duplicate e-mail address is reported on the later line, naming the first line', () => {
  const result = parsePeopleCsv(
    csvBytes(['email,name', 'x@example.nl,Xena', 'ann@example.nl,Ann', 'y@example.nl,Yoe', 'ANN@example.nl,Annie']),
  );
  assert.deepEqual(result.errors, [
    {
      line: 5,
      field: 'email',
      code: 'duplicate_email',
      reason: 'E-mail address “ann@example.nl” is also on line 3',
    },
  ]);
  assert.deepEqual(result.rows.map((row) => row.line), [2, 3, 4]);
});

test('Dutch messages are given when asked for', () => {
  const result = parsePeopleCsv(
    csvBytes(['email;naam;taal', 'foo@;Ann;', 'a@example.nl;;', 'b@example.nl;Bob;Duits', 'a@example.nl;Ann;']),
    { messagesIn: 'nl' },
  );
  assert.deepEqual(
    result.errors.map((error) => [error.line, error.reason]),
    [
      [2, 'Ongeldig e-mailadres “foo@”'],
      [3, 'Naam ontbreekt'],
      [4, 'Onbekende taal “Duits” (gebruik nl of en)'],
      [5, 'E-mailadres “a@example.nl” staat ook op regel 3'],
    ],
  );
});

test('a very long bad value is shortened in the message', () => {
  const long = `${'x'.repeat(300)}@`;
  const result = parsePeopleCsv(csvBytes([HEADER, `${long};Ann;;;;`]));
  assert.equal(result.errors[0]?.reason, `Invalid e-mail address “${'x'.repeat(60)}…”`);
});

test('a department, location or team name over 120 characters is a row error, not a failed merge', () => {
  const long = 'x'.repeat(121);
  const csv = `email;name;department;location;teams\na@example.nl;Anna;${long};;\nb@example.nl;Bob;;${long};\nc@example.nl;Cas;;;Ok|${long}\n`;
  const parsed = parsePeopleCsv(Buffer.from(csv));
  assert.deepEqual(
    parsed.errors.map((e) => [e.line, e.field, e.code]),
    [
      [2, 'department', 'group_name_too_long'],
      [3, 'location', 'group_name_too_long'],
      [4, 'teams', 'group_name_too_long'],
    ],
  );
});
