import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decryptSecret, encryptSecret, SecretUnreadableError } from './secrets.ts';

const key = 'a-secret-key-of-at-least-thirty-two-characters';

test('a secret encrypts to different text each time and decrypts back', () => {
  const first = encryptSecret(key, 'linkedin-token', 'AQX-token-value');
  const second = encryptSecret(key, 'linkedin-token', 'AQX-token-value');
  assert.notEqual(first, second);
  assert.ok(!first.includes('AQX-token-value'));
  assert.equal(decryptSecret(key, 'linkedin-token', first), 'AQX-token-value');
  assert.equal(decryptSecret(key, 'linkedin-token', second), 'AQX-token-value');
});

test('another secret key, another purpose or tampered text cannot be read', () => {
  const stored = encryptSecret(key, 'webhook-secret', 'whsec');
  assert.throws(() => decryptSecret(`${key}-changed`, 'webhook-secret', stored), SecretUnreadableError);
  assert.throws(() => decryptSecret(key, 'linkedin-token', stored), SecretUnreadableError);
  const parts = stored.split('.');
  const body = parts[3] ?? '';
  const tampered = [...parts.slice(0, 3), `${body.slice(0, -2)}${body.endsWith('A') ? 'B' : 'A'}A`].join('.');
  assert.throws(() => decryptSecret(key, 'webhook-secret', tampered), SecretUnreadableError);
  assert.throws(() => decryptSecret(key, 'webhook-secret', 'plain-text'), SecretUnreadableError);
});
