import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapHeader, normalizeHeader } from './headers.ts';

test('normalizeHeader ignores case, accents, separators and bracketed hints', () => {
  assert.equal(normalizeHeader('  E-Mail_Adres '), 'e mail adres');
  assert.equal(normalizeHeader('Startdatum (dd-mm-jjjj)'), 'startdatum');
  assert.equal(normalizeHeader('Tijdzóne'), 'tijdzone');
});

test('English headers map to their columns', () => {
  assert.deepEqual(
    mapHeader(['Email', 'Full Name', 'Language', 'Time zone', 'Start date', 'Department', 'Location', 'Teams', 'Roles']),
    { email: 0, name: 1, language: 2, timeZone: 3, startDate: 4, department: 5, location: 6, teams: 7, roles: 8 },
  );
});

test('Dutch headers and split names map to their columns', () => {
  assert.deepEqual(
    mapHeader(['Voornaam', 'Tussenvoegsel', 'Achternaam', 'E-mailadres', 'Taal', 'Tijdzone', 'In dienst', 'Afdeling', 'Vestiging', 'Team', 'Rollen']),
    {
      firstName: 0,
      infix: 1,
      lastName: 2,
      email: 3,
      language: 4,
      timeZone: 5,
      startDate: 6,
      department: 7,
      location: 8,
      teams: 9,
      roles: 10,
    },
  );
});

test('unknown columns are ignored and the first of a repeated column wins', () => {
  assert.deepEqual(mapHeader(['Personeelsnummer', 'mail', 'naam', 'E-mail']), { email: 1, name: 2 });
});
