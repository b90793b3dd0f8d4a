import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CsvFileError, parsePeopleCsv } from './index.ts';
import { csvBytes } from './test-helpers.ts';

function peopleLines(count: number): string[] {
  const lines = ['email;naam;taal;tijdzone;startdatum;afdeling;locatie;teams;rollen'];
  for (let i = 0; i < count; i++) {
    lines.push(`person${i}@example.com;"Jansen, ${i}";nl;Europe/Amsterdam;01-02-2020;Sales;Utrecht;A|B;ambassadeur`);
  }
  return lines;
}

/** Asserts that parsing throws a CsvFileError with this code and returns it. */
function fileError(bytes: Uint8Array, options?: Parameters<typeof parsePeopleCsv>[1]): CsvFileError {
  try {
    parsePeopleCsv(bytes, options);
  } catch (error) {
    assert.ok(error instanceof CsvFileError, `expected CsvFileError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a CsvFileError');
}

test('an empty file is rejected', () => {
  assert.equal(fileError(new Uint8Array()).code, 'empty_file');
  assert.equal(fileError(new Uint8Array([0xef, 0xbb, 0xbf, 0x0d, 0x0a, 0x20])).code, 'empty_file');
  assert.equal(fileError(csvBytes([';;;', ';;'])).code, 'empty_file');
});

test('a missing e-mail column is rejected and named', () => {
  const error = fileError(csvBytes(['naam;afdeling', 'Ann;Sales']));
  assert.equal(error.code, 'missing_column');
  assert.equal(error.message, 'Required column missing: e-mail');
});

test('a missing name column is rejected, also when only a first name is given', () => {
  assert.equal(fileError(csvBytes(['email', 'a@example.nl'])).code, 'missing_column');
  const error = fileError(csvBytes(['email;voornaam', 'a@example.nl;Ann']), { messagesIn: 'nl' });
  assert.equal(error.code, 'missing_column');
  assert.equal(error.message, 'Verplichte kolom ontbreekt: naam (of voornaam en achternaam)');
});

test('a file whose first line is data, not a header, is rejected', () => {
  const error = fileError(csvBytes(['ann@example.nl;Ann', 'bob@example.nl;Bob']));
  assert.equal(error.code, 'missing_header');
});

test('a binary file such as an Excel workbook is rejected as not CSV', () => {
  const xlsx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]);
  assert.equal(fileError(xlsx).code, 'not_csv');
});

test('an unclosed quote is rejected as malformed with a line', () => {
  const error = fileError(csvBytes(['email,name', 'a@example.nl,Ann', 'b@example.nl,"Bob']));
  assert.equal(error.code, 'malformed_csv');
  assert.equal(typeof error.line, 'number');
});

test('50,001 data rows are rejected, in Dutch when asked', () => {
  const error = fileError(csvBytes(peopleLines(50_001)), { messagesIn: 'nl' });
  assert.equal(error.code, 'too_many_rows');
  assert.match(error.message, /meer dan 50\.000 rijen/);
});

test('maxRows lowers the limit; empty lines do not count towards it', () => {
  assert.equal(parsePeopleCsv(csvBytes([...peopleLines(3), '', ';;'])).total, 3);
  assert.equal(parsePeopleCsv(csvBytes(peopleLines(3)), { maxRows: 3 }).rows.length, 3);
  assert.equal(fileError(csvBytes(peopleLines(4)), { maxRows: 3 }).code, 'too_many_rows');
});

// Speed is measured by the import benchmark, not asserted here.
test('a file of exactly 50,000 rows is accepted whole', () => {
  const bytes = csvBytes(peopleLines(50_000), '\r\n');
  const result = parsePeopleCsv(bytes);
  assert.equal(result.rows.length, 50_000);
  assert.deepEqual(result.errors, []);
  assert.equal(result.rows[49_999]?.line, 50_001);
});
