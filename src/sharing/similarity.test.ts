import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COPIED_THRESHOLD, judgeText, normaliseText, textSimilarity } from './similarity.ts';

// 30 words, about 190 characters: the size of a typical suggested LinkedIn text.
const suggestion =
  'Wat een mooi verhaal van onze collega Sanne over haar eerste jaar op de intensive care. Ze vertelt eerlijk over zware nachten en het team dat haar opving. Lees hier.';

test('normalising ignores case, spacing, punctuation, symbols and emoji', () => {
  assert.equal(normaliseText('  Trots   op ons TEAM!!! 🎉🎉 #werkenbij  '), 'trots op ons team werkenbij');
  assert.equal(normaliseText('Proud 👩🏽‍⚕️ of my 🇳🇱 team ❤️'), 'proud of my team');
  assert.equal(normaliseText('ｆｕｌｌ　ｗｉｄｔｈ'), 'full width', 'NFKC folds full-width letters and spaces');
  assert.equal(normaliseText('“Quotes” – and… dashes'), 'quotes and dashes');
  assert.equal(normaliseText('Ça va, één café'), 'ça va één café', 'letters with accents are words, not punctuation');
});

test('the same text with other case, punctuation or emoji is copied', () => {
  assert.equal(textSimilarity(`🎉 ${suggestion.toUpperCase()} 👉👉`, suggestion), 1);
  assert.equal(textSimilarity(suggestion.replaceAll(' ', '   ').replaceAll('.', '!'), suggestion), 1);
});

test('one changed word in a 30-word text is copied', () => {
  assert.equal(suggestion.split(' ').length, 30);
  const similarity = textSimilarity(suggestion.replace('mooi', 'prachtig'), suggestion);
  assert.ok(similarity >= COPIED_THRESHOLD, `similarity ${similarity}`);
  assert.ok(similarity < 1);
});

test('a personal sentence added is personalised', () => {
  const personal = `${suggestion} Ik werk zelf ook op deze afdeling en herken elke nacht die ze beschrijft.`;
  const similarity = textSimilarity(personal, suggestion);
  assert.ok(similarity < COPIED_THRESHOLD, `similarity ${similarity}`);
  assert.ok(similarity > 0.7, 'still clearly related');
});

test('rewriting several words makes a text personalised; swapping sentences does not', () => {
  const rewritten = suggestion.replace('mooi', 'sterk').replace('eerlijk', 'openhartig').replace('zware nachten', 'lange diensten').replace('opving', 'steunde');
  assert.ok(textSimilarity(rewritten, suggestion) < COPIED_THRESHOLD);
  const [a, b, c] = suggestion.split('. ');
  assert.ok(textSimilarity(`${b}. ${a}. ${c}`, suggestion) >= COPIED_THRESHOLD, 'moving sentences around is still copying');
});

test('unrelated, empty and very short texts', () => {
  assert.ok(textSimilarity('Vacature: senior developer in Utrecht, solliciteer nu.', suggestion) < 0.3);
  assert.equal(textSimilarity('', suggestion), 0);
  assert.equal(textSimilarity('🎉', '🎉'), 0, 'nothing left to compare is not a copy');
  assert.equal(textSimilarity('ok', 'OK!'), 1);
});

test('judgeText counts the different colleagues behind near-identical texts and names the source', () => {
  const verdict = judgeText(suggestion.replace('mooi', 'fijn'), [
    { text: suggestion, source: 'suggestion', personIds: [] },
    { text: suggestion.replace('hier', 'nu'), source: 'colleague', personIds: ['a', 'b'] },
    { text: `${suggestion}!`, source: 'colleague', personIds: ['b', 'c'] },
    { text: 'Iets heel anders over een ander onderwerp dat niemand kopieerde.', source: 'colleague', personIds: ['d'] },
  ]);
  assert.equal(verdict.personalised, false);
  assert.equal(verdict.similarTo, 'colleague');
  assert.equal(verdict.colleaguesWithSimilarText, 3);
  assert.ok(verdict.similarity >= 0.9 && verdict.similarity < 1);

  const fromSuggestion = judgeText(suggestion, [{ text: suggestion, source: 'suggestion', personIds: [] }]);
  assert.deepEqual(fromSuggestion, { similarity: 1, personalised: false, similarTo: 'suggestion', colleaguesWithSimilarText: 0 });

  const own = judgeText('Mijn eigen woorden over dit verhaal, want ik ken Sanne al jaren.', [{ text: suggestion, source: 'suggestion', personIds: [] }]);
  assert.equal(own.personalised, true);
  assert.equal(own.similarTo, null);
  assert.ok(own.similarity < 0.9);
});

test('2,000 distinct colleague texts are judged, and hopeless lengths skipped without changing the answer', () => {
  const candidates = Array.from({ length: 2000 }, (_, i) => ({
    text: i % 2 === 0 ? `${suggestion} Persoonlijke noot nummer ${i} met nog wat woorden erbij om de lengte te laten verschillen ${'x'.repeat(i % 300)}` : `Kort ${i}`,
    source: 'colleague' as const,
    personIds: [`p${i}`],
  }));
  candidates.push({ text: suggestion.replace('Lees', 'Bekijk'), source: 'colleague', personIds: ['copier'] });
  const verdict = judgeText(suggestion, candidates);
  assert.equal(verdict.colleaguesWithSimilarText, 1 + candidates.filter((c) => c.personIds[0] !== 'copier' && textSimilarity(suggestion, c.text) >= 0.9).length);
  const best = Math.max(...candidates.map((c) => textSimilarity(suggestion, c.text)));
  assert.equal(verdict.similarity, Math.floor(best * 1000) / 1000);
});
