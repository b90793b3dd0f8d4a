import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, tokenHeaders } from '../../test/support/factories.ts';
import { fetchFeed, htmlToText } from './fetch-feed.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const rss = fixture('newsroom.rss.xml');
const atom = fixture('newsroom.atom.xml');
/** What /changing serves; a test swaps it to add an item between two syncs. */
let changing = rss;

let t: TestApp;
let server: Server;
let base: string;
let editor: Record<string, string>;

before(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/rss.xml') return response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
    if (path === '/atom.xml') return response.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom);
    if (path === '/changing.xml') return response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(changing);
    if (path === '/not-a-feed') return response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Oops</body></html>');
    if (path === '/huge.xml') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = `<!-- ${'x'.repeat(1024 * 1024)} -->`;
      for (let i = 0; i < 6; i++) response.write(chunk);
      return response.end();
    }
    if (path === '/slow.xml') return setTimeout(() => response.writeHead(200).end(rss), 2_000);
    return response.writeHead(500).end('down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The test's feeds are served from this machine: allowed as an admin would allow an intranet host.
  t = await createTestApp({ PODIUM_FETCH_ALLOW_HOSTS: '127.0.0.1' });
  editor = await tokenHeaders(t, 'editor', (await buildPerson(t, { roles: ['editor'] })).id);
});
after(async () => {
  await t.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function subscribe(path: string, language: 'nl' | 'en', name = path) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/newsroom-feeds', headers: editor, payload: { url: `${base}${path}`, name, language } });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

const sync = async (id: string) => (await t.app.inject({ method: 'POST', url: `/api/v1/newsroom-feeds/${id}/sync`, headers: editor })).json();

async function importedFrom(feedId: string) {
  return t.ctx.database.query<{ title: string; summary: string; external_url: string; status: string; format: string; language: string; newsroom_guid: string }>(
    'select title, summary, external_url, status, format, language, newsroom_guid from stories where newsroom_feed_id = $1 order by title',
    [feedId],
  );
}

test('an RSS feed: each new item becomes a draft external article with text summary, once', async () => {
  const feed = await subscribe('/rss.xml', 'nl', 'Nieuwsroom');
  assert.deepEqual(await sync(feed.id), { added: 2, skipped: 1, error: null }, 'the duplicate guid counts once; the javascript: link is left out');
  const stories = await importedFrom(feed.id);
  assert.deepEqual(
    stories.map((s) => [s.title, s.status, s.format, s.language, s.external_url, s.newsroom_guid]),
    [
      ['Duurzame bruggen', 'draft', 'external_article', 'nl', 'https://www.example.com/nieuws/bruggen', 'https://www.example.com/nieuws/bruggen'],
      ['Nieuwe vestiging in Eindhoven', 'draft', 'external_article', 'nl', 'https://www.example.com/nieuws/eindhoven', 'news-1001'],
    ],
  );
  assert.equal(stories[1]?.summary, 'We openen een nieuwe vestiging & zoeken collega\'s.', 'HTML stripped, script dropped, entities decoded');
  assert.equal(stories[0]?.summary, 'Over bruggen zonder beton.');

  assert.deepEqual(await sync(feed.id), { added: 0, skipped: 3, error: null }, 'nothing twice');
  assert.equal((await importedFrom(feed.id)).length, 2);
  const listed = await t.app.inject({ method: 'GET', url: '/api/v1/stories?format=external_article&status=draft', headers: editor });
  const story = listed.json().items.find((s: { title: string }) => s.title === 'Duurzame bruggen');
  assert.equal(story.url, 'https://www.example.com/nieuws/bruggen', 'the canonical URL is the newsroom article');
});

test('an Atom feed: entry ids are the keys, summaries become text, language from the feed setting', async () => {
  const feed = await subscribe('/atom.xml', 'en');
  assert.deepEqual(await sync(feed.id), { added: 2, skipped: 0, error: null });
  const stories = await importedFrom(feed.id);
  assert.deepEqual(
    stories.map((s) => [s.title, s.summary, s.language, s.newsroom_guid]),
    [
      ['Engineers win award', 'Our bridge team won.', 'en', 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6b'],
      ['Record year for apprentices', 'Forty apprentices joined this year.', 'en', 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a'],
    ],
  );
});

test('a new item between two syncs is added; the old ones are not', async () => {
  changing = rss;
  const feed = await subscribe('/changing.xml', 'nl');
  assert.equal((await sync(feed.id)).added, 2);
  changing = rss.replace('<item>', '<item><title>Derde bericht</title><link>https://www.example.com/nieuws/derde</link><guid>news-1003</guid></item><item>');
  assert.deepEqual(await sync(feed.id), { added: 1, skipped: 3, error: null });
  assert.ok((await importedFrom(feed.id)).some((s) => s.title === 'Derde bericht'));
});

test('a broken feed records why and changes nothing', async () => {
  const [before] = await t.ctx.database.query<{ n: number }>('select count(*)::int as n from stories');
  for (const [path, message] of [
    ['/down.xml', /HTTP 500/],
    ['/not-a-feed', /not valid RSS or Atom/],
    ['/huge.xml', /sent more than 5 MB/],
  ] as const) {
    const feed = await subscribe(path, 'nl');
    const result = await sync(feed.id);
    assert.equal(result.added, 0);
    assert.match(result.error, message);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/newsroom-feeds', headers: editor })).json().items.find((f: { id: string }) => f.id === feed.id);
    assert.match(listed.lastError, message);
    assert.ok(listed.lastFetchedAt);
  }
  const [afterwards] = await t.ctx.database.query<{ n: number }>('select count(*)::int as n from stories');
  assert.equal(afterwards?.n, before?.n);

  // A fixed feed clears its error on the next good sync.
  const feed = await subscribe('/atom.xml?again', 'en');
  await t.ctx.database.query(`update newsroom_feeds set last_error = 'old' where id = $1`, [feed.id]);
  await sync(feed.id);
  const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/newsroom-feeds', headers: editor })).json().items.find((f: { id: string }) => f.id === feed.id);
  assert.equal(listed.lastError, null);
});

test('a slow feed times out; only http(s) feeds are read; a private address needs the admin’s allowance', async () => {
  const allowHosts = ['127.0.0.1'];
  await assert.rejects(fetchFeed(`${base}/slow.xml`, { allowHosts, timeoutMs: 200 }), /did not answer within 0.2 s/);
  await assert.rejects(fetchFeed('file:///etc/passwd', { allowHosts }), /only http and https/);
  await assert.rejects(fetchFeed(`${base}/rss.xml`, { allowHosts: [] }), /127\.0\.0\.1 is a private address; an admin can allow it/);
  const withoutAllowance = await createTestApp();
  try {
    const token = await tokenHeaders(withoutAllowance, 'editor', (await buildPerson(withoutAllowance, { roles: ['editor'] })).id);
    const created = await withoutAllowance.app.inject({ method: 'POST', url: '/api/v1/newsroom-feeds', headers: token, payload: { url: `${base}/rss.xml`, name: 'intranet', language: 'nl' } });
    const result = (await withoutAllowance.app.inject({ method: 'POST', url: `/api/v1/newsroom-feeds/${created.json().id}/sync`, headers: token })).json();
    assert.match(result.error, /private address/, 'the sync records why, and imports nothing');
    assert.equal(result.added, 0);
  } finally {
    await withoutAllowance.close();
  }
  const refused = await t.app.inject({ method: 'POST', url: '/api/v1/newsroom-feeds', headers: editor, payload: { url: 'ftp://example.com/feed', name: 'x', language: 'nl' } });
  assert.equal(refused.statusCode, 400);
});

test('subscriptions: one per URL; unsubscribing keeps the imported stories; the hourly job syncs active feeds', async () => {
  const feed = await subscribe('/rss.xml?twice', 'nl');
  const twice = await t.app.inject({ method: 'POST', url: '/api/v1/newsroom-feeds', headers: editor, payload: { url: `${base}/rss.xml?twice`, name: 'x', language: 'nl' } });
  assert.equal(twice.statusCode, 409);
  assert.equal(twice.json().error.code, 'feed_taken');

  await t.ctx.database.query('update newsroom_feeds set active = false where id <> $1', [feed.id]);
  await t.jobs.send('newsroom.sync', {});
  await t.jobs.drain();
  assert.equal((await importedFrom(feed.id)).length, 2, 'the job imported the active feed');

  assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/newsroom-feeds/${feed.id}`, headers: editor })).statusCode, 204);
  const [kept] = await t.ctx.database.query<{ n: number }>(`select count(*)::int as n from stories where newsroom_guid = 'news-1001'`);
  assert.ok((kept?.n ?? 0) >= 1, 'imported stories stay');
  assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/newsroom-feeds/${feed.id}`, headers: editor })).statusCode, 404);
});

test('htmlToText strips tags, scripts and comments and decodes entities', () => {
  assert.equal(htmlToText('<p>A&nbsp;&amp;&#x42;&#67;</p><style>p{}</style><!-- x --><br/>D'), 'A &BC D');
  assert.equal(htmlToText('&#0; &#xD800; &bogus;'), '&#0; &#xD800; &bogus;');
});
