import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pgArray } from './store.ts';

test('array literals quote and escape text, and keep null apart from the text "NULL"', () => {
  assert.equal(pgArray([]), '{}');
  assert.equal(pgArray(['a', null, 'NULL', 'say "hi"', 'back\\slash', 'comma,brace}']), '{"a",NULL,"NULL","say \\"hi\\"","back\\\\slash","comma,brace}"}');
  assert.equal(pgArray([1, 0, true, false]), '{1,0,true,false}');
});
