import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PageCache } from './cache.ts';

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
