import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeCsvBytes } from './decode.ts';

test('UTF-8 with a BOM decodes without the BOM', () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('naam\nRené')]);
  assert.deepEqual(decodeCsvBytes(bytes), { text: 'naam\nRené', encoding: 'utf-8' });
});

test('UTF-8 without a BOM is kept as UTF-8', () => {
  const bytes = new TextEncoder().encode('naam\nZoë € “x”');
  assert.deepEqual(decodeCsvBytes(bytes), { text: 'naam\nZoë € “x”', encoding: 'utf-8' });
});

test('bytes that are not UTF-8 decode as Windows-1252', () => {
  // é ë ï € “ ” as Dutch Excel writes them.
  const bytes = Buffer.from([0x52, 0x65, 0x6e, 0xe9, 0x20, 0xeb, 0xef, 0x20, 0x80, 0x20, 0x93, 0x94]);
  assert.deepEqual(decodeCsvBytes(bytes), { text: 'René ëï € “”', encoding: 'windows-1252' });
});

test('a UTF-8 BOM before Windows-1252 bytes is dropped, not shown as ï»¿', () => {
  const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x52, 0x65, 0x6e, 0xe9]);
  assert.deepEqual(decodeCsvBytes(bytes), { text: 'René', encoding: 'windows-1252' });
});
