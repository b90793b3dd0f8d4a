import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { clicks } from '../../src/db/schema/index.ts';
import { insertStory } from '../../src/sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { buildPerson, lastMailTo, linkIn, tokenHeaders } from '../support/factories.ts';

/**
 * "No raw IP address is ever stored": drive what a visitor and an employee do — redirects by
 * people, crawlers and HEAD requests, sign-in attempts, a sign-in, a share, conversions from a
 * browser and an ATS — with known client addresses and a recognisable user agent, then read every
 * column of every table and look for them.
 */

// Documentation ranges (RFC 5737, RFC 3849): they cannot turn up in the data by chance.
const clientV4 = '203.0.113.77';
const proxyV4 = '198.51.100.23';
const socketV4 = '192.0.2.146';
const clientV6 = '2001:db8:7a3c::1d2e';
const addressForms = [
  clientV4,
  proxyV4,
  socketV4,
  clientV6,
  '2001:0db8:7a3c:0000:0000:0000:0000:1d2e',
  '2001:db8:7a3c:0:0:0:0:1d2e',
  `::ffff:${socketV4}`,
];
const browser = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86 Zeewolde/7.7.31';
const phone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.30.1234 Zeewolde/7.7.31';
const crawler = 'ZeewoldeCrawler/1.0 (+https://crawler.example/zeewolde)';
/** What must not be found: every address form, the full user agents, and their distinctive part. */
const needles = [...addressForms, browser, phone, crawler, 'Zeewolde'];

let t: TestApp;

before(async () => {
  // Behind a proxy that Podium trusts: the client address comes from X-Forwarded-For.
  t = await createTestApp({ PODIUM_TRUST_PROXY: 'true' });
});
after(() => t.close());

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every place (schema.table.column) whose text holds one of the needles; bytea is decoded first. */
async function findInDatabase(search: readonly string[]): Promise<string[]> {
  const columns = await t.ctx.database.query<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(
    `select c.table_schema, c.table_name, c.column_name, c.data_type
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema') and c.table_schema not like 'pg\\_%'
      order by 1, 2, c.ordinal_position`,
  );
  const tables = new Map<string, typeof columns>();
  for (const column of columns) {
    const key = `${quote(column.table_schema)}.${quote(column.table_name)}`;
    tables.set(key, [...(tables.get(key) ?? []), column]);
  }
  const lowered = search.map((needle) => needle.toLowerCase());
  const found = new Set<string>();
  for (const [table, cols] of tables) {
    const rows = await t.ctx.database.query<Record<string, string | null>>(`select ${cols.map((c) => `${quote(c.column_name)}::text as ${quote(c.column_name)}`).join(', ')} from ${table}`);
    for (const row of rows) {
      for (const column of cols) {
        let value = row[column.column_name];
        if (value === null || value === undefined) continue;
        if (column.data_type === 'bytea' && value.startsWith('\\x')) value += Buffer.from(value.slice(2), 'hex').toString('latin1');
        const text = value.toLowerCase();
        if (lowered.some((needle) => text.includes(needle))) found.add(`${column.table_schema}.${column.table_name}.${column.column_name}`);
      }
    }
  }
  return [...found].sort();
}

test('the scan finds an address wherever it is written (so an empty answer means something)', async () => {
  const canary = await buildPerson(t, { name: `Canary ${clientV6}`, preferences: { seenFrom: clientV4 } });
  assert.deepEqual(await findInDatabase(needles), ['public.people.name', 'public.people.preferences']);
  await t.ctx.database.query('delete from people where id = $1', [canary.id]);
  assert.deepEqual(await findInDatabase(needles), []);
});

test('no IP address and no full user agent anywhere in the database after redirects, sign-ins, shares and conversions', async () => {
  const fromClient = { 'x-forwarded-for': `${clientV4}, ${proxyV4}`, 'user-agent': browser, referer: 'https://www.linkedin.com/feed/' };
  const fromV6 = { 'x-forwarded-for': clientV6, 'user-agent': phone, referer: 'https://lnkd.in/abc' };

  // An employee signs in from the client's address (and first mistypes a password) and shares a story.
  await buildPerson(t, { name: 'Ada Ambassador', email: 'ada@example.com' });
  const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: fromClient, payload: { email: 'ada@example.com', password: 'not the password at all' } });
  assert.equal(wrong.statusCode, 401);
  const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', headers: fromV6, payload: { email: 'nobody@example.com' } });
  assert.equal(unknown.statusCode, 202);
  const asked = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', headers: fromClient, payload: { email: 'ada@example.com' } });
  assert.equal(asked.statusCode, 202);
  const mail = await lastMailTo(t, 'ada@example.com');
  assert.ok(mail, 'the sign-in link was mailed');
  const token = linkIn(mail.text).searchParams.get('token');
  const badLink = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', headers: fromV6, payload: { token: 'x'.repeat(40) } });
  assert.equal(badLink.statusCode, 400);
  const signedIn = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link/verify', headers: fromClient, payload: { token } });
  assert.equal(signedIn.statusCode, 200, signedIn.body);
  const cookie = String(signedIn.headers['set-cookie']).split(';')[0] ?? '';
  const session = { ...fromClient, cookie, 'x-csrf-token': signedIn.json().csrfToken };
  const story = await insertStory(t, { slug: 'privacy-proef' });
  const shared = await t.app.inject({ method: 'POST', url: '/api/v1/shares', headers: session, payload: { storyId: story.id, network: 'linkedin', audience: 'candidates', text: 'Mijn eigen woorden bij dit verhaal' } });
  assert.equal(shared.statusCode, 201, shared.body);
  const code = String(shared.json().shortUrl).split('/').at(-1) ?? '';
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me/shares', headers: session })).statusCode, 200);

  // Visitors open the link: a person twice (a repeat), a person on IPv6, one straight from the
  // socket (no proxy header), a preview crawler, another bot and a HEAD request.
  const redirects = [
    await t.app.inject({ method: 'GET', url: `/l/${code}`, headers: fromClient }),
    await t.app.inject({ method: 'GET', url: `/l/${code}`, headers: fromClient }),
    await t.app.inject({ method: 'GET', url: `/l/${code}`, headers: fromV6 }),
    await t.app.inject({ method: 'GET', url: `/l/${code}`, remoteAddress: `::ffff:${socketV4}`, headers: { 'user-agent': browser } }),
  ];
  assert.deepEqual(redirects.map((r) => r.statusCode), [302, 302, 302, 302]);
  const preview = await t.app.inject({ method: 'GET', url: `/l/${code}`, headers: { ...fromClient, 'user-agent': `LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com) ${crawler}` } });
  const bot = await t.app.inject({ method: 'GET', url: `/l/${code}`, headers: { ...fromV6, 'user-agent': crawler } });
  const head = await t.app.inject({ method: 'HEAD', url: `/l/${code}`, headers: fromClient });
  assert.deepEqual([preview.statusCode, bot.statusCode, head.statusCode], [200, 200, 302]);
  assert.equal((await t.app.inject({ method: 'GET', url: '/l/doesnotexist', headers: fromClient })).statusCode, 404);
  assert.equal((await t.app.inject({ method: 'GET', url: '/stories/privacy-proef', headers: fromV6 })).statusCode, 200);

  // The addresses did reach the click writer: the same address and browser is a repeat; others are unique.
  const stored = await t.ctx.database.db.select().from(clicks).where(eq(clicks.linkCode, code)).orderBy(clicks.occurredAt, clicks.id);
  assert.equal(stored.length, 7);
  const visits = stored.filter((click) => click.kind === 'visit');
  assert.deepEqual(visits.map((click) => click.uniqueClick), [true, false, true, true]);
  assert.ok(visits.every((click) => click.visitorHash && click.visitorHash.length >= 16));

  // The careers site reports an application from the visitor's browser; the ATS reports it too.
  const pcid = new URL(String(redirects[0]?.headers.location)).searchParams.get('pcid') ?? '';
  const fromBrowser = await t.app.inject({
    method: 'POST',
    url: '/api/v1/conversions/browser',
    headers: { ...fromClient, origin: 'https://careers.example.com', 'content-type': 'text/plain' },
    payload: JSON.stringify({ type: 'application', clickIds: [pcid], externalId: 'privacy-probe-1' }),
  });
  assert.equal(fromBrowser.statusCode, 201, fromBrowser.body);
  const fromAts = await t.app.inject({
    method: 'POST',
    url: '/api/v1/conversions',
    headers: { ...(await tokenHeaders(t, 'recruiter')), 'x-forwarded-for': clientV6, 'user-agent': browser },
    payload: { type: 'hire', externalId: 'privacy-probe-hire', clickIds: [pcid] },
  });
  assert.equal(fromAts.statusCode, 201, fromAts.body);

  const columns = await t.ctx.database.query<{ n: number }>(
    `select count(*)::int as n from information_schema.columns where data_type in ('inet', 'cidr', 'macaddr') and table_schema not in ('pg_catalog', 'information_schema')`,
  );
  assert.equal(columns[0]?.n, 0, 'no column is even of an address type');
  assert.deepEqual(await findInDatabase(needles), []);
});
