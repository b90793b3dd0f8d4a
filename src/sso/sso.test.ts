import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as oidc from 'openid-client';
import { loadConfig } from '../config.ts';
import { classify, SsoFailure } from './client.ts';
import { ssoRequiredFor } from './policy.ts';
import { domainAllowed, groupValues } from './service.ts';
import { openPending, SSO_COOKIE_SECONDS, safeReturnTo, sealPending } from './state.ts';

const KEY = 'a-secret-key-of-at-least-32-characters!!';
const pending = { state: 'st', nonce: 'no', verifier: 've', returnTo: '/feed' };

test('the pending sign-in cookie opens only unaltered, under the same key, within ten minutes', () => {
  const now = new Date('2026-11-27T09:00:00Z');
  const sealed = sealPending(KEY, pending, now);
  assert.deepEqual(openPending(KEY, sealed, now), pending);
  assert.deepEqual(openPending(KEY, sealed, new Date(now.getTime() + SSO_COOKIE_SECONDS * 1000)), pending);
  assert.equal(openPending(KEY, sealed, new Date(now.getTime() + SSO_COOKIE_SECONDS * 1000 + 1)), null, 'too late');
  assert.equal(openPending(`${KEY}x`, sealed, now), null, 'another key');
  const [body = '', mac = ''] = sealed.split('.');
  const forged = Buffer.from(JSON.stringify({ ...pending, returnTo: '//evil.example', at: now.getTime() })).toString('base64url');
  assert.equal(openPending(KEY, `${forged}.${mac}`, now), null, 'a changed body');
  assert.equal(openPending(KEY, `${body}.`, now), null);
  assert.equal(openPending(KEY, undefined, now), null);
  assert.equal(openPending(KEY, 'garbage', now), null);
});

test('the return path stays inside Podium', () => {
  assert.equal(safeReturnTo('/stories/42?tab=share#top'), '/stories/42?tab=share#top');
  for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/a\nb', '/a\\b', '', undefined, null, '/sign-in?next=/x', '/api/auth/session', `/${'a'.repeat(1000)}`]) {
    assert.equal(safeReturnTo(bad), '/', String(bad));
  }
});

test('domains and groups from claims', () => {
  assert.equal(domainAllowed({ allowedDomains: [] }, 'a@anything.example'), true);
  assert.equal(domainAllowed({ allowedDomains: ['example.com'] }, 'a@Example.com'), true);
  assert.equal(domainAllowed({ allowedDomains: ['example.com'] }, 'a@sub.example.com'), false, 'subdomains are named explicitly');
  assert.equal(domainAllowed({ allowedDomains: ['example.com'] }, 'a@example.com.evil.example'), false);
  assert.equal(groupValues({ sub: 'x', groups: ['A', ' A ', 'B', 3, ''] }, 'groups')?.join('|'), 'A|B');
  assert.deepEqual(groupValues({ sub: 'x', roles: 'Editors' }, 'roles'), ['Editors']);
  assert.equal(groupValues({ sub: 'x' }, 'groups'), null, 'no claim: memberships stay as they are');
  assert.equal(groupValues({ sub: 'x', groups: ['A'] }, null), null);
});

/** An error as openid-client throws it: a ClientError with its code and the processing error as cause. */
function coded(message: string, code: string, cause?: unknown): oidc.ClientError {
  const error = new oidc.ClientError(message, { cause });
  Object.defineProperty(error, 'code', { value: code });
  return error;
}

test('openid-client’s refusals become the codes the sign-in page explains', () => {
  const claimError = (claim: string) => coded('unexpected JWT claim value encountered', 'OAUTH_JWT_CLAIM_COMPARISON_FAILED', { cause: { claim } });
  assert.equal(classify(claimError('aud')).code, 'wrong_audience');
  assert.equal(classify(claimError('nonce')).code, 'state_mismatch');
  assert.equal(classify(claimError('iss')).code, 'failed');
  assert.equal(classify(coded('JWT timestamp claim value failed validation', 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED')).code, 'token_expired');
  assert.equal(classify(new TypeError('fetch failed')).code, 'provider_unreachable');
  assert.equal(classify(coded('operation timed out', 'OAUTH_TIMEOUT')).code, 'provider_unreachable');
  assert.equal(classify(new SsoFailure('alumni', 'left')).code, 'alumni');
  assert.equal(classify(new Error('something else')).code, 'failed');
});

test('SSO required: employees by domain or by work address; break-glass admins and alumni are free', () => {
  const config = loadConfig({
    PODIUM_SECRET_KEY: KEY,
    PODIUM_OIDC_ISSUER: 'https://idp.example',
    PODIUM_OIDC_CLIENT_ID: 'podium',
    PODIUM_OIDC_CLIENT_SECRET: 'secret',
    PODIUM_OIDC_ALLOWED_DOMAINS: 'example.com',
    PODIUM_SSO_REQUIRED: 'true',
    PODIUM_SSO_BREAK_GLASS: 'root@example.com',
  });
  assert.equal(ssoRequiredFor(config, 'anna@example.com', null), true, 'an address in the domain, known or not');
  assert.equal(ssoRequiredFor(config, ' ROOT@example.com ', { ambassadorStatus: 'active' }), false);
  assert.equal(ssoRequiredFor(config, 'contractor@partner.example', { ambassadorStatus: 'active' }), true, 'an employee outside the domain');
  assert.equal(ssoRequiredFor(config, 'someone@private.example', null), false, 'an alumnus’s personal address');
  assert.equal(ssoRequiredFor(config, 'left@partner.example', { ambassadorStatus: 'alumni' }), false);
  const optional = loadConfig({ PODIUM_SECRET_KEY: KEY, PODIUM_OIDC_ISSUER: 'https://idp.example', PODIUM_OIDC_CLIENT_ID: 'podium', PODIUM_OIDC_CLIENT_SECRET: 'secret' });
  assert.equal(ssoRequiredFor(optional, 'anna@example.com', { ambassadorStatus: 'active' }), false);
});
