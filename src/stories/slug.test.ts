import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextFreeSlug, slugify } from './slug.ts';

const cases: [string, string][] = [
  ['Één dag bij de brandweer', 'een-dag-bij-de-brandweer'],
  ['Ideeën voor café’s', 'ideeen-voor-cafes'],
  ['Zoë’s eerste week', 'zoes-eerste-week'],
  ['IJzersterk: de ĳzervlechter', 'ijzersterk-de-ijzervlechter'],
  ['Straße & Co', 'strasse-en-co'],
  ['  Why we build   bridges!  ', 'why-we-build-bridges'],
  ['Naïve coöperatie — 2026 editie', 'naive-cooperatie-2026-editie'],
  ['🚒🔥', 'story'],
  ['', 'story'],
];

for (const [title, slug] of cases) {
  test(`slugify(${JSON.stringify(title)}) is ${slug}`, () => assert.equal(slugify(title), slug));
}

test('a long title is cut at a word boundary without a trailing hyphen', () => {
  const slug = slugify('Een hele lange titel over de energietransitie en wat onze monteurs daar elke dag aan bijdragen in het veld');
  assert.ok(slug.length <= 80, slug);
  assert.doesNotMatch(slug, /-$/);
  assert.ok('een-hele-lange-titel-over-de-energietransitie-en-wat-onze-monteurs-daar-elke-dag'.startsWith(slug));
});

test('a clash gets -2, then -3', () => {
  assert.equal(nextFreeSlug('dag', new Set()), 'dag');
  assert.equal(nextFreeSlug('dag', new Set(['dag'])), 'dag-2');
  assert.equal(nextFreeSlug('dag', new Set(['dag', 'dag-2'])), 'dag-3');
  assert.equal(nextFreeSlug('dag', new Set(['dag', 'dag-3'])), 'dag-2');
});
