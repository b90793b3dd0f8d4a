import assert from 'node:assert/strict';
import { test } from 'node:test';
import { networkLimits, postLength, shareUrlFor, withDisclosure, withoutDisclosures, xLength } from './composer.ts';

test('X counts weighted characters, an emoji as 2 and every URL as 23', () => {
  assert.equal(xLength('hello'), 5);
  assert.equal(xLength('héllo – “quoted”'), 16, 'Latin letters and common punctuation weigh 1');
  assert.equal(xLength('日本語'), 6, 'CJK weighs 2');
  assert.equal(xLength('🎉'), 2);
  assert.equal(xLength('👩🏽‍⚕️'), 2, 'an emoji sequence is one emoji');
  assert.equal(xLength('see https://example.com/a/very/long/path/that/goes/on?and=on'), 4 + 23);
});

test('a post on X is the text, a space and the link as 23', () => {
  assert.equal(postLength('x', 'a'.repeat(256), 40), 280);
  assert.equal(postLength('x', 'a'.repeat(257), 40), 281);
  assert.equal(networkLimits.x, 280);
  assert.equal(postLength('linkedin', 'a'.repeat(3000), 40), 3000, 'LinkedIn takes no link in the text');
  assert.equal(postLength('whatsapp', 'hi', 30), 2 + 1 + 30);
  assert.equal(postLength('email', '🎉', 30), 1 + 1 + 30, 'characters as people count them');
  assert.equal(networkLimits.link, null);
});

test('the disclosure is appended once, case-insensitively', () => {
  assert.deepEqual(withDisclosure('Mooi verhaal', '#medewerker'), { text: 'Mooi verhaal\n\n#medewerker', added: true });
  assert.deepEqual(withDisclosure('Mooi verhaal #Medewerker van ons', '#medewerker'), { text: 'Mooi verhaal #Medewerker van ons', added: false });
  assert.deepEqual(withDisclosure('  Mooi verhaal  ', null), { text: 'Mooi verhaal', added: false });
  assert.deepEqual(withDisclosure('Mooi verhaal', '   '), { text: 'Mooi verhaal', added: false });
  assert.equal(withoutDisclosures('Mooi #MEDEWERKER verhaal #employee', ['#medewerker', '#employee']).replace(/\s+/g, ' ').trim(), 'Mooi verhaal');
  assert.equal(withoutDisclosures('I work at A.B (c)', ['A.B (c)']).trim(), 'I work at', 'regex characters in a disclosure are literal');
});

test('share URLs per network carry the encoded short link and text', () => {
  const short = 'https://go.example/AbC123xyZ9';
  const text = 'Trots & blij? Lees: 50% #team';
  assert.equal(shareUrlFor('linkedin', text, short, 'T'), 'https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fgo.example%2FAbC123xyZ9');
  const x = new URL(shareUrlFor('x', text, short, 'T'));
  assert.equal(x.origin + x.pathname, 'https://x.com/intent/tweet');
  assert.equal(x.searchParams.get('text'), text);
  assert.equal(x.searchParams.get('url'), short);
  assert.equal(new URL(shareUrlFor('facebook', text, short, 'T')).searchParams.get('u'), short);
  assert.equal(new URL(shareUrlFor('whatsapp', text, short, 'T')).searchParams.get('text'), `${text} ${short}`);
  const mail = shareUrlFor('email', text, short, 'Verhaal & meer');
  assert.ok(mail.startsWith('mailto:?subject=Verhaal%20%26%20meer&body='));
  assert.equal(decodeURIComponent(mail.split('&body=')[1] ?? ''), `${text}\n${short}`);
  assert.equal(shareUrlFor('link', text, short, 'T'), short);
});
