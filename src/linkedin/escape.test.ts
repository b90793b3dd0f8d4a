import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeLittleText } from './escape.ts';

test('every reserved character of the little text format is escaped with a backslash', () => {
  assert.equal(escapeLittleText('\\|{}@[]()<>#*_~'), '\\\\\\|\\{\\}\\@\\[\\]\\(\\)\\<\\>\\#\\*\\_\\~');
});

test('ordinary text, accents, emoji and URLs pass unchanged', () => {
  const text = 'Mooi verhaal van collega’s — lees het! 🎉 https://go.example.org/abc?x=1&y=2';
  assert.equal(escapeLittleText(text), text);
});

test('a sentence with a mention-like and a hashtag-like part stays literal', () => {
  assert.equal(escapeLittleText('Vraag @Sanne (zorg) #trots'), 'Vraag \\@Sanne \\(zorg\\) \\#trots');
});

test('a backslash is escaped first, so an escape cannot be smuggled in', () => {
  assert.equal(escapeLittleText('a\\(b'), 'a\\\\\\(b');
});
