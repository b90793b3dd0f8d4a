import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../support/factories.ts';

/**
 * A seeded fuzz run of the JSON API: every operation in the OpenAPI document gets random and boundary
 * path parameters, queries and bodies as an anonymous caller, an ambassador and an admin. Podium must
 * answer every request (no hang) and never with a 5xx. Set PODIUM_FUZZ_SEED to replay a run and
 * PODIUM_FUZZ_CASES to change the number of cases per operation and caller.
 */

const seed = Number(process.env.PODIUM_FUZZ_SEED ?? 20261128);
const casesPerCaller = Number(process.env.PODIUM_FUZZ_CASES ?? 3);
const requestTimeoutMs = 10_000;

/** mulberry32: small, seedable, good enough to pick cases. */
function generator(start: number) {
  let state = start >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, int, pick };
}
type Random = ReturnType<typeof generator>;

interface Schema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  additionalProperties?: boolean | Schema;
}

const nastyStrings = [
  '',
  ' ',
  '\u0000',
  '../../etc/passwd',
  "' OR 1=1 --",
  '"; DROP TABLE people; --',
  '<script>alert(1)</script>',
  '%00%ff',
  '\ud800',
  '😀'.repeat(50),
  'a'.repeat(5000),
  `\${jndi:ldap://x}`,
  '{{7*7}}',
  'null',
  '-1',
  '1e309',
  'http://127.0.0.1:1/',
  'javascript:alert(1)',
  '__proto__',
  'constructor',
];
const nastyNumbers = [0, -1, 1, -2147483649, 2147483648, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5, 1e-300];

/** Any JSON value, with a bias towards the values that break parsers and databases. */
function anyValue(r: Random, depth = 0): unknown {
  switch (r.int(0, depth > 2 ? 3 : 5)) {
    case 0:
      return r.pick(nastyStrings);
    case 1:
      return r.pick(nastyNumbers);
    case 2:
      return r.pick([true, false, null]);
    case 3:
      return r.pick(['00000000-0000-0000-0000-000000000000', 'not-a-uuid', '2026-13-45T99:99:99Z', 'x@y', '']);
    case 4:
      return Array.from({ length: r.int(0, 3) }, () => anyValue(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: r.int(0, 3) }, () => [r.pick(['__proto__', 'constructor', 'id', 'name', 'x', 'url']), anyValue(r, depth + 1)]));
  }
}

/** A value that fits the schema, at one of its boundaries when it has any. */
function sampleOf(schema: Schema | undefined, r: Random, depth = 0): unknown {
  if (!schema || depth > 6) return anyValue(r, 3);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return r.pick(schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return sampleOf(r.pick(options), r, depth + 1);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((part) => sampleOf(part, r, depth + 1)));
  const type = Array.isArray(schema.type) ? r.pick(schema.type) : schema.type;
  switch (type) {
    case 'string':
      return stringOf(schema, r);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1000;
      const max = schema.maximum ?? 1000;
      const value = r.pick([min, max, Math.floor((min + max) / 2), min + 1]);
      return type === 'integer' ? Math.round(value) : value;
    }
    case 'boolean':
      return r.next() < 0.5;
    case 'null':
      return null;
    case 'array': {
      const length = Math.min(r.pick([schema.minItems ?? 0, schema.maxItems ?? 3, 1]), 20);
      return Array.from({ length }, () => sampleOf(schema.items, r, depth + 1));
    }
    default: {
      // An object, or a schema without a type: fill in its properties.
      const out: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || r.next() < 0.6) out[key] = sampleOf(property, r, depth + 1);
      }
      return out;
    }
  }
}

function stringOf(schema: Schema, r: Random): string {
  switch (schema.format) {
    case 'uuid':
      return r.pick(['00000000-0000-7000-8000-000000000000', crypto.randomUUID()]);
    case 'email':
      return r.pick(['fuzz@example.com', `${'a'.repeat(64)}@example.com`]);
    case 'uri':
    case 'url':
      return r.pick(['https://fuzz.invalid/', 'http://127.0.0.1:1/x', 'http://[::1]/', 'http://2130706433/']);
    case 'date-time':
      return r.pick(['2026-11-27T09:00:00.000Z', '1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']);
    case 'date':
      return r.pick(['2026-11-27', '0001-01-01', '9999-12-31']);
  }
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, 20_000);
  return 'x'.repeat(r.pick([min, max, Math.min(min + 1, max)]));
}

/** One request body: schema-shaped, boundary-broken (lengths past the limits, wrong types) or random. */
function bodyOf(schema: Schema | undefined, r: Random): unknown {
  const mode = r.int(0, 3);
  if (mode === 0 || !schema) return anyValue(r);
  const value = sampleOf(schema, r);
  if (mode === 1 || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 0) return value;
  const key = r.pick(keys);
  const property = schema.properties?.[key];
  const broken = mode === 2 ? anyValue(r) : property?.maxLength !== undefined ? 'y'.repeat(property.maxLength + 1) : property?.maximum !== undefined ? property.maximum + 1 : r.pick(nastyStrings);
  return { ...value, [key]: broken };
}

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; required?: boolean; schema?: Schema }[];
  body?: { contentType: string; schema?: Schema };
}

function operationsOf(document: { paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: { content: Record<string, { schema?: Schema }> } }>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const [contentType, content] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
      operations.push({ method: method.toUpperCase(), path, parameters: operation.parameters ?? [], body: contentType ? { contentType, schema: content?.schema } : undefined });
    }
  }
  return operations;
}

/** encodeURIComponent, but a lone surrogate goes out as its raw (invalid) UTF-8 bytes instead of throwing. */
function enc(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

function paramValue(schema: Schema | undefined, r: Random): string {
  const choice = r.int(0, 3);
  if (choice === 0) return enc(String(r.pick(nastyStrings)) || 'x');
  if (choice === 1) return r.pick(['00000000-0000-7000-8000-000000000000', 'not-a-uuid', '-1', '99999999999999999999', '%2e%2e']);
  return enc(String(sampleOf(schema, r)) || 'x');
}

let t: TestApp;
let ambassador: { id: string };
let admin: { id: string };
let adminToken: Record<string, string>;

before(async () => {
  t = await createTestApp();
  ambassador = await buildPerson(t, { name: 'Fuzz Ambassador' });
  admin = await buildPerson(t, { name: 'Fuzz Admin', roles: ['admin', 'ambassador'] });
  adminToken = await tokenHeaders(t, 'admin');
});
after(() => t?.close());

test(`no 5xx and no hang for random and boundary requests to every API operation (seed ${seed})`, async () => {
  const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const operations = operationsOf(document);
  assert.ok(operations.length > 100, `the OpenAPI document lists the API (${operations.length} operations)`);
  const r = generator(seed);
  const failures: string[] = [];
  let sent = 0;
  for (const operation of operations) {
    for (const caller of ['anonymous', 'ambassador', 'admin', 'adminToken'] as const) {
      for (let i = 0; i < casesPerCaller; i++) {
        const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => paramValue(operation.parameters.find((p) => p.name === name)?.schema, r));
        const query = operation.parameters
          .filter((p) => p.in === 'query' && (p.required || r.next() < 0.5))
          .map((p) => `${enc(p.name)}=${r.next() < 0.3 ? enc(String(r.pick(nastyStrings))) : enc(String(sampleOf(p.schema, r)))}`)
          .join('&');
        const headers: Record<string, string> =
          caller === 'anonymous' ? {} : caller === 'adminToken' ? { ...adminToken } : await sessionHeaders(t, caller === 'admin' ? admin : ambassador);
        let payload: string | Buffer | undefined;
        if (operation.body) {
          if (operation.body.contentType.includes('json')) {
            payload = r.next() < 0.1 ? r.pick(['{', '[1,', '{"a":', '\u0000', 'null', '']) : JSON.stringify(bodyOf(operation.body.schema, r) ?? null);
            headers['content-type'] = r.next() < 0.05 ? 'text/html' : 'application/json';
          } else {
            payload = Buffer.from(Array.from({ length: r.int(0, 256) }, () => r.int(0, 255)));
            headers['content-type'] = operation.body.contentType;
          }
        }
        const label = `${caller} ${operation.method} ${url}${query ? `?${query}` : ''} ${typeof payload === 'string' ? payload.slice(0, 200) : ''}`;
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'hang'>((resolve) => {
          timer = setTimeout(() => resolve('hang'), requestTimeoutMs);
        });
        const answer = await Promise.race([t.app.inject({ method: operation.method as 'GET', url: `${url}${query ? `?${query}` : ''}`, headers, payload }), timeout]);
        clearTimeout(timer);
        sent++;
        if (answer === 'hang') failures.push(`no answer within ${requestTimeoutMs} ms: ${label}`);
        else if (answer.statusCode >= 500) failures.push(`${answer.statusCode}: ${label} → ${answer.body.slice(0, 300)}`);
      }
    }
  }
  assert.ok(sent >= operations.length * 4, 'every operation was called by every caller');
  assert.deepEqual(failures, [], `${failures.length} of ${sent} requests failed`);
});

test('the pages outside the OpenAPI document (public pages, feeds, embed, short links, nudges) answer hostile paths and queries without a 5xx', async () => {
  const r = generator(seed + 1);
  const paths = ['/stories/{x}', '/vacancies/{x}', '/stories', '/stories/feed.xml', '/stories/feed.json', '/embed/stories', '/l/{x}', '/n/{x}', '/n/{x}/open.gif', '/unsubscribe/{x}', '/images/{x}/share', '/t.js', '/{x}'];
  const names = ['theme', 'lang', 'limit', 'page', 'cursor', 'q', 'v', 'utm_source'];
  const failures: string[] = [];
  for (const path of paths) {
    for (let i = 0; i < casesPerCaller * 4; i++) {
      const url = path.replace('{x}', paramValue(undefined, r));
      const query = names.filter(() => r.next() < 0.4).map((name) => `${name}=${enc(String(r.pick([...nastyStrings, ...nastyNumbers])))}`).join('&');
      const target = `${url}${query ? `?${query}` : ''}`;
      const response = await t.app.inject({ method: r.pick(['GET', 'GET', 'HEAD', 'POST'] as const), url: target, headers: { 'accept-language': r.pick(['nl', 'en', '*', 'xx-;q=abc', '']) } });
      if (response.statusCode >= 500) failures.push(`${response.statusCode}: ${target} → ${response.body.slice(0, 200)}`);
    }
  }
  assert.deepEqual(failures, []);
});
