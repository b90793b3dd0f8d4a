import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { images, people, stories } from '../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildImageRow, buildPerson, buildStory, buildTheme } from './test-fixtures.ts';

let t: TestApp;

before(async () => {
  t = await createTestApp();
});
after(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

/** The content of a meta tag (by property or name), decoded. */
function meta(page: string, key: string): string | undefined {
  const match = page.match(new RegExp(`<meta (?:property|name)="${key.replace(/[:.]/g, '\\$&')}" content="([^"]*)">`));
  return match?.[1]?.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function jsonLd(page: string): Record<string, unknown> {
  const match = page.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
  assert.ok(match?.[1], 'the page has a JSON-LD block');
  return JSON.parse(match[1]);
}

test('a published story page has its Open Graph, Twitter, canonical, hreflang and Article data', async () => {
  const theme = await buildTheme(t, 'engineering', 'Techniek', 'Engineering');
  const image = await buildImageRow(t, 'Maria at the test bench');
  const maria = await buildPerson(t, { name: 'Maria Jansen' });
  const story = await buildStory(t, {
    title: 'How Maria tests bridges',
    slug: 'how-maria-tests-bridges',
    summary: 'A day in the lab with our bridge engineer.',
    bodyMarkdown: '## The lab\n\nMaria starts at **seven**.',
    heroImageId: image,
    themeIds: [theme.id],
    featured: [{ personId: maria.id, quote: 'Every bridge is a puzzle.', approval: 'approved' }],
  });
  const dutch = await buildStory(t, { title: 'Hoe Maria bruggen test', slug: 'hoe-maria-bruggen-test', language: 'nl', translationGroupId: story.translationGroupId });

  const response = await get('/stories/how-maria-tests-bridges');
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(response.headers['cache-control'], 'public, max-age=60');
  const page = response.body;
  assert.match(page, /<html lang="en">/);
  assert.equal(meta(page, 'og:title'), 'How Maria tests bridges');
  assert.equal(meta(page, 'og:description'), 'A day in the lab with our bridge engineer.');
  assert.equal(meta(page, 'og:type'), 'article');
  assert.equal(meta(page, 'og:url'), 'http://podium.test/stories/how-maria-tests-bridges');
  assert.equal(meta(page, 'og:image'), `http://podium.test/images/${image}/share`);
  assert.equal(meta(page, 'og:image:width'), '1200');
  assert.equal(meta(page, 'og:image:height'), '627');
  assert.equal(meta(page, 'og:image:alt'), 'Maria at the test bench');
  assert.equal(meta(page, 'twitter:card'), 'summary_large_image');
  assert.equal(meta(page, 'twitter:title'), 'How Maria tests bridges');
  assert.match(page, /<link rel="canonical" href="http:\/\/podium\.test\/stories\/how-maria-tests-bridges">/);
  assert.match(page, /<link rel="alternate" hreflang="nl" href="http:\/\/podium\.test\/stories\/hoe-maria-bruggen-test">/);
  assert.match(page, /<link rel="alternate" hreflang="en" href="http:\/\/podium\.test\/stories\/how-maria-tests-bridges">/);
  assert.match(page, /<h3>The lab<\/h3>\s*<p>Maria starts at <strong>seven<\/strong>\.<\/p>/);
  assert.match(page, /<img src="http:\/\/podium\.test\/images\/[^"]+\/share" alt="Maria at the test bench"/);
  assert.match(page, /Every bridge is a puzzle\./);
  assert.match(page, /Maria Jansen/);
  assert.match(page, />Engineering</);
  assert.match(page, /<time datetime="\d{4}-/);
  assert.match(page, /<header[^>]*>[\s\S]*<main id="main"[\s\S]*<\/main>\s*<footer/);
  assert.match(page, /<a class="skip" href="#main">/);
  assert.doesNotMatch(page, /<script(?! type="application\/ld\+json")/, 'no script runs on the page');
  assert.doesNotMatch(page, /style="/, 'no inline styles (the CSP would block them)');

  const article = jsonLd(page);
  assert.equal(article['@context'], 'https://schema.org');
  assert.equal(article['@type'], 'Article');
  assert.equal(article.headline, 'How Maria tests bridges');
  assert.equal(article.inLanguage, 'en');
  assert.deepEqual(article.image, [`http://podium.test/images/${image}/share`]);
  assert.equal(article.mainEntityOfPage, 'http://podium.test/stories/how-maria-tests-bridges');

  const translated = await get(`/stories/${dutch.slug}`);
  assert.match(translated.body, /<html lang="nl">/);
  assert.match(translated.body, /<link rel="alternate" hreflang="en" href="http:\/\/podium\.test\/stories\/how-maria-tests-bridges">/);
  assert.match(translated.body, /Gepubliceerd/);
});

test('the stylesheet the pages link is served, cached for a year under its versioned URL', async () => {
  const page = (await get('/stories')).body;
  const href = page.match(/<link rel="stylesheet" href="([^"]+)">/)?.[1];
  assert.ok(href);
  const css = await get(href);
  assert.equal(css.statusCode, 200);
  assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
  assert.match(String(css.headers['cache-control']), /max-age=31536000/);
  assert.match(css.body, /\.skip/);
});

test('script, event handlers and javascript: URLs never survive in title, summary, body or quotes', async () => {
  const attacker = await buildPerson(t, { name: '<img src=x onerror=alert(5)>' });
  const image = await buildImageRow(t, '"><script>alert(6)</script>');
  await buildStory(t, {
    slug: 'xss-story',
    title: '</script><script>alert(1)</script>',
    summary: '"><img src=x onerror=alert(2)>',
    bodyMarkdown: '<script>alert(3)</script>\n\n[click](javascript:alert(4))\n\n<a href="javascript:alert(7)" onclick="alert(8)">x</a>\n\n![i](javascript:alert(9))',
    heroImageId: image,
    featured: [{ personId: attacker.id, quote: '<svg onload=alert(10)></svg> javascript:alert(11)', approval: 'approved' }],
  });
  const page = (await get('/stories/xss-story')).body;
  // The only script element is the JSON-LD block, and nothing inside it can end it early.
  assert.equal(page.match(/<script/gi)?.length, 1);
  assert.equal(page.match(/<\/script>/gi)?.length, 1);
  assert.doesNotMatch(page, /<img src=x/i);
  assert.doesNotMatch(page, /<svg/i);
  assert.doesNotMatch(page, /<a href="javascript/i);
  // Every attribute value is double-quoted with quotes inside escaped, so with the values blanked
  // out, an event handler left in a tag would be a real attribute.
  const tags = page.replace(/"[^"]*"/g, '""').match(/<[a-z][^>]*>/gi) ?? [];
  assert.ok(tags.length > 20);
  assert.deepEqual(tags.filter((tag) => /\son\w+=/i.test(tag)), [], 'no event handler attribute');
  assert.doesNotMatch(page, /(href|src|action)="\s*(javascript|vbscript|data):/i, 'no script URL in a link or image');
  assert.doesNotMatch(page, /<a [^>]*>click|<img src="javascript/i);
  assert.equal(jsonLd(page).headline, '</script><script>alert(1)</script>', 'JSON-LD keeps the text as data');
  assert.equal(meta(page, 'og:title'), '</script><script>alert(1)</script>');
});

test('a page stays under 50 KB even for a long story', async () => {
  const theme = await buildTheme(t, 'long', 'Lang', 'Long');
  const person = await buildPerson(t, { name: 'Long Story Person' });
  await buildStory(t, {
    slug: 'a-long-story',
    bodyMarkdown: Array.from({ length: 40 }, (_, i) => `Paragraph ${i}: ${'A colleague explains their work in plenty of detail. '.repeat(8)}`).join('\n\n'),
    themeIds: [theme.id],
    featured: [{ personId: person.id, quote: 'A quote of a reasonable length for a story page.', approval: 'approved' }],
  });
  const response = await get('/stories/a-long-story');
  assert.equal(response.statusCode, 200);
  assert.ok(Buffer.byteLength(response.body) > 15_000, 'the test story is long');
  assert.ok(Buffer.byteLength(response.body) < 50 * 1024, `${Buffer.byteLength(response.body)} bytes`);
});

test('only approved, not erased featured colleagues appear', async () => {
  const approved = await buildPerson(t, { name: 'Approved Anna' });
  const pending = await buildPerson(t, { name: 'Pending Piet' });
  const erased = await buildPerson(t, { name: 'Erased Eva' });
  await buildStory(t, {
    slug: 'featured-filter',
    featured: [
      { personId: approved.id, quote: 'Yes, publish it.', approval: 'approved' },
      { personId: pending.id, quote: 'Not yet decided.', approval: 'pending' },
      { personId: erased.id, quote: 'Gone.', approval: 'approved' },
    ],
  });
  await t.ctx.database.db.update(people).set({ erasedAt: t.clock.now() }).where(eq(people.id, erased.id));
  const page = (await get('/stories/featured-filter')).body;
  assert.match(page, /Approved Anna/);
  assert.doesNotMatch(page, /Pending Piet|Not yet decided/);
  assert.doesNotMatch(page, /Erased Eva|Gone\./);
});

test('an archived story stays reachable with a notice; drafts and scheduled stories are 404', async () => {
  await buildStory(t, { slug: 'archived-story', status: 'archived', title: 'Old news' });
  const archived = await get('/stories/archived-story');
  assert.equal(archived.statusCode, 200);
  assert.match(archived.body, /This story is archived/);

  for (const status of ['idea', 'draft', 'in_review', 'approved'] as const) {
    await buildStory(t, { slug: `a-${status}-story`, status });
    const response = await get(`/stories/a-${status}-story`);
    assert.equal(response.statusCode, 404, status);
    assert.match(response.headers['content-type'] ?? '', /text\/html/);
    assert.match(response.body, /Story not found/);
  }
  await buildStory(t, { slug: 'scheduled-story', publishAt: new Date(t.clock.now().getTime() + 3_600_000), publishedAt: null });
  assert.equal((await get('/stories/scheduled-story')).statusCode, 404);
  const dutch404 = await get('/stories/no-such-story', { 'accept-language': 'nl-NL,nl;q=0.9' });
  assert.equal(dutch404.statusCode, 404);
  assert.match(dutch404.body, /<html lang="nl">[\s\S]*Verhaal niet gevonden/);

  t.clock.advance(2 * 3_600_000);
  assert.equal((await get('/stories/scheduled-story')).statusCode, 200, 'visible once its time has come');
  t.clock.advance(-2 * 3_600_000);
});

test('an external article has a page whose canonical link is the external URL', async () => {
  await buildStory(t, { slug: 'external-piece', format: 'external_article', externalUrl: 'https://www.example.com/news/our-new-lab' });
  const page = (await get('/stories/external-piece')).body;
  assert.match(page, /<link rel="canonical" href="https:\/\/www\.example\.com\/news\/our-new-lab">/);
  assert.equal(meta(page, 'og:url'), 'https://www.example.com/news/our-new-lab');
  assert.match(page, /<a href="https:\/\/www\.example\.com\/news\/our-new-lab">Read the full article<\/a>/);
});

test('a cached page changes within a minute when the story, its image alt text or a translation changes', async () => {
  // The server trusts a rendered page as long as browsers may (max-age=60); after that it checks the version.
  const later = () => t.clock.advance(60_000);
  const image = await buildImageRow(t, 'First alt text');
  const story = await buildStory(t, { slug: 'changing-story', title: 'First title', heroImageId: image });
  assert.match((await get('/stories/changing-story')).body, /First title/);
  assert.match((await get('/stories/changing-story')).body, /First alt text/);
  await t.ctx.database.db.update(stories).set({ title: 'Too soon', revision: sql`${stories.revision} + 1` }).where(eq(stories.id, story.id));
  assert.match((await get('/stories/changing-story')).body, /First title/, 'within the minute the rendered page is served as it was');

  await t.ctx.database.db.update(stories).set({ title: 'Second title', revision: sql`${stories.revision} + 1` }).where(eq(stories.id, story.id));
  later();
  assert.match((await get('/stories/changing-story')).body, /Second title/);

  await t.ctx.database.db.update(images).set({ altText: 'Second alt text' }).where(eq(images.id, image));
  later();
  assert.match((await get('/stories/changing-story')).body, /Second alt text/);

  const translation = await buildStory(t, { slug: 'veranderend-verhaal', language: 'nl', status: 'draft', translationGroupId: story.translationGroupId });
  later();
  assert.doesNotMatch((await get('/stories/changing-story')).body, /hreflang="nl"/, 'a draft translation is not linked');
  await t.ctx.database.db.update(stories).set({ status: 'published', publishedAt: t.clock.now() }).where(eq(stories.id, translation.id));
  later();
  assert.match((await get('/stories/changing-story')).body, /hreflang="nl" href="http:\/\/podium\.test\/stories\/veranderend-verhaal"/);

  await t.ctx.database.db.update(stories).set({ status: 'draft' }).where(eq(stories.id, story.id));
  later();
  assert.equal((await get('/stories/changing-story')).statusCode, 404, 'an unpublished story is not served from the cache');
});
