import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePeopleCsv } from './index.ts';
import { csvBytes } from './test-helpers.ts';

test('a UTF-8 file with a BOM is read, and the BOM does not spoil the first header', () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...csvBytes(['email,name', 'zoe@example.nl,Zoë Smit'])]);
  const result = parsePeopleCsv(bytes);
  assert.equal(result.encoding, 'utf-8');
  assert.deepEqual(
    result.rows.map((row) => [row.email, row.name]),
    [['zoe@example.nl', 'Zoë Smit']],
  );
});

test('a Windows-1252 file from Dutch Excel decodes accented names', () => {
  const bytes = Buffer.concat([
    Buffer.from('E-mail;Naam\r\nrene@example.nl;Ren'),
    Buffer.from([0xe9]),
    Buffer.from(' Zo'),
    Buffer.from([0xeb]),
    Buffer.from('t\r\n'),
  ]);
  const result = parsePeopleCsv(bytes);
  assert.equal(result.encoding, 'windows-1252');
  assert.equal(result.rows[0]?.name, 'René Zoët');
});

test('the delimiter is detected from the header line', () => {
  const comma = parsePeopleCsv(csvBytes(['email,name,team', 'a@example.nl,"Berg; Jan",Sales']));
  assert.equal(comma.delimiter, ',');
  assert.deepEqual(comma.rows.map((row) => [row.name, row.teams]), [['Berg; Jan', ['Sales']]]);

  const semicolon = parsePeopleCsv(csvBytes(['email;name;team', 'a@example.nl;Berg, Jan;Sales']));
  assert.equal(semicolon.delimiter, ';');
  assert.deepEqual(semicolon.rows.map((row) => [row.name, row.teams]), [['Berg, Jan', ['Sales']]]);
});

test('delimiters inside quotes on the header line do not decide the delimiter', () => {
  const result = parsePeopleCsv(csvBytes(['"e,mail,x";email;name', 'x;a@example.nl;Ann']));
  assert.equal(result.delimiter, ';');
  assert.equal(result.rows[0]?.email, 'a@example.nl');
});

test('an Excel "sep=;" line sets the delimiter and still counts as a line', () => {
  const result = parsePeopleCsv(csvBytes(['sep=;', 'email;name', 'a@example.nl;Ann', 'bad;Bob']));
  assert.equal(result.delimiter, ';');
  assert.equal(result.rows[0]?.line, 3);
  assert.equal(result.errors[0]?.line, 4);
});

test('quoted fields keep delimiters, quotes and newlines, and line numbers stay physical', () => {
  const result = parsePeopleCsv(
    csvBytes(
      [
        'email,name,department',
        'a@example.nl,"Ann ""Annie"" Jansen","Sales, Benelux"',
        'b@example.nl,"Bob',
        'de Bouwer","Line one',
        'line two"',
        'c@example.nl,Cas,HR',
        'not-an-email,Dirk,HR',
      ],
      '\r\n',
    ),
  );
  assert.deepEqual(
    result.rows.map((row) => [row.line, row.name, row.department]),
    [
      [2, 'Ann "Annie" Jansen', 'Sales, Benelux'],
      [3, 'Bob de Bouwer', 'Line one line two'],
      [6, 'Cas', 'HR'],
    ],
  );
  assert.deepEqual(result.errors.map((error) => [error.line, error.code]), [[7, 'invalid_email']]);
});

test('an error in a multi-line record is reported on the line where the record starts', () => {
  const result = parsePeopleCsv(csvBytes(['email,name', '"x@example.nl",""', 'y@,"Yara', 'Y"']));
  assert.deepEqual(
    result.errors.map((error) => [error.line, error.code]),
    [
      [2, 'missing_name'],
      [3, 'invalid_email'],
    ],
  );
});

test('empty lines and rows of only delimiters are skipped but counted as lines', () => {
  const result = parsePeopleCsv(csvBytes(['email;name', '', 'a@example.nl;Ann', '   ', ';;', 'b@example.nl;Bob', '']));
  assert.equal(result.total, 2);
  assert.deepEqual(result.rows.map((row) => row.line), [3, 6]);
});

test('whitespace around values is trimmed', () => {
  const result = parsePeopleCsv(csvBytes(['email , name , language', '  A@Example.nl ,  Ann Smit\u00a0,  en ']));
  assert.deepEqual(
    result.rows.map((row) => [row.email, row.name, row.language]),
    [['a@example.nl', 'Ann Smit', 'en']],
  );
});

test('Dutch headers with first name, tussenvoegsel and last name build the full name', () => {
  const result = parsePeopleCsv(
    csvBytes([
      'Voornaam;Tussenvoegsel;Achternaam;E-mailadres;Taal;Tijdzone;In dienst;Afdeling;Vestiging;Teams;Rollen',
      'Jan;van der;Berg;Jan.vanderBerg@Example.nl;Nederlands;europe/amsterdam;01-03-2024;Verkoop;Utrecht;Sales, Marketing|sales;redacteur|ambassadeur',
      'Els;;Bakker;els@example.nl;;;;;;;',
    ]),
  );
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.rows, [
    {
      line: 2,
      email: 'jan.vanderberg@example.nl',
      name: 'Jan van der Berg',
      language: 'nl',
      timeZone: 'Europe/Amsterdam',
      startDate: '2024-03-01',
      department: 'Verkoop',
      location: 'Utrecht',
      teams: ['Sales', 'Marketing'],
      roles: ['editor', 'ambassador'],
    },
    {
      line: 3,
      email: 'els@example.nl',
      name: 'Els Bakker',
      language: null,
      timeZone: null,
      startDate: null,
      department: null,
      location: null,
      teams: [],
      roles: null,
    },
  ]);
});

test('a full name column is preferred, with the name parts as fallback when it is blank', () => {
  const result = parsePeopleCsv(
    csvBytes(['email,name,first name,last name', 'a@example.nl,Annie,Ann,Smit', 'b@example.nl,,Bob,Jansen']),
  );
  assert.deepEqual(result.rows.map((row) => row.name), ['Annie', 'Bob Jansen']);
});

test('unknown columns are ignored', () => {
  const result = parsePeopleCsv(csvBytes(['Personeelsnummer,email,name,Salaris', '42,a@example.nl,Ann,9000']));
  assert.equal(result.rows.length, 1);
  assert.deepEqual(result.errors, []);
});

test('a header-only file has no rows and no errors', () => {
  assert.deepEqual(parsePeopleCsv(csvBytes(['email,name'])), {
    encoding: 'utf-8',
    delimiter: ',',
    total: 0,
    rows: [],
    errors: [],
  });
});
