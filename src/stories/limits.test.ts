import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstOverLimit, sharedLength } from './limits.ts';

test('an X text fits when text + space + 23-character link is at most 280', () => {
  assert.equal(firstOverLimit([{ network: 'x', text: 'a'.repeat(256) }]), null);
  assert.deepEqual(firstOverLimit([{ network: 'x', text: 'a'.repeat(257) }]), { network: 'x', limit: 280, length: 281, index: 0 });
});

test('a URL written in an X text counts as it is; only the appended link counts as 23', () => {
  assert.equal(sharedLength('x', 'hello'), 5 + 24);
});

test('suggestions are measured by the share composer’s rules: X weighs an emoji as 2', () => {
  assert.equal(sharedLength('linkedin', 'café'), 4);
  assert.equal(firstOverLimit([{ network: 'x', text: '🚒'.repeat(128) }]), null);
  assert.equal(firstOverLimit([{ network: 'x', text: '🚒'.repeat(129) }])?.network, 'x');
});

test('each network has its own limit', () => {
  const cases = [
    ['linkedin', 3000],
    ['facebook', 63_206],
    ['whatsapp', 65_536],
    ['email', 10_000],
  ] as const;
  for (const [network, limit] of cases) {
    // WhatsApp and e-mail carry the link in the text itself, so it takes room from the limit.
    const room = limit - sharedLength(network, '');
    assert.equal(firstOverLimit([{ network, text: 'b'.repeat(room) }]), null, `${network} at its limit`);
    assert.equal(firstOverLimit([{ network, text: 'b'.repeat(room + 1) }])?.limit, limit, `${network} over`);
  }
  assert.equal(firstOverLimit([{ network: 'link', text: 'c'.repeat(100_000) }]), null, 'copy-link has no limit');
});

test('the first offending suggestion is named by its position', () => {
  assert.equal(firstOverLimit([{ network: 'linkedin', text: 'ok' }, { network: 'linkedin', text: 'x'.repeat(3001) }])?.index, 1);
});
