import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Ajv } from 'ajv';
import Parser from 'rss-parser';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { jsonFeedSchema } from './json-feed.schema.ts';
import { buildImageRow, buildStory, buildTheme } from './test-fixtures.ts';

let t: TestApp;
let imageId: string;

before(async () => {
  t = await createTestApp();
  const engineering = await buildTheme(t, 'engineering', 'Techniek', 'Engineering');
  const care = await buildTheme(t, 'care', 'Zorg', 'Care');
  imageId = await buildImageRow(t, 'The lab');
  await buildStory(t, { slug: 'bridges', title: 'Bridges & <tunnels>', language: 'en', format: 'interview', themeIds: [engineering.id], heroImageId: imageId, bodyMarkdown: 'We **build** bridges.' });
  await buildStory(t, { slug: 'bruggen', title: 'Bruggen bouwen', language: 'nl', format: 'column', themeIds: [engineering.id] });
  await buildStory(t, { slug: 'nurses', title: 'Night shift nurses', language: 'en', format: 'behind_the_scenes', themeIds: [care.id] });
  await buildStory(t, { slug: 'draft-only', title: 'Secret draft', status: 'draft', themeIds: [engineering.id] });
  await buildStory(t, { slug: 'expired', title: 'Expired story', expireAt: new Date(t.clock.now().getTime() - 1000) });
  await buildStory(t, { slug: 'archived', title: 'Archived story', status: 'archived' });
  await buildStory(t, { slug: 'external', title: 'On our website', format: 'external_article', externalUrl: 'https://www.example.com/news/1' });
});
after(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const titles = (page: string) => [...page.matchAll(/<h[23] lang="\w+"><a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);

test('the hub lists published stories only, newest first', async () => {
  const response = await get('/stories');
  assert.equal(response.statusCode, 200);
  assert.deepEqual(titles(response.body), ['On our website', 'Night shift nurses', 'Bruggen bouwen', 'Bridges &amp; &lt;tunnels&gt;']);
  assert.match(response.body, /<a href="https:\/\/www\.example\.com\/news\/1"/, 'an external article links to its canonical URL');
});

test('the hub filters by theme, format and language with plain links', async () => {
  assert.deepEqual(titles((await get('/stories?theme=engineering')).body), ['Bruggen bouwen', 'Bridges &amp; &lt;tunnels&gt;']);
  assert.deepEqual(titles((await get('/stories?format=behind_the_scenes')).body), ['Night shift nurses']);
  const dutch = await get('/stories?lang=nl');
  assert.deepEqual(titles(dutch.body), ['Bruggen bouwen']);
  assert.match(dutch.body, /<html lang="nl">[\s\S]*Verhalen van Podium/);
  assert.match(dutch.body, /<a href="\/stories\?lang=nl&amp;theme=engineering"|<a href="\/stories\?theme=engineering&amp;lang=nl"/);
  const combined = await get('/stories?theme=engineering&lang=en&format=interview');
  assert.deepEqual(titles(combined.body), ['Bridges &amp; &lt;tunnels&gt;']);
  assert.match(combined.body, /aria-current="page">Engineering</);
  assert.deepEqual(titles((await get('/stories?theme=nonexistent')).body), []);
  assert.equal((await get('/stories?format=nonsense&page=abc')).statusCode, 200, 'unknown filter values are ignored');
});

test('the hub speaks the reader’s language without a lang filter', async () => {
  const response = await get('/stories', { 'accept-language': 'nl-NL,nl;q=0.9,en;q=0.5' });
  assert.match(response.body, /<html lang="nl">/);
  assert.match(response.body, /Achter de schermen/);
  assert.equal(response.headers.vary, 'Accept-Language');
});

test('the hub pages through many stories', async () => {
  const theme = await buildTheme(t, 'many', 'Veel', 'Many');
  for (let i = 0; i < 14; i++) await buildStory(t, { title: `Many ${String(i).padStart(2, '0')}`, themeIds: [theme.id] });
  const first = await get('/stories?theme=many');
  assert.equal(titles(first.body).length, 12);
  assert.match(first.body, /<a href="\/stories\?theme=many&amp;page=2" rel="next">/);
  const second = await get('/stories?theme=many&page=2');
  assert.equal(titles(second.body).length, 2);
  assert.match(second.body, /rel="prev"/);
  assert.doesNotMatch(second.body, /rel="next"/);
  assert.equal(new Set([...titles(first.body), ...titles(second.body)]).size, 14);
});

test('the RSS feed parses, with items, categories, enclosures and RFC 822 dates', async () => {
  const response = await get('/stories/feed.xml?theme=engineering');
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'application/rss+xml; charset=utf-8');
  const feed = await new Parser().parseString(response.body);
  assert.equal(feed.title, 'Stories from Podium');
  assert.equal(feed.link, 'http://podium.test/stories?theme=engineering');
  assert.ok(feed.description);
  assert.equal((feed as unknown as { language: string }).language, 'en');
  assert.deepEqual(
    feed.items.map((item) => item.title),
    ['Bruggen bouwen', 'Bridges & <tunnels>'],
  );
  const bridges = feed.items[1];
  assert.ok(bridges);
  assert.equal(bridges.link, 'http://podium.test/stories/bridges');
  assert.equal(bridges.guid, 'http://podium.test/stories/bridges');
  assert.match(response.body, /<guid isPermaLink="true">http:\/\/podium\.test\/stories\/bridges<\/guid>/);
  assert.match(bridges.pubDate ?? '', /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  assert.ok(!Number.isNaN(Date.parse(bridges.pubDate ?? '')));
  assert.match(bridges.content ?? '', /^Summary of story \d+$/, 'the description is the summary');
  assert.deepEqual(bridges.categories, ['Engineering']);
  assert.deepEqual({ ...bridges.enclosure }, { url: `http://podium.test/images/${imageId}/share`, length: '0', type: 'image/jpeg' });

  const dutch = await new Parser().parseString((await get('/stories/feed.xml?lang=nl')).body);
  assert.deepEqual(dutch.items.map((item) => item.title), ['Bruggen bouwen']);
  assert.equal((dutch as unknown as { language: string }).language, 'nl');
  assert.deepEqual(dutch.items[0]?.categories, ['Techniek']);
});

test('the JSON Feed is valid JSON Feed 1.1 and honours the filters', async () => {
  const response = await get('/stories/feed.json');
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'application/feed+json; charset=utf-8');
  const feed = response.json();
  const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(jsonFeedSchema);
  assert.ok(validate(JSON.parse(response.body)), JSON.stringify(validate.errors));
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(feed.feed_url, 'http://podium.test/stories/feed.json');
  const titlesInFeed = feed.items.map((item: { title: string }) => item.title);
  assert.ok(titlesInFeed.includes('Bridges & <tunnels>'));
  assert.ok(!titlesInFeed.includes('Secret draft') && !titlesInFeed.includes('Expired story') && !titlesInFeed.includes('Archived story'));
  const bridges = feed.items.find((item: { title: string }) => item.title === 'Bridges & <tunnels>');
  assert.equal(bridges.content_html, '<p>We <strong>build</strong> bridges.</p>\n');
  assert.equal(bridges.image, `http://podium.test/images/${imageId}/share`);
  assert.deepEqual(bridges.tags, ['Engineering']);
  assert.equal(bridges.language, 'en');
  assert.equal(bridges.url, 'http://podium.test/stories/bridges');
  assert.ok(bridges.authors.length > 0);

  const care = (await get('/stories/feed.json?theme=care&lang=en')).json();
  assert.ok(validate(care));
  assert.deepEqual(care.items.map((item: { title: string }) => item.title), ['Night shift nurses']);

  const broken = { ...feed, items: [{ ...bridges, content_html: undefined, date_published: 'yesterday' }] };
  assert.equal(validate(JSON.parse(JSON.stringify(broken))), false, 'the schema does catch an invalid item');
});

test('the widget page may be framed by any site; every other page may not', async () => {
  const widget = await get('/embed/stories?theme=engineering&lang=en&limit=5');
  assert.equal(widget.statusCode, 200);
  const csp = String(widget.headers['content-security-policy']);
  assert.match(csp, /frame-ancestors \*/);
  assert.doesNotMatch(csp, /frame-ancestors 'none'/);
  assert.match(csp, /script-src 'none'/);
  assert.equal(widget.headers['x-frame-options'], undefined);
  assert.match(widget.body, /<a href="http:\/\/podium\.test\/stories\/bridges" target="_blank" rel="noopener"/);
  assert.doesNotMatch(widget.body, /Night shift nurses/);
  const links = widget.body.match(/<a [^>]*>/g) ?? [];
  assert.ok(links.length >= 2);
  for (const link of links) assert.match(link, /target="_blank" rel="noopener"/, link);

  for (const url of ['/stories', '/stories/bridges', '/stories/feed.xml']) {
    const other = await get(url);
    assert.match(String(other.headers['content-security-policy']), /frame-ancestors 'none'/, url);
  }
  const limited = await get('/embed/stories?limit=1');
  assert.equal((limited.body.match(/<li>/g) ?? []).length, 1);
});

test('the embed script is JavaScript that turns placeholders into titled iframes', async () => {
  const response = await get('/embed.js');
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(response.headers['cross-origin-resource-policy'], 'cross-origin');
  assert.match(response.body, /data-podium-stories/);
  assert.match(response.body, /"http:\/\/podium\.test"/);
  assert.match(response.body, /frame\.title = /);
  assert.doesNotThrow(() => new Function(response.body), 'the script parses');
});
