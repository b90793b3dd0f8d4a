import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildImageRow, buildPerson, buildStory, buildTheme, buildVacancy } from '../../src/public/test-fixtures.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { sessionHeaders, tokenHeaders } from '../support/factories.ts';

/**
 * XSS: hostile text in every field the public pages render (story title, summary, body, featured
 * names and quotes, image alt text, theme names, vacancy texts) must come out as text, never as markup.
 */

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t?.close());

/** Payloads that break out of text, attributes, URLs and script blocks. */
const payloads = {
  script: '<script>alert("xss-script")</script>',
  attribute: '"><img src=x onerror=alert("xss-attr")>',
  single: "'><svg onload=alert('xss-single')>",
  closeScript: '</script><script>alert("xss-close")</script>',
  iframe: '<iframe src="javascript:alert(1)"></iframe>',
};
const hostile = Object.values(payloads).join(' ');

/** Fails on any sign that a payload became markup: an unknown script, an event handler, a javascript: URL. */
function assertInert(page: string, where: string): void {
  const tags = page.match(/<[a-z][a-z0-9]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*\s*\/?>/gi) ?? [];
  for (const tag of tags) {
    assert.doesNotMatch(tag, /^<(?:iframe|svg|object|embed|style)\b/i, `${where}: an injected ${tag}`);
    assert.doesNotMatch(tag, /^<img src=x/i, `${where}: an injected ${tag}`);
    for (const [, name = '', quoted, single, bare] of tag.matchAll(/\s([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      const value = quoted ?? single ?? bare ?? '';
      assert.doesNotMatch(name, /^on/i, `${where}: an event handler attribute in ${tag}`);
      if (/^(?:href|src|action|formaction)$/i.test(name)) assert.doesNotMatch(value.trim(), /^javascript:/i, `${where}: a javascript: URL in ${tag}`);
    }
  }
  for (const [script = '', attributes = '', content = ''] of page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/application\/ld\+json/.test(attributes)) assert.doesNotThrow(() => JSON.parse(content), `${where}: JSON-LD broken open: ${script}`);
    else assert.doesNotMatch(content, /alert\(/, `${where}: a payload inside a script block`);
  }
}

test('story pages, the story list, feeds and the embed render hostile story fields as text', async () => {
  const theme = await buildTheme(t, 'xss-theme', `Thema ${payloads.attribute}`, `Theme ${payloads.script}`);
  const image = await buildImageRow(t, `Alt ${payloads.attribute}`);
  const featured = await buildPerson(t, { name: `Maria ${payloads.single}` });
  const body = [
    `# Heading ${payloads.script}`,
    '',
    payloads.iframe,
    '',
    '[click me](javascript:alert("xss-md"))',
    '',
    `<a href="javascript:alert(1)" onclick="alert(2)">raw link</a> <img src=x onerror=alert(3)>`,
    '',
    `![image ${payloads.attribute}](javascript:alert(4))`,
    '',
    payloads.closeScript,
  ].join('\n');
  await buildStory(t, {
    title: `Title ${payloads.closeScript}`,
    slug: 'xss-story',
    summary: `Summary ${payloads.attribute} ${payloads.single}`,
    bodyMarkdown: body,
    heroImageId: image,
    themeIds: [theme.id],
    featured: [{ personId: featured.id, quote: `Quote ${hostile}`, approval: 'approved' }],
  });
  for (const url of ['/stories/xss-story', '/stories', '/stories?theme=xss-theme', '/embed/stories', '/embed/stories?lang=nl']) {
    const response = await t.app.inject({ method: 'GET', url });
    assert.equal(response.statusCode, 200, url);
    assertInert(response.body, url);
  }
  // Feeds carry HTML for feed readers: it must be sanitised HTML.
  const feed = await t.app.inject({ method: 'GET', url: '/stories/feed.json' });
  assert.equal(feed.statusCode, 200);
  const items = (feed.json() as { items: { content_html?: string; title?: string }[] }).items;
  assert.ok(items.length > 0);
  for (const item of items) assertInert(item.content_html ?? '', 'feed.json content_html');
  const rss = await t.app.inject({ method: 'GET', url: '/stories/feed.xml' });
  assert.equal(rss.statusCode, 200);
  const decoded = rss.body.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  for (const [, html = ''] of decoded.matchAll(/<(?:description|content:encoded)>([\s\S]*?)<\/(?:description|content:encoded)>/g)) assertInert(html, 'feed.xml item');
  const page = (await t.app.inject({ method: 'GET', url: '/stories/xss-story' })).body;
  // The text itself survives, escaped: readers see what the editor typed.
  assert.match(page, /&lt;script&gt;alert/);
  // JSON-LD cannot be closed early by a title.
  const ld = page.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)?.[1];
  assert.ok(ld, 'the story page has JSON-LD');
  assert.equal((JSON.parse(ld) as { headline: string }).headline, `Title ${payloads.closeScript}`);
});

test('vacancy pages render hostile vacancy texts as text and sanitise the description', async () => {
  await buildVacancy(t, {
    slug: 'xss-vacancy',
    title: `Engineer ${payloads.closeScript}`,
    department: `Dept ${payloads.attribute}`,
    location: `Utrecht ${payloads.single}`,
    employmentType: payloads.script,
    descriptionHtml: `<p>Fine</p>${hostile}<a href="javascript:alert(5)">apply</a><p onclick="alert(6)">x</p><style>body{display:none}</style>`,
    applyUrl: 'javascript:alert("xss-apply")',
  });
  const response = await t.app.inject({ method: 'GET', url: '/vacancies/xss-vacancy' });
  assert.equal(response.statusCode, 200);
  assertInert(response.body, '/vacancies/xss-vacancy');
  assert.doesNotMatch(response.body, /<style>body\{display:none\}/, 'no injected style block');
  assert.match(response.body, /<p>Fine<\/p>/, 'harmless markup in the description stays');
});

test('names and texts entered through the API come back as JSON, never as a rendered page', async () => {
  const admin = await tokenHeaders(t, 'admin');
  const person = await buildPerson(t, { name: `Eve ${payloads.script}` });
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: await sessionHeaders(t, person) });
  assert.equal(me.statusCode, 200);
  assert.match(String(me.headers['content-type']), /^application\/json/);
  assert.equal(me.headers['x-content-type-options'], 'nosniff');
  const list = await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: admin });
  assert.equal(list.statusCode, 200);
  assert.match(String(list.headers['content-type']), /^application\/json/);
  // A 404 page echoes the URL inside JSON only.
  const missing = await t.app.inject({ method: 'GET', url: `/api/v1/${encodeURIComponent(payloads.script)}` });
  assert.equal(missing.statusCode, 404);
  assert.match(String(missing.headers['content-type']), /^application\/json/);
});

test('e-mails render a hostile name as text in their HTML part', async () => {
  const person = await buildPerson(t, { name: `Mallory ${payloads.attribute} ${payloads.script}` });
  const asked = await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: person.email } });
  assert.ok(asked.statusCode < 300, asked.body);
  const rows = await t.ctx.database.query<{ html_body: string; subject: string }>('select html_body, subject from mail_outbox where lower(to_address) = lower($1)', [person.email]);
  assert.ok(rows.length > 0, 'the sign-in mail was written');
  for (const row of rows) {
    assertInert(row.html_body, `mail ${row.subject}`);
    assert.match(row.html_body, /Mallory &quot;&gt;&lt;img|Mallory &#34;&gt;&lt;img|Mallory "&gt;&lt;img/, 'the name is shown, as text');
    assert.doesNotMatch(row.subject, /[\r\n]/, 'no header injection through the subject');
  }
});
