import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sanitiseDescription } from './sync.ts';

test('a description keeps its paragraphs (Lever wraps them in div) and loses what runs', () => {
  assert.equal(
    sanitiseDescription('<div>Wij zoeken een monteur.</div><div><b>Wat je doet</b></div><script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)" onclick="x()">link</a>'),
    '<p>Wij zoeken een monteur.</p><p><b>Wat je doet</b></p><a rel="noopener noreferrer nofollow">link</a>',
  );
});
