import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { webcrypto } from 'node:crypto';

// The careers-site script runs here on a page without a DOM: just the globals it reads. The real
// browser (cross-origin, storage, cookies) is covered by e2e/conversion-journey.e2e.ts.
const source = readFileSync(new URL('./tracker.js', import.meta.url), 'utf8');
const snippet = 'window.podium = window.podium || function () { (podium.q = podium.q || []).push(arguments); };';
const DAY = 86_400_000;
const A = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const B = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';

/** localStorage of one origin, remembering every write. */
class Storage {
  readonly items = new Map<string, string>();
  writes = 0;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.writes++;
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.writes++;
    this.items.delete(key);
  }
}

interface Sent {
  url: string;
  init: { method: string; credentials: string; keepalive: boolean; mode: string; headers: Record<string, string>; body: string };
}

/** Loads a page at `search` with the snippet, the given calls before the script, then t.js; answers what it sent. */
async function page(options: { search?: string; storage?: Storage; before?: string; after?: string; now?: number; src?: string; status?: number[] }) {
  const sent: Sent[] = [];
  const statuses = [...(options.status ?? [])];
  const timers: (() => void)[] = [];
  const now = options.now ?? Date.parse('2026-06-01T12:00:00Z');
  const window: Record<string, unknown> = {
    location: { search: options.search ?? '' },
    localStorage: options.storage ?? new Storage(),
    crypto: webcrypto,
    fetch: async (url: string, init: Sent['init']) => {
      sent.push({ url, init });
      return { status: statuses.shift() ?? 201 };
    },
  };
  const FakeDate = class extends Date {
    static override now() {
      return now;
    }
  };
  Object.assign(window, {
    window,
    document: { currentScript: { src: options.src ?? 'https://podium.example.com/t.js' }, querySelector: () => null },
    URLSearchParams,
    JSON,
    Array,
    Uint8Array,
    Date: FakeDate,
    setTimeout: (fn: () => void) => timers.push(fn),
  });
  runInNewContext(`${snippet}\n${options.before ?? ''}`, window);
  runInNewContext(source, window);
  runInNewContext(options.after ?? '', window);
  await new Promise((resolve) => setImmediate(resolve));
  return { sent, bodies: () => sent.map((s) => JSON.parse(s.init.body)), timers, window };
}

test('calls made before the script loaded run in order; a conversion posts the visit’s click id as simple text to Podium', async () => {
  const { sent, bodies } = await page({ search: `?utm_source=linkedin&pcid=${A.toUpperCase()}`, before: "podium('conversion', { type: 'application', vacancy: 'ENG-42' });" });
  assert.equal(sent.length, 1);
  assert.equal(sent[0]?.url, 'https://podium.example.com/api/v1/conversions/browser');
  assert.deepEqual(
    { method: sent[0]?.init.method, credentials: sent[0]?.init.credentials, keepalive: sent[0]?.init.keepalive, mode: sent[0]?.init.mode, type: sent[0]?.init.headers['content-type'] },
    { method: 'POST', credentials: 'omit', keepalive: true, mode: 'cors', type: 'text/plain' },
  );
  const [body] = bodies();
  assert.deepEqual(body.clickIds, [A]);
  assert.equal(body.type, 'application');
  assert.equal(body.vacancy, 'ENG-42');
  assert.match(body.externalId, /^[0-9a-f]{32}$/, 'a random id, so a retry is never counted twice');
});

test('without consent nothing is written to storage, and earlier kept ids are not used', async () => {
  const storage = new Storage();
  storage.items.set('podium_click_ids', JSON.stringify([{ id: B, at: Date.parse('2026-05-30T00:00:00Z') }]));
  const { bodies } = await page({ search: `?pcid=${A}`, storage, after: "podium('conversion', { type: 'lead' });" });
  assert.equal(storage.writes, 0);
  assert.deepEqual(bodies()[0]?.clickIds, [A], 'only the click id of this visit');
});

test('with consent the click ids of every visit are kept for 90 days and all sent; withdrawing consent forgets them', async () => {
  const storage = new Storage();
  const day1 = Date.parse('2026-03-01T10:00:00Z');
  await page({ search: `?pcid=${A}`, storage, now: day1, before: "podium('consent', true);" });
  const kept = JSON.parse(storage.getItem('podium_click_ids') ?? '[]');
  assert.deepEqual(kept, [{ id: A, at: day1 }]);

  // Day 4: another click, another page of the careers site; consent given again by the consent tool.
  const day4 = day1 + 3 * DAY;
  const { bodies } = await page({ search: `?pcid=${B}`, storage, now: day4, before: "podium('consent', true); podium('conversion', { type: 'application' });" });
  assert.deepEqual(bodies()[0]?.clickIds, [A, B]);

  // 90 days after the first click it has expired and is dropped.
  const later = await page({ search: '', storage, now: day1 + 90 * DAY, before: "podium('consent', true); podium('conversion', { type: 'application' });" });
  assert.deepEqual(later.bodies()[0]?.clickIds, [B]);
  assert.deepEqual(
    JSON.parse(storage.getItem('podium_click_ids') ?? '[]').map((e: { id: string }) => e.id),
    [B],
  );

  await page({ storage, after: "podium('consent', false);" });
  assert.equal(storage.getItem('podium_click_ids'), null);
});

test('nothing is sent without a click id, for a hire, or for a pcid that is not a click id', async () => {
  for (const [search, call] of [
    ['', "podium('conversion', { type: 'application' })"],
    [`?pcid=${A}`, "podium('conversion', { type: 'hire' })"],
    ['?pcid=<script>', "podium('conversion', { type: 'application' })"],
  ] as const) {
    const { sent } = await page({ search, after: call });
    assert.equal(sent.length, 0, `${search} ${call}`);
  }
});

test('a failed report is retried with the same externalId; Podium behind a path prefix is found from the script’s URL', async () => {
  const { sent, timers } = await page({ search: `?pcid=${A}`, src: 'https://www.example.com/podium/t.js?v=2', status: [503], after: "podium('conversion', { type: 'signup', externalId: 'signup-9' })" });
  assert.equal(sent[0]?.url, 'https://www.example.com/podium/api/v1/conversions/browser');
  assert.equal(timers.length, 1, 'one retry is scheduled');
  timers[0]?.();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(sent.length, 2);
  assert.equal(sent[1]?.init.body, sent[0]?.init.body);
  assert.equal(JSON.parse(sent[1]?.init.body ?? '{}').externalId, 'signup-9');
});

test('loaded twice, the script keeps the first and sends once', async () => {
  const { window, sent } = await page({ search: `?pcid=${A}` });
  runInNewContext(source, window);
  runInNewContext("podium('conversion', { type: 'lead' })", window);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(sent.length, 1);
});
