import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CODE_LENGTH, codePattern, newLinkCode } from './codes.ts';

test('link codes are 10 base62 characters and do not repeat over 10,000 draws', () => {
  const codes = new Set<string>();
  const seen = new Set<string>();
  for (let i = 0; i < 10_000; i++) {
    const code = newLinkCode();
    assert.match(code, /^[0-9A-Za-z]{10}$/);
    codes.add(code);
    for (const char of code) seen.add(char);
  }
  assert.equal(CODE_LENGTH, 10);
  assert.equal(codes.size, 10_000);
  assert.equal(seen.size, 62, 'every base62 character is used');
});

test('the lookup pattern refuses anything that is not a plain code', () => {
  for (const good of ['AbCdEf1234', 'abcdefgh']) assert.ok(codePattern.test(good), good);
  for (const bad of ['', 'short', '//evil.com', 'abc/defghij', 'abcdefghij/', 'abcd%2Fefgh', 'ab..cdefgh', 'https:evil', 'abcdefghijé', `${'a'.repeat(17)}`, 'abcdefghij\n']) {
    assert.ok(!codePattern.test(bad), JSON.stringify(bad));
  }
});
