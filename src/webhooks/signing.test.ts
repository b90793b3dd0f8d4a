import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { computeSignature, newWebhookSecret, signatureHeader, verifySignature } from './signing.ts';

const secret = 'whsec_test-secret';
const body = '{"id":"0193","type":"ping","createdAt":"2026-11-27T09:00:00.000Z","data":{}}';
const now = new Date('2026-11-27T09:00:00Z');

test('the header is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">, as a receiver recomputes it', () => {
  const header = signatureHeader(secret, now, body);
  const t = Math.floor(now.getTime() / 1000);
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  assert.equal(header, `t=${t},v1=${expected}`);
  assert.equal(computeSignature(secret, t, Buffer.from(body)), expected);
});

test('verification accepts the right body within five minutes and refuses everything else', () => {
  const header = signatureHeader(secret, now, body);
  assert.equal(verifySignature(secret, header, body, now), null);
  assert.equal(verifySignature(secret, header, Buffer.from(body), new Date(now.getTime() + 299_000)), null);
  assert.equal(verifySignature(secret, header, body, new Date(now.getTime() + 301_000)), 'too_old');
  assert.equal(verifySignature(secret, header, body, new Date(now.getTime() - 301_000)), 'too_old');
  assert.equal(verifySignature(secret, header, body.replace('ping', 'pong'), now), 'mismatch');
  assert.equal(verifySignature('whsec_other', header, body, now), 'mismatch');
  assert.equal(verifySignature(secret, undefined, body, now), 'malformed');
  assert.equal(verifySignature(secret, 'v1=abc', body, now), 'malformed');
  assert.equal(verifySignature(secret, `t=${Math.floor(now.getTime() / 1000)}`, body, now), 'malformed');
});

test('during a rotation a header may carry several v1 signatures; one matching is enough', () => {
  const t = Math.floor(now.getTime() / 1000);
  const header = `t=${t},v1=${computeSignature('whsec_old', t, body)},v1=${computeSignature(secret, t, body)}`;
  assert.equal(verifySignature(secret, header, body, now), null);
});

test('secrets are long and random', () => {
  const a = newWebhookSecret();
  assert.match(a, /^whsec_[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, newWebhookSecret());
});
