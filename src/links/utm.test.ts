import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeUtm } from './utm.ts';

const utm = { utm_source: 'linkedin', utm_medium: 'employee_advocacy', utm_campaign: 'zomer-2026', utm_content: '0190a1b2-0000-7000-8000-000000000001' };
const tail = 'utm_source=linkedin&utm_medium=employee_advocacy&utm_campaign=zomer-2026&utm_content=0190a1b2-0000-7000-8000-000000000001';

test('a URL without a query gets the parameters', () => {
  assert.equal(mergeUtm('https://example.com/stories/a', utm), `https://example.com/stories/a?${tail}`);
  assert.equal(mergeUtm('https://example.com', { utm_source: 'x' }), 'https://example.com/?utm_source=x');
});

test('the URL’s own query keeps its parameters, order and exact encoding', () => {
  assert.equal(mergeUtm('https://example.com/a?b=1&a=2', utm), `https://example.com/a?b=1&a=2&${tail}`);
  assert.equal(mergeUtm('https://example.com/a?q=hello+world&p=%2Fx%3Fy&flag', { utm_source: 'x' }), 'https://example.com/a?q=hello+world&p=%2Fx%3Fy&flag&utm_source=x');
  assert.equal(mergeUtm('https://example.com/a?', { utm_source: 'x' }), 'https://example.com/a?utm_source=x', 'an empty query leaves no stray &');
  assert.equal(mergeUtm('https://example.com/a?x=1&&y=2', { utm_source: 'x' }), 'https://example.com/a?x=1&y=2&utm_source=x');
});

test('Podium’s utm values win; other parameters are untouched', () => {
  const merged = new URL(mergeUtm('https://example.com/a?utm_source=newsletter&utm_term=kept&utm_medium=email&x=1', utm));
  assert.deepEqual(merged.searchParams.getAll('utm_source'), ['linkedin']);
  assert.deepEqual(merged.searchParams.getAll('utm_medium'), ['employee_advocacy']);
  assert.equal(merged.searchParams.get('utm_term'), 'kept');
  assert.equal(merged.searchParams.get('x'), '1');
  const encodedKey = new URL(mergeUtm('https://example.com/a?utm%5Fsource=old', { utm_source: 'x' }));
  assert.deepEqual(encodedKey.searchParams.getAll('utm_source'), ['x'], 'keys are compared after decoding');
});

test('the fragment stays last', () => {
  assert.equal(mergeUtm('https://example.com/a#section-2', { utm_source: 'x' }), 'https://example.com/a?utm_source=x#section-2');
  assert.equal(mergeUtm('https://example.com/a?b=1#top?not=query', { utm_source: 'x' }), 'https://example.com/a?b=1&utm_source=x#top?not=query');
});

test('unicode paths, query values and hosts come out percent-encoded ASCII', () => {
  const merged = mergeUtm('https://bücher.example/verhalen/één-café?zoek=crème brûlée#Ça', { utm_campaign: 'zomer/één & co' });
  assert.match(merged, /^[\x21-\x7e]+$/, 'fit for a Location header');
  const url = new URL(merged);
  assert.equal(url.hostname, 'xn--bcher-kva.example');
  assert.equal(decodeURIComponent(url.pathname), '/verhalen/één-café');
  assert.equal(url.searchParams.get('zoek'), 'crème brûlée');
  assert.equal(url.searchParams.get('utm_campaign'), 'zomer/één & co');
  assert.equal(decodeURIComponent(url.hash), '#Ça');
});

test('already-encoded values are not encoded twice', () => {
  const merged = mergeUtm('https://example.com/caf%C3%A9?name=caf%C3%A9&pct=100%25', { utm_source: 'x' });
  assert.equal(merged, 'https://example.com/caf%C3%A9?name=caf%C3%A9&pct=100%25&utm_source=x');
});

test('a value with & or = cannot inject parameters', () => {
  const url = new URL(mergeUtm('https://example.com/', { utm_campaign: 'a&utm_source=evil=1' }));
  assert.deepEqual([...url.searchParams.keys()], ['utm_campaign']);
});
