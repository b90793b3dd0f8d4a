import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/** The typed, validated configuration Podium runs with. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly baseUrl: string;
  /** Dedicated short-link host (bare /<code>), or null: links are served at <baseUrl>/l/<code>. */
  readonly linkBaseUrl: string | null;
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  readonly engine: 'pglite' | 'postgres';
  readonly secretKey: string;
  readonly skipMigrations: boolean;
  /** false: ignore X-Forwarded-*; true: trust every hop; number: trust that many hops; string: comma-separated addresses/CIDRs. */
  readonly trustProxy: boolean | number | string;
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  readonly outboxEcho: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly organisationName: string;
  readonly bodyLimitBytes: number;
  /** Private-network hosts an admin allows Podium to fetch from (lower-case host names or IP literals). */
  readonly fetchAllowHosts: readonly string[];
  /** Slack's Web API base URL (tests point it at a local stand-in), without a trailing slash. */
  readonly slackApiUrl: string;
  readonly secureCookies: boolean;
  /** Single sign-on through an OpenID Connect provider, or null when not configured. */
  readonly oidc: OidcConfig | null;
  /** LinkedIn connect (OAuth) and posting; clientId null when not configured. */
  readonly linkedin: LinkedinConfig;
  /** What this process runs: web (HTTP only), worker (jobs only) or all (both, the default). */
  readonly role: 'web' | 'worker' | 'all';
  /** Where uploaded files live: the data directory, or an S3-compatible bucket. */
  readonly storage: StorageConfig;
  /** Bearer token for GET /metrics (Prometheus); null: /metrics is off. */
  readonly metricsToken: string | null;
}

export type StorageConfig =
  | { readonly kind: 'local' }
  | {
      readonly kind: 's3';
      /** The S3 API endpoint (e.g. https://s3.eu-west-1.amazonaws.com, or a MinIO/Garage URL). */
      readonly endpoint: string | null;
      readonly region: string;
      readonly bucket: string;
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      /** Path-style addressing (bucket in the path), as most self-hosted S3-compatible servers need. */
      readonly forcePathStyle: boolean;
      /** Key prefix inside the bucket (e.g. `podium/`), or ''. */
      readonly prefix: string;
    };

export interface OidcConfig {
  /** The issuer (its discovery document is at <issuer>/.well-known/openid-configuration). */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The name on the sign-in button (e.g. Microsoft, Google, Okta). */
  readonly label: string;
  /** E-mail domains allowed to sign in (lower case); empty: any domain the provider vouches for. */
  readonly allowedDomains: readonly string[];
  /** The ID token / userinfo claim holding the person's groups, or null. */
  readonly groupsClaim: string | null;
  /** When true, employees sign in only through SSO, except the break-glass admins below. */
  readonly required: boolean;
  /** Admins who may still sign in by magic link or password when SSO is required (lower-case e-mail addresses). */
  readonly breakGlassEmails: readonly string[];
}

export interface LinkedinConfig {
  readonly clientId: string | null;
  readonly clientSecret: string | null;
  /** OAuth 2.0 base (authorization, accessToken), without a trailing slash. */
  readonly authUrl: string;
  /** API base (REST posts, images, userinfo), without a trailing slash. */
  readonly apiUrl: string;
  /** The `LinkedIn-Version` header (YYYYMM or YYYYMM.RR); LinkedIn retires each version about a year after its release (then answers 426). */
  readonly apiVersion: string;
}

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off']).transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const variables = {
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PODIUM_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  PODIUM_LINK_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  PODIUM_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PODIUM_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  PODIUM_SKIP_MIGRATIONS: bool.default(false),
  PODIUM_TRUST_PROXY: z.string().default('false'),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  PODIUM_MAIL_FROM: z.string().min(3).default('Podium <podium@localhost>'),
  PODIUM_OUTBOX_ECHO: bool.optional(),
  PODIUM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PODIUM_ORGANISATION_NAME: z.string().min(1).max(120).default('Podium'),
  PODIUM_BODY_LIMIT_MB: z.coerce.number().min(1).max(100).default(12),
  /** Hosts on a private network Podium may fetch from (a self-hosted ATS, an intranet newsroom), comma-separated. */
  PODIUM_FETCH_ALLOW_HOSTS: z.string().default(''),
  /** Slack's Web API, for direct messages through a Slack app's bot token. */
  PODIUM_SLACK_API_URL: z.url({ protocol: /^https?$/ }).default('https://slack.com/api'),
  /** Single sign-on (OpenID Connect): the issuer URL; with client id and secret it turns SSO on. */
  PODIUM_OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  PODIUM_OIDC_CLIENT_ID: z.string().min(1).optional(),
  PODIUM_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  PODIUM_OIDC_LABEL: z.string().min(1).max(60).default('SSO'),
  PODIUM_OIDC_ALLOWED_DOMAINS: z.string().default(''),
  PODIUM_OIDC_GROUPS_CLAIM: z.string().min(1).optional(),
  PODIUM_SSO_REQUIRED: bool.default(false),
  PODIUM_SSO_BREAK_GLASS: z.string().default(''),
  /** LinkedIn app credentials for connecting accounts and posting. */
  PODIUM_LINKEDIN_CLIENT_ID: z.string().min(1).optional(),
  PODIUM_LINKEDIN_CLIENT_SECRET: z.string().min(1).optional(),
  PODIUM_LINKEDIN_AUTH_URL: z.url({ protocol: /^https?$/ }).default('https://www.linkedin.com/oauth/v2'),
  PODIUM_LINKEDIN_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.linkedin.com'),
  /** web: HTTP only; worker: background jobs only; all: both (one process, the default). */
  PODIUM_ROLE: z.enum(['web', 'worker', 'all']).default('all'),
  /** Uploaded files: `local` (the data directory) or `s3` (an S3-compatible bucket). */
  PODIUM_STORAGE: z.enum(['local', 's3']).default('local'),
  PODIUM_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  PODIUM_S3_REGION: z.string().min(1).default('us-east-1'),
  PODIUM_S3_BUCKET: z.string().min(3).max(63).optional(),
  PODIUM_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  PODIUM_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  PODIUM_S3_FORCE_PATH_STYLE: bool.default(true),
  PODIUM_S3_PREFIX: z.string().regex(/^([a-z0-9][a-z0-9._-]*\/)*$/i, 'use a path ending in / (e.g. podium/), or leave empty').default(''),
  /** Bearer token that GET /metrics asks for; unset: no /metrics. */
  PODIUM_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  PODIUM_LINKEDIN_VERSION: z.string().regex(/^\d{6}(\.\d{2})?$/, 'use the YYYYMM form (or YYYYMM.RR), e.g. 202607').default('202607'),
} as const;

/** Secrets that may also be given as a file path in `<NAME>_FILE` (Docker/Kubernetes secrets). */
const fileVariables = [
  'DATABASE_URL',
  'PODIUM_SECRET_KEY',
  'SMTP_URL',
  'PODIUM_OIDC_CLIENT_SECRET',
  'PODIUM_LINKEDIN_CLIENT_SECRET',
  'PODIUM_S3_SECRET_ACCESS_KEY',
  'PODIUM_METRICS_TOKEN',
] as const;

type Env = Record<string, string | undefined>;

function readFileVariables(env: Env): Env {
  const out: Env = { ...env };
  for (const name of fileVariables) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) throw new ConfigError(`${name}_FILE`, `set either ${name} or ${name}_FILE, not both`);
    try {
      out[name] = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new ConfigError(`${name}_FILE`, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return out;
}

function parseTrustProxy(value: string): boolean | number | string {
  const v = value.trim().toLowerCase();
  if (['false', '0', 'no', 'off', ''].includes(v)) return false;
  if (['true', 'yes', 'on'].includes(v)) return true;
  if (/^\d+$/.test(v)) return Number(v);
  if (/^[0-9a-f:.,/\s]+$/i.test(v)) return value.replace(/\s+/g, '');
  throw new ConfigError('PODIUM_TRUST_PROXY', 'use false, true, a hop count, or comma-separated proxy addresses');
}

/** Reads the secret key from the environment, or from (or into) the data directory on first run. */
function resolveSecretKey(given: string | undefined, dataDir: string): string {
  if (given) return given;
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (key.length < 32) throw new ConfigError('PODIUM_SECRET_KEY', `${file} holds a key shorter than 32 characters`);
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

const commaList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);

/** SSO is on when issuer, client id and secret are all given; half a configuration is an error, not a silent off. */
function oidcConfig(v: {
  PODIUM_OIDC_ISSUER?: string | undefined;
  PODIUM_OIDC_CLIENT_ID?: string | undefined;
  PODIUM_OIDC_CLIENT_SECRET?: string | undefined;
  PODIUM_OIDC_LABEL: string;
  PODIUM_OIDC_ALLOWED_DOMAINS: string;
  PODIUM_OIDC_GROUPS_CLAIM?: string | undefined;
  PODIUM_SSO_REQUIRED: boolean;
  PODIUM_SSO_BREAK_GLASS: string;
}): OidcConfig | null {
  const given = [v.PODIUM_OIDC_ISSUER, v.PODIUM_OIDC_CLIENT_ID, v.PODIUM_OIDC_CLIENT_SECRET];
  if (given.every((value) => !value)) {
    if (v.PODIUM_SSO_REQUIRED) throw new ConfigError('PODIUM_SSO_REQUIRED', 'needs single sign-on: set PODIUM_OIDC_ISSUER, PODIUM_OIDC_CLIENT_ID and PODIUM_OIDC_CLIENT_SECRET');
    return null;
  }
  if (!v.PODIUM_OIDC_ISSUER) throw new ConfigError('PODIUM_OIDC_ISSUER', 'is needed with PODIUM_OIDC_CLIENT_ID and PODIUM_OIDC_CLIENT_SECRET');
  if (!v.PODIUM_OIDC_CLIENT_ID) throw new ConfigError('PODIUM_OIDC_CLIENT_ID', 'is needed with PODIUM_OIDC_ISSUER');
  if (!v.PODIUM_OIDC_CLIENT_SECRET) throw new ConfigError('PODIUM_OIDC_CLIENT_SECRET', 'is needed with PODIUM_OIDC_ISSUER (or PODIUM_OIDC_CLIENT_SECRET_FILE)');
  const breakGlassEmails = commaList(v.PODIUM_SSO_BREAK_GLASS);
  if (v.PODIUM_SSO_REQUIRED && breakGlassEmails.length === 0) {
    throw new ConfigError('PODIUM_SSO_BREAK_GLASS', 'name at least one admin e-mail address that may still sign in without SSO when PODIUM_SSO_REQUIRED is on');
  }
  return {
    issuer: v.PODIUM_OIDC_ISSUER.replace(/\/+$/, ''),
    clientId: v.PODIUM_OIDC_CLIENT_ID,
    clientSecret: v.PODIUM_OIDC_CLIENT_SECRET,
    label: v.PODIUM_OIDC_LABEL,
    allowedDomains: commaList(v.PODIUM_OIDC_ALLOWED_DOMAINS).map((domain) => domain.replace(/^@/, '')),
    groupsClaim: v.PODIUM_OIDC_GROUPS_CLAIM ?? null,
    required: v.PODIUM_SSO_REQUIRED,
    breakGlassEmails,
  };
}

/** Local storage needs nothing; S3 needs a bucket and both keys, named when missing. */
function storageConfig(v: {
  PODIUM_STORAGE: 'local' | 's3';
  PODIUM_S3_ENDPOINT?: string | undefined;
  PODIUM_S3_REGION: string;
  PODIUM_S3_BUCKET?: string | undefined;
  PODIUM_S3_ACCESS_KEY_ID?: string | undefined;
  PODIUM_S3_SECRET_ACCESS_KEY?: string | undefined;
  PODIUM_S3_FORCE_PATH_STYLE: boolean;
  PODIUM_S3_PREFIX: string;
}): StorageConfig {
  if (v.PODIUM_STORAGE === 'local') return { kind: 'local' };
  for (const name of ['PODIUM_S3_BUCKET', 'PODIUM_S3_ACCESS_KEY_ID', 'PODIUM_S3_SECRET_ACCESS_KEY'] as const) {
    if (!v[name]) throw new ConfigError(name, 'is needed when PODIUM_STORAGE=s3');
  }
  return {
    kind: 's3',
    endpoint: v.PODIUM_S3_ENDPOINT?.replace(/\/+$/, '') ?? null,
    region: v.PODIUM_S3_REGION,
    bucket: v.PODIUM_S3_BUCKET as string,
    accessKeyId: v.PODIUM_S3_ACCESS_KEY_ID as string,
    secretAccessKey: v.PODIUM_S3_SECRET_ACCESS_KEY as string,
    forcePathStyle: v.PODIUM_S3_FORCE_PATH_STYLE,
    prefix: v.PODIUM_S3_PREFIX,
  };
}

/** Loads `.env` (if present) into the environment without overriding what is already set. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/**
 * Builds the frozen configuration from environment variables; throws a ConfigError naming the variable.
 * @example const config = loadConfig(process.env);
 */
export function loadConfig(rawEnv: Env, overrides: Partial<Config> = {}): Config {
  const env = readFileVariables(rawEnv);
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(variables)) {
    const raw = env[name];
    const result = schema.safeParse(raw === '' ? undefined : raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      // Secrets (and URLs with passwords in them) must not end up in a start-up log.
      const got = (fileVariables as readonly string[]).includes(name) ? '' : ` (got ${JSON.stringify(raw)})`;
      throw new ConfigError(name, `${issue?.message ?? 'invalid value'}${got}`);
    }
    values[name] = result.data;
  }
  const v = values as { [K in keyof typeof variables]: z.output<(typeof variables)[K]> };
  const dataDir = path.resolve(v.PODIUM_DATA_DIR);
  const baseUrl = (v.PODIUM_BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, '');
  const engine = v.DATABASE_URL ? 'postgres' : 'pglite';
  const config: Config = {
    port: v.PORT,
    host: v.HOST,
    baseUrl,
    linkBaseUrl: v.PODIUM_LINK_BASE_URL ? v.PODIUM_LINK_BASE_URL.replace(/\/+$/, '') : null,
    dataDir,
    databaseUrl: v.DATABASE_URL ?? null,
    engine,
    secretKey: overrides.secretKey ?? resolveSecretKey(v.PODIUM_SECRET_KEY, dataDir),
    skipMigrations: v.PODIUM_SKIP_MIGRATIONS,
    trustProxy: parseTrustProxy(v.PODIUM_TRUST_PROXY),
    smtpUrl: v.SMTP_URL ?? null,
    mailFrom: v.PODIUM_MAIL_FROM,
    // The echo makes sign-in work with nothing installed; it is personal data in a log, so it is
    // only on for the embedded default without SMTP, and can be switched off.
    outboxEcho: !v.SMTP_URL && (v.PODIUM_OUTBOX_ECHO ?? engine === 'pglite'),
    logLevel: v.PODIUM_LOG_LEVEL,
    organisationName: v.PODIUM_ORGANISATION_NAME,
    bodyLimitBytes: Math.round(v.PODIUM_BODY_LIMIT_MB * 1024 * 1024),
    fetchAllowHosts: v.PODIUM_FETCH_ALLOW_HOSTS.split(',')
      .map((host) => host.trim().toLowerCase().replace(/^\[|\]$/g, ''))
      .filter(Boolean),
    slackApiUrl: v.PODIUM_SLACK_API_URL.replace(/\/+$/, ''),
    secureCookies: baseUrl.startsWith('https://'),
    oidc: oidcConfig(v),
    linkedin: {
      clientId: v.PODIUM_LINKEDIN_CLIENT_ID ?? null,
      clientSecret: v.PODIUM_LINKEDIN_CLIENT_SECRET ?? null,
      authUrl: v.PODIUM_LINKEDIN_AUTH_URL.replace(/\/+$/, ''),
      apiUrl: v.PODIUM_LINKEDIN_API_URL.replace(/\/+$/, ''),
      apiVersion: v.PODIUM_LINKEDIN_VERSION,
    },
    role: v.PODIUM_ROLE,
    storage: storageConfig(v),
    metricsToken: v.PODIUM_METRICS_TOKEN ?? null,
    ...overrides,
  };
  return Object.freeze(config);
}
