import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const KEY = 'a-secret-key-of-at-least-32-characters!!';
const scratch = mkdtempSync(path.join(tmpdir(), 'podium-config-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Asserts that loading fails with a ConfigError naming the variable. */
function assertRejects(env: Record<string, string>, variable: string) {
  assert.throws(
    () => loadConfig({ PODIUM_SECRET_KEY: KEY, ...env }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
      assert.equal(error.variable, variable);
      assert.ok(error.message.includes(variable), `the message names ${variable}: ${error.message}`);
      return true;
    },
  );
}

test('with nothing set Podium runs embedded on port 3000 at localhost', () => {
  const config = loadConfig({ PODIUM_SECRET_KEY: KEY, PODIUM_DATA_DIR: path.join(scratch, 'defaults') });
  assert.equal(config.port, 3000);
  assert.equal(config.host, '0.0.0.0');
  assert.equal(config.engine, 'pglite');
  assert.equal(config.databaseUrl, null);
  assert.equal(config.baseUrl, 'http://localhost:3000');
  assert.equal(config.smtpUrl, null);
  assert.equal(config.trustProxy, false);
  assert.equal(config.secureCookies, false);
  assert.equal(config.outboxEcho, true, 'without SMTP the embedded default echoes sign-in mail to the log');
});

test('the base URL follows PORT, loses its trailing slash, and https makes cookies secure', () => {
  assert.equal(loadConfig({ PODIUM_SECRET_KEY: KEY, PORT: '8080' }).baseUrl, 'http://localhost:8080');
  const config = loadConfig({ PODIUM_SECRET_KEY: KEY, PODIUM_BASE_URL: 'https://podium.example.com/' });
  assert.equal(config.baseUrl, 'https://podium.example.com');
  assert.equal(config.secureCookies, true);
});

test('DATABASE_URL switches to PostgreSQL and turns the outbox echo off', () => {
  const config = loadConfig({ PODIUM_SECRET_KEY: KEY, DATABASE_URL: 'postgres://podium:pw@db:5432/podium' });
  assert.equal(config.engine, 'postgres');
  assert.equal(config.databaseUrl, 'postgres://podium:pw@db:5432/podium');
  assert.equal(config.outboxEcho, false);
});

test('a bad value is refused with a message naming the variable', () => {
  assertRejects({ PORT: 'eighty' }, 'PORT');
  assertRejects({ PORT: '70000' }, 'PORT');
  assertRejects({ DATABASE_URL: 'mysql://db/podium' }, 'DATABASE_URL');
  assertRejects({ DATABASE_URL: 'not a url' }, 'DATABASE_URL');
  assertRejects({ PODIUM_SECRET_KEY: 'short' }, 'PODIUM_SECRET_KEY');
  assertRejects({ SMTP_URL: 'http://mail.example.com' }, 'SMTP_URL');
  assertRejects({ PODIUM_BASE_URL: 'ftp://podium.example.com' }, 'PODIUM_BASE_URL');
  assertRejects({ PODIUM_LOG_LEVEL: 'loud' }, 'PODIUM_LOG_LEVEL');
  assertRejects({ PODIUM_TRUST_PROXY: 'my-proxy.internal' }, 'PODIUM_TRUST_PROXY');
});

test('a refused secret is not echoed into the error (it would land in the start-up log)', () => {
  const cases: Record<string, string> = {
    PODIUM_SECRET_KEY: 'hunter2-but-short',
    DATABASE_URL: 'mysql://podium:hunter2@db/podium',
    SMTP_URL: 'http://mailer:hunter2@mail.example.com',
  };
  for (const [name, value] of Object.entries(cases)) {
    assert.throws(
      () => loadConfig({ PODIUM_SECRET_KEY: KEY, [name]: value }),
      (error: unknown) => error instanceof ConfigError && error.variable === name && !error.message.includes('hunter2'),
      name,
    );
  }
  assert.throws(() => loadConfig({ PODIUM_SECRET_KEY: KEY, PORT: 'eighty' }), /"eighty"/, 'harmless values are still shown');
});

test('*_FILE variants read the secret from a file; setting both is an error', () => {
  const urlFile = path.join(scratch, 'database-url');
  writeFileSync(urlFile, 'postgres://podium:from-file@db/podium\n');
  const keyFile = path.join(scratch, 'secret-key');
  writeFileSync(keyFile, `${KEY}\n`);
  const config = loadConfig({ DATABASE_URL_FILE: urlFile, PODIUM_SECRET_KEY_FILE: keyFile });
  assert.equal(config.databaseUrl, 'postgres://podium:from-file@db/podium');
  assert.equal(config.secretKey, KEY);

  assertRejects({ DATABASE_URL_FILE: urlFile, DATABASE_URL: 'postgres://db/podium' }, 'DATABASE_URL_FILE');
  assertRejects({ SMTP_URL_FILE: path.join(scratch, 'missing') }, 'SMTP_URL_FILE');
  // What the file holds is validated like the variable itself.
  const badUrl = path.join(scratch, 'bad-url');
  writeFileSync(badUrl, 'mysql://db/podium');
  assertRejects({ DATABASE_URL_FILE: badUrl }, 'DATABASE_URL');
});

test('without PODIUM_SECRET_KEY a key is generated into the data dir on first run and reused after', () => {
  const dataDir = path.join(scratch, 'fresh');
  const first = loadConfig({ PODIUM_DATA_DIR: dataDir });
  assert.ok(first.secretKey.length >= 32);
  const file = path.join(dataDir, 'secret.key');
  assert.equal(readFileSync(file, 'utf8').trim(), first.secretKey);
  assert.equal(statSync(file).mode & 0o077, 0, 'only the owner may read the key');
  const second = loadConfig({ PODIUM_DATA_DIR: dataDir });
  assert.equal(second.secretKey, first.secretKey, 'a restart keeps sessions and links valid');

  const tooShort = path.join(scratch, 'short-key');
  mkdirSync(tooShort);
  writeFileSync(path.join(tooShort, 'secret.key'), 'short\n');
  assertRejects({ PODIUM_DATA_DIR: tooShort, PODIUM_SECRET_KEY: '' }, 'PODIUM_SECRET_KEY');
});

test('PODIUM_TRUST_PROXY accepts false, true, a hop count or proxy addresses', () => {
  const cases: [string, boolean | number | string][] = [
    ['false', false],
    ['0', false],
    ['off', false],
    ['true', true],
    ['yes', true],
    ['2', 2],
    ['10.0.0.1, 192.168.0.0/16', '10.0.0.1,192.168.0.0/16'],
    ['::1', '::1'],
  ];
  for (const [raw, expected] of cases) {
    assert.equal(loadConfig({ PODIUM_SECRET_KEY: KEY, PODIUM_TRUST_PROXY: raw }).trustProxy, expected, raw);
  }
});

test('the configuration is frozen', () => {
  const config = loadConfig({ PODIUM_SECRET_KEY: KEY });
  assert.ok(Object.isFrozen(config));
  assert.throws(() => {
    (config as { port: number }).port = 1;
  }, TypeError);
});

// Single sign-on (OpenID Connect)
test('single sign-on is off without an issuer, and needs issuer, client id and secret together', () => {
  assert.equal(loadConfig({ PODIUM_SECRET_KEY: KEY }).oidc, null);
  const oidc = { PODIUM_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0/', PODIUM_OIDC_CLIENT_ID: 'podium', PODIUM_OIDC_CLIENT_SECRET: 's3cret' };
  const config = loadConfig({ PODIUM_SECRET_KEY: KEY, ...oidc, PODIUM_OIDC_ALLOWED_DOMAINS: 'Example.com, @contoso.example', PODIUM_OIDC_GROUPS_CLAIM: 'groups', PODIUM_OIDC_LABEL: 'Microsoft' });
  assert.equal(config.oidc?.issuer, 'https://login.microsoftonline.com/tenant-id/v2.0', 'the trailing slash goes');
  assert.deepEqual(config.oidc?.allowedDomains, ['example.com', 'contoso.example']);
  assert.equal(config.oidc?.groupsClaim, 'groups');
  assert.equal(config.oidc?.label, 'Microsoft');
  assert.equal(config.oidc?.required, false);
  assertRejects({ PODIUM_OIDC_ISSUER: oidc.PODIUM_OIDC_ISSUER, PODIUM_OIDC_CLIENT_ID: 'podium' }, 'PODIUM_OIDC_CLIENT_SECRET');
  assertRejects({ PODIUM_OIDC_CLIENT_ID: 'podium', PODIUM_OIDC_CLIENT_SECRET: 's3cret' }, 'PODIUM_OIDC_ISSUER');
  assertRejects({ ...oidc, PODIUM_OIDC_ISSUER: 'ftp://idp.example' }, 'PODIUM_OIDC_ISSUER');
});

test('the client secret may come from a file; requiring SSO needs SSO and a break-glass admin', () => {
  const file = path.join(scratch, 'oidc-secret');
  writeFileSync(file, 'from-a-file\n');
  const oidc = { PODIUM_OIDC_ISSUER: 'https://accounts.google.com', PODIUM_OIDC_CLIENT_ID: 'podium.apps.googleusercontent.com' };
  assert.equal(loadConfig({ PODIUM_SECRET_KEY: KEY, ...oidc, PODIUM_OIDC_CLIENT_SECRET_FILE: file }).oidc?.clientSecret, 'from-a-file');
  assertRejects({ PODIUM_SSO_REQUIRED: 'true' }, 'PODIUM_SSO_REQUIRED');
  assertRejects({ ...oidc, PODIUM_OIDC_CLIENT_SECRET: 'x', PODIUM_SSO_REQUIRED: 'true' }, 'PODIUM_SSO_BREAK_GLASS');
  const required = loadConfig({ PODIUM_SECRET_KEY: KEY, ...oidc, PODIUM_OIDC_CLIENT_SECRET: 'x', PODIUM_SSO_REQUIRED: 'yes', PODIUM_SSO_BREAK_GLASS: 'Root@Example.com' });
  assert.equal(required.oidc?.required, true);
  assert.deepEqual(required.oidc?.breakGlassEmails, ['root@example.com']);
});
