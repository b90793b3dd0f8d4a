import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PageCache, RecentCache } from './cache.ts';

test('a page is served only for the version it was rendered for', () => {
  const cache = new PageCache(100);
  cache.set('story', 'r1', '<p>one</p>');
  assert.equal(cache.get('story', 'r1'), '<p>one</p>');
  assert.equal(cache.get('story', 'r2'), undefined);
});

test('the least recently used pages go first when the cache is full', () => {
  const cache = new PageCache(30);
  cache.set('a', '1', 'x'.repeat(10));
  cache.set('b', '1', 'y'.repeat(10));
  assert.ok(cache.get('a', '1'), 'a is used, so b is now the oldest');
  cache.set('c', '1', 'z'.repeat(15));
  assert.equal(cache.get('b', '1'), undefined);
  assert.ok(cache.get('a', '1'));
  assert.ok(cache.get('c', '1'));
  cache.set('huge', '1', 'h'.repeat(31));
  assert.equal(cache.get('huge', '1'), undefined, 'a value larger than the cache is not kept');
  assert.equal(cache.size, 2);
});

test('a recent entry is served until its time is up, then forgotten; the oldest entries go first', () => {
  const recent = new RecentCache<string>(5_000, 2);
  recent.set('a', 'page a', 0);
  assert.equal(recent.get('a', 4_999), 'page a');
  assert.equal(recent.get('a', 5_000), undefined);
  recent.set('a', 'page a', 10_000);
  recent.set('b', 'page b', 10_000);
  recent.set('c', 'page c', 10_000);
  assert.equal(recent.get('a', 10_001), undefined, 'over the bound, the oldest went');
  assert.equal(recent.get('c', 10_001), 'page c');
});
