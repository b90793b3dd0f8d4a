import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en } from './en.ts';
import { languageFromHeader, t } from './index.ts';
import { nl } from './nl.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('Dutch and English have the same keys', () => {
  assert.deepEqual(Object.keys(nl).sort(), Object.keys(en).sort());
});

test('each message has the same {placeholders} in Dutch and English, so no value is lost in translation', () => {
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    assert.deepEqual(placeholders(nl[key]), placeholders(en[key]), key);
  }
});

test('no message is left untranslated or empty', () => {
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    assert.ok(en[key].trim().length > 0, `en ${key} is empty`);
    assert.ok(nl[key].trim().length > 0, `nl ${key} is empty`);
    // Short product words ("Podium inrichten" vs "Set up Podium") differ too; an identical text is a forgotten translation.
    assert.notEqual(nl[key], en[key], `${key} is the same in Dutch and English`);
  }
});

test('t fills placeholders and leaves a missing one visible rather than blank', () => {
  assert.equal(t('nl', 'error.rate_limited', { seconds: 30 }), 'Te veel pogingen. Wacht 30 seconden en probeer het opnieuw.');
  assert.equal(t('en', 'error.not_found', {}), 'Not found: {what}.');
});

test('the language comes from Accept-Language by quality, defaulting to English', () => {
  assert.equal(languageFromHeader('nl-NL,nl;q=0.9,en;q=0.8'), 'nl');
  assert.equal(languageFromHeader('de-DE,en;q=0.5,nl;q=0.9'), 'nl');
  assert.equal(languageFromHeader('fr'), 'en');
  assert.equal(languageFromHeader(undefined), 'en');
});
