import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { clicks, images, links, shares, stories } from '../db/schema/index.ts';
import { runRetention } from '../privacy/service.ts';
import { insertCampaign, insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { invalidateStoryLinks, STORY_TTL_MS } from './cache.ts';

let t: TestApp;
let adminToken: Record<string, string>;
before(async () => {
  t = await createTestApp();
  adminToken = await tokenHeaders(t, 'admin');
});
after(() => t.close());

const iPhone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1';
const linkedInApp = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.29.8520';
const linkedInBot = 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)';

/** Shares a story as a fresh active ambassador and answers the share with its link code. */
async function shareOf(storyId: string, network = 'linkedin') {
  const person = await buildPerson(t);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/shares',
    headers: await sessionHeaders(t, person),
    payload: { storyId, network, audience: 'candidates', text: 'Mijn eigen woorden bij dit verhaal' },
  });
  assert.equal(response.statusCode, 201, response.body);
  const body = response.json() as { id: string; shortUrl: string };
  return { person, shareId: body.id, shortUrl: body.shortUrl, code: body.shortUrl.split('/').at(-1) ?? '' };
}

async function open(code: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') {
  return t.app.inject({ method, url: `/l/${code}`, headers: { 'user-agent': iPhone, ...headers } });
}

async function clicksOf(code: string) {
  return t.ctx.database.db.select().from(clicks).where(eq(clicks.linkCode, code)).orderBy(clicks.occurredAt, clicks.id);
}

test('a person gets a 302 to the story with UTM parameters and the click id, never cached', async () => {
  const story = await insertStory(t, { slug: 'ic-verpleegkundige' });
  const { code, shareId } = await shareOf(story.id);
  const response = await open(code, { referer: 'https://WWW.LinkedIn.com/feed/update/urn:li:activity:1?x=y' });
  assert.equal(response.statusCode, 302);
  assert.equal(response.headers['cache-control'], 'no-store');
  assert.equal(response.headers['referrer-policy'], 'strict-origin-when-cross-origin');
  const location = new URL(String(response.headers.location));
  assert.equal(`${location.origin}${location.pathname}`, 'http://podium.test/stories/ic-verpleegkundige');
  assert.equal(location.searchParams.get('utm_source'), 'linkedin');
  assert.equal(location.searchParams.get('utm_medium'), 'employee_advocacy');
  assert.equal(location.searchParams.get('utm_campaign'), 'ic-verpleegkundige', 'no campaign: the story slug');
  assert.equal(location.searchParams.get('utm_content'), shareId);
  const [click] = await clicksOf(code);
  assert.ok(click);
  assert.equal(location.searchParams.get('pcid'), click.id, 'the click id travels to the destination');
  assert.deepEqual(
    { kind: click.kind, bot: click.bot, device: click.device, referrerHost: click.referrerHost, shareId: click.shareId },
    { kind: 'visit', bot: false, device: 'mobile', referrerHost: 'www.linkedin.com', shareId },
  );
  const columns = Object.keys(click);
  assert.ok(!columns.some((c) => /ip|agent|address/i.test(c)), 'no IP address or user agent is stored');
});

test('a share made during a campaign carries the campaign slug; the network is the source', async () => {
  const story = await insertStory(t);
  await insertCampaign(t, { slug: 'zorg-werft', storyIds: [story.id], startsOn: '2026-11-01', endsOn: '2026-12-31' });
  const { code } = await shareOf(story.id, 'whatsapp');
  const location = new URL(String((await open(code)).headers.location));
  assert.equal(location.searchParams.get('utm_campaign'), 'zorg-werft');
  assert.equal(location.searchParams.get('utm_source'), 'whatsapp');
});

test('HEAD is recorded as head, never as a visit', async () => {
  const story = await insertStory(t);
  const { code } = await shareOf(story.id);
  const response = await open(code, {}, 'HEAD');
  assert.equal(response.statusCode, 302);
  assert.equal(response.body, '');
  const recorded = await clicksOf(code);
  assert.deepEqual(recorded.map((c) => [c.kind, c.bot]), [['head', true]]);
});

test('LinkedInBot gets a 200 preview with og:url = the short link; the LinkedIn app is a person', async () => {
  const [image] = await t.ctx.database.db
    .insert(images)
    .values({ originalKey: 'o.jpg', shareKey: 's.jpg', mimeType: 'image/jpeg', width: 2400, height: 1254, bytes: 1000, altText: 'Sanne op de <IC>', createdAt: t.clock.now() })
    .returning();
  assert.ok(image);
  const story = await insertStory(t, { title: 'Sanne & de nachtdienst', summary: 'Een "eerlijk" verhaal', heroImageId: image.id, language: 'nl' });
  const { code, shortUrl } = await shareOf(story.id);
  const preview = await open(code, { 'user-agent': linkedInBot });
  assert.equal(preview.statusCode, 200);
  assert.match(String(preview.headers['content-type']), /^text\/html/);
  assert.equal(preview.headers.location, undefined);
  assert.ok(preview.body.includes(`<meta property="og:url" content="${shortUrl}">`), preview.body);
  assert.ok(preview.body.includes(`<meta property="og:image" content="http://podium.test/images/${image.id}/share">`));
  assert.ok(preview.body.includes('content="Sanne &amp; de nachtdienst"'), 'escaped');
  assert.ok(preview.body.includes('content="Sanne op de &lt;IC&gt;"'));
  assert.match(preview.body, /<a href="http:\/\/podium\.test\/stories\/[^"]+utm_source=linkedin[^"]*">Lees het verhaal<\/a>/, 'a normal link for humans');
  assert.ok(!preview.body.includes('pcid='), 'no click id for a crawler');

  const person = await open(code, { 'user-agent': linkedInApp });
  assert.equal(person.statusCode, 302, 'the LinkedIn in-app browser is a person');
  const curl = await open(code, { 'user-agent': 'curl/8.5.0' });
  assert.equal(curl.statusCode, 200, 'other bots get the preview too');
  assert.deepEqual((await clicksOf(code)).map((c) => [c.kind, c.bot, c.device]), [['preview', true, null], ['visit', false, 'mobile'], ['bot', true, null]]);
});

test('no open redirect: tampered codes and smuggled URLs are a friendly 404, never a Location elsewhere', async () => {
  const story = await insertStory(t);
  const { code } = await shareOf(story.id);
  const attempts = [
    '/l/AAAAAAAAAA',
    `/l/${code.slice(0, -1)}`,
    `/l/${code}x`,
    `/l/${code.toLowerCase() === code ? code.toUpperCase() : code.toLowerCase()}`,
    '/l//evil.com',
    '/l/%2F%2Fevil.com',
    '/l/%2f%2fevil.com%2f',
    `/l/${code}%2F..%2F..%2Fevil.com`,
    `/l/${code}/https://evil.com`,
    '/l/https:%2F%2Fevil.com',
    '/l/..%2F..%2Fapi%2Fv1%2Fpeople',
    '/l/%5Cevil.com',
    '/l/',
  ];
  for (const url of attempts) {
    const response = await t.app.inject({ method: 'GET', url, headers: { 'user-agent': iPhone, 'accept-language': 'nl-NL,nl;q=0.9' } });
    assert.equal(response.statusCode, 404, url);
    assert.equal(response.headers.location, undefined, url);
    assert.match(String(response.headers['content-type']), /^text\/html/, url);
    assert.ok(response.body.includes('Deze link bestaat niet'), `${url}: Dutch by Accept-Language`);
  }
  const english = await t.app.inject({ method: 'GET', url: '/l/AAAAAAAAAA', headers: { 'accept-language': 'en' } });
  assert.ok(english.body.includes('This link does not exist'));
  // The page's own security headers: no script, its one inline style allowed by hash.
  const csp = String(english.headers['content-security-policy']);
  assert.match(csp, /default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
  const style = /<style[^>]*>([^<]*)<\/style>/.exec(english.body)?.[1] ?? '';
  const { createHash } = await import('node:crypto');
  assert.ok(csp.includes(`'sha256-${createHash('sha256').update(style).digest('base64')}'`), 'the hash is the inline style’s');
  assert.equal(english.headers['x-content-type-options'], 'nosniff');
  // The request cannot steer a real link elsewhere either.
  for (const extra of ['?url=https://evil.com', '?next=//evil.com', '?redirect=https%3A%2F%2Fevil.com']) {
    const response = await t.app.inject({ method: 'GET', url: `/l/${code}${extra}`, headers: { 'user-agent': iPhone, host: 'evil.com' } });
    assert.equal(response.statusCode, 302);
    assert.equal(new URL(String(response.headers.location)).host, 'podium.test', extra);
    assert.ok(!String(response.headers.location).includes('evil'), extra);
  }
});

test('an external article redirects to its own URL, query and fragment kept; a non-http URL falls back to the page', async () => {
  const external = await insertStory(t, { format: 'external_article', externalUrl: 'https://www.example.org/nieuws/één?ref=home&utm_source=site#reacties' });
  const { code, shareId } = await shareOf(external.id);
  const location = String((await open(code)).headers.location);
  assert.ok(location.startsWith('https://www.example.org/nieuws/%C3%A9%C3%A9n?ref=home&utm_source=linkedin&utm_medium=employee_advocacy'), location);
  assert.ok(location.endsWith('#reacties'));
  const url = new URL(location);
  assert.deepEqual(url.searchParams.getAll('utm_source'), ['linkedin']);
  assert.equal(url.searchParams.get('utm_content'), shareId);

  const hostile = await insertStory(t, { slug: 'veilig-verhaal', externalUrl: 'javascript:alert(1)' });
  const fallback = await shareOf(hostile.id);
  assert.ok(String((await open(fallback.code)).headers.location).startsWith('http://podium.test/stories/veilig-verhaal?'));
});

test('links are forever: an archived story still redirects to its page', async () => {
  const story = await insertStory(t, { slug: 'wordt-gearchiveerd' });
  const { code } = await shareOf(story.id);
  await t.ctx.database.db.update(stories).set({ status: 'archived', archivedAt: t.clock.now() }).where(eq(stories.id, story.id));
  invalidateStoryLinks(story.id);
  const response = await open(code);
  assert.equal(response.statusCode, 302);
  assert.ok(String(response.headers.location).startsWith('http://podium.test/stories/wordt-gearchiveerd?'));
});

test('an erased person’s link keeps redirecting; their words are gone, the share and its clicks stay', async () => {
  const story = await insertStory(t);
  const { code, person, shareId } = await shareOf(story.id);
  await open(code);
  const exported = await t.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}/export`, headers: adminToken });
  assert.equal(exported.statusCode, 200);
  assert.equal(exported.json()['sharing.shares'][0].text, 'Mijn eigen woorden bij dit verhaal\n\n#medewerker');
  assert.equal(exported.json()['sharing.shares'][0].link, code);
  assert.deepEqual(exported.json()['links.clicks'], [{ link: code, visits: 1, openings: 1 }]);

  const erase = await t.app.inject({ method: 'POST', url: `/api/v1/people/${person.id}/erase`, headers: adminToken });
  assert.equal(erase.statusCode, 200, erase.body);
  const response = await open(code);
  assert.equal(response.statusCode, 302);
  assert.equal(new URL(String(response.headers.location)).searchParams.get('utm_content'), shareId);
  const [row] = await t.ctx.database.db.select().from(shares).where(eq(shares.id, shareId));
  assert.equal(row?.text, '');
  assert.equal(row?.personId, person.id, 'the share still counts for the (anonymised) person');
  assert.equal((await t.ctx.database.db.select().from(links).where(eq(links.code, code))).length, 1);
  assert.equal((await clicksOf(code)).length, 2);
});

test('a changed slug reaches the link when the stories domain invalidates it, or after a few seconds', async () => {
  const story = await insertStory(t, { slug: 'eerste-slug' });
  const { code } = await shareOf(story.id);
  assert.match(String((await open(code)).headers.location), /\/stories\/eerste-slug\?/);
  await t.ctx.database.db.update(stories).set({ slug: 'tweede-slug' }).where(eq(stories.id, story.id));
  assert.match(String((await open(code)).headers.location), /\/stories\/eerste-slug\?/, 'cached for a moment');
  invalidateStoryLinks(story.id);
  assert.match(String((await open(code)).headers.location), /\/stories\/tweede-slug\?/, 'invalidated at once');
  await t.ctx.database.db.update(stories).set({ slug: 'derde-slug' }).where(eq(stories.id, story.id));
  t.clock.advance(STORY_TTL_MS + 1);
  assert.match(String((await open(code)).headers.location), /\/stories\/derde-slug\?/, 'or read again after the TTL');
});

test('raw clicks are purged after 13 months', async () => {
  const story = await insertStory(t);
  const { code } = await shareOf(story.id);
  await open(code);
  t.clock.advance(200 * 86_400_000);
  await open(code);
  t.clock.advance(200 * 86_400_000);
  const purged = await runRetention(t.ctx);
  assert.ok((purged['links.clicks'] ?? 0) >= 1);
  assert.equal((await clicksOf(code)).length, 1, 'the 400-day-old click went, the 200-day-old one stays');
  assert.equal((await open(code)).statusCode, 302, 'the link itself is forever');
});
