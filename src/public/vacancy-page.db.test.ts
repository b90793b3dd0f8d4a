import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { vacancies } from '../db/schema/index.ts';
import { putSetting } from '../settings/service.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildImageRow, buildStory, buildTheme, buildVacancy } from './test-fixtures.ts';

let t: TestApp;

before(async () => {
  t = await createTestApp();
  await putSetting(t.ctx.database.db, 'organisation.name', 'Zorggroep Oost', t.clock.now());
});
after(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

function meta(page: string, key: string): string | undefined {
  const match = page.match(new RegExp(`<meta (?:property|name)="${key.replace(/[:.]/g, '\\$&')}" content="([^"]*)">`));
  return match?.[1]?.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function jsonLd(page: string): Record<string, unknown> {
  const match = page.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
  assert.ok(match?.[1], 'the page has a JSON-LD block');
  return JSON.parse(match[1]);
}

/** The hrefs of the apply buttons, decoded. */
const applyLinks = (page: string) => [...page.matchAll(/<a class="button" href="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));

const pcid = '01936a1e-8d2c-7000-8000-00000000c11c';

test('an open vacancy page: facts, sanitised description, Open Graph and a complete JobPosting', async () => {
  const vacancy = await buildVacancy(t, {
    title: 'Verpleegkundige IC',
    slug: 'verpleegkundige-ic',
    sourceType: 'recruitee',
    externalId: '8812',
    department: 'Intensive Care',
    location: 'Deventer',
    employmentType: 'permanent, part-time',
    language: 'nl',
    // Written straight into the table: the page sanitises again whatever an importer let through.
    descriptionHtml: '<p>Je werkt op de <strong>IC</strong> &amp; de CCU.</p><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>',
    applyUrl: 'https://zorggroep.recruitee.com/o/verpleegkundige-ic/c/new',
    openedAt: new Date('2026-10-01T08:00:00Z'),
  });
  const response = await get('/vacancies/verpleegkundige-ic?utm_source=linkedin&utm_medium=employee_advocacy');
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(response.headers['cache-control'], 'public, max-age=60');
  const page = response.body;
  assert.match(page, /<html lang="nl">/);
  assert.match(page, /<h1>Verpleegkundige IC<\/h1>/);
  assert.match(page, /<dt>Afdeling<\/dt><dd>Intensive Care<\/dd>/);
  assert.match(page, /<dt>Locatie<\/dt><dd>Deventer<\/dd>/);
  assert.match(page, /<dt>Dienstverband<\/dt><dd>permanent, part-time<\/dd>/);
  assert.match(page, /<p>Je werkt op de <strong>IC<\/strong> &amp; de CCU\.<\/p>/);
  assert.doesNotMatch(page, /alert\(|onerror|javascript:/, 'nothing that runs survives');
  assert.doesNotMatch(page, /<script(?! type="application\/ld\+json")/);
  assert.doesNotMatch(page, /style="/);
  assert.match(page, /<link rel="canonical" href="http:\/\/podium\.test\/vacancies\/verpleegkundige-ic">/);
  assert.equal(meta(page, 'og:title'), 'Verpleegkundige IC');
  assert.equal(meta(page, 'og:type'), 'website');
  assert.equal(meta(page, 'og:url'), 'http://podium.test/vacancies/verpleegkundige-ic');
  assert.equal(meta(page, 'og:site_name'), 'Zorggroep Oost');
  assert.equal(meta(page, 'og:locale'), 'nl_NL');
  assert.equal(meta(page, 'og:description'), 'Je werkt op de IC & de CCU. x');
  assert.equal(meta(page, 'robots'), undefined, 'an open vacancy may be indexed');
  // No click id in the address: the button still tells the ATS the candidate came through Podium.
  assert.deepEqual(applyLinks(page), ['https://zorggroep.recruitee.com/o/verpleegkundige-ic/c/new?source=Podium', 'https://zorggroep.recruitee.com/o/verpleegkundige-ic/c/new?source=Podium']);

  const job = jsonLd(page);
  assert.equal(job['@context'], 'https://schema.org');
  assert.equal(job['@type'], 'JobPosting');
  assert.equal(job.title, 'Verpleegkundige IC');
  assert.match(String(job.description), /^<p>Je werkt op de <strong>IC<\/strong>/);
  assert.doesNotMatch(String(job.description), /script|onerror/);
  assert.equal(job.datePosted, '2026-10-01T08:00:00.000Z');
  assert.equal(job.validThrough, undefined, 'an open vacancy has no end date');
  assert.equal(job.employmentType, 'PART_TIME');
  assert.deepEqual(job.hiringOrganization, { '@type': 'Organization', name: 'Zorggroep Oost' });
  assert.deepEqual(job.jobLocation, { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Deventer' } });
  assert.deepEqual(job.identifier, { '@type': 'PropertyValue', name: 'Zorggroep Oost', value: '8812' });
  assert.equal(job.url, 'http://podium.test/vacancies/verpleegkundige-ic');
  assert.equal(job.directApply, false);
  assert.ok(vacancy.id);
});

test('arriving through a shared link, the apply button carries the click id and the ATS source field; the page is private', async () => {
  const cases = [
    { sourceType: 'greenhouse' as const, applyUrl: 'https://boards.greenhouse.io/acme/jobs/41', expect: `https://boards.greenhouse.io/acme/jobs/41?gh_src=Podium&pcid=${pcid}` },
    { sourceType: 'lever' as const, applyUrl: 'https://jobs.eu.lever.co/acme/5f1c/apply', expect: `https://jobs.eu.lever.co/acme/5f1c/apply?lever-source=Podium&pcid=${pcid}` },
    { sourceType: 'workable' as const, applyUrl: 'https://apply.workable.com/j/A1B2/apply', expect: `https://apply.workable.com/j/A1B2/apply?utm_source=podium&pcid=${pcid}` },
    { sourceType: null, applyUrl: 'https://werkenbij.example.nl/v/9?ref=site', expect: `https://werkenbij.example.nl/v/9?ref=site&utm_source=podium&pcid=${pcid}` },
  ];
  for (const { sourceType, applyUrl, expect } of cases) {
    const vacancy = await buildVacancy(t, { sourceType, applyUrl });
    const response = await get(`/vacancies/${vacancy.slug}?utm_source=linkedin&utm_campaign=${vacancy.slug}&pcid=${pcid}`);
    assert.equal(response.statusCode, 200, String(sourceType));
    assert.equal(response.headers['cache-control'], 'private, no-store');
    assert.deepEqual(applyLinks(response.body), [expect, expect], String(sourceType));
  }
  // A pcid that is not a click id is ignored, never copied into the page.
  const vacancy = await buildVacancy(t, { sourceType: 'greenhouse', applyUrl: 'https://boards.greenhouse.io/acme/jobs/42' });
  const forged = await get(`/vacancies/${vacancy.slug}?pcid=${encodeURIComponent('"><script>alert(1)</script>')}`);
  assert.equal(forged.statusCode, 200);
  assert.deepEqual(applyLinks(forged.body), ['https://boards.greenhouse.io/acme/jobs/42?gh_src=Podium', 'https://boards.greenhouse.io/acme/jobs/42?gh_src=Podium']);
  assert.doesNotMatch(forged.body, /alert/);
});

test('an apply URL that is not http(s) gives no button', async () => {
  const vacancy = await buildVacancy(t, { applyUrl: 'javascript:alert(1)' });
  const response = await get(`/vacancies/${vacancy.slug}?pcid=${pcid}`);
  assert.equal(response.statusCode, 200);
  assert.deepEqual(applyLinks(response.body), []);
  assert.doesNotMatch(response.body, /javascript:/);
});

test('a closed vacancy answers 410 with a page that says so: no apply button, not indexed, validThrough set', async () => {
  const closedAt = new Date('2026-11-20T12:00:00Z');
  const vacancy = await buildVacancy(t, { title: 'Data engineer', language: 'en', status: 'closed', closedAt, sourceType: 'greenhouse', applyUrl: 'https://boards.greenhouse.io/acme/jobs/7' });
  const response = await get(`/vacancies/${vacancy.slug}?pcid=${pcid}`);
  assert.equal(response.statusCode, 410);
  assert.match(response.body, /<p class="notice" role="note">This vacancy is closed: applications are no longer possible\.<\/p>/);
  assert.deepEqual(applyLinks(response.body), []);
  assert.doesNotMatch(response.body, /boards\.greenhouse\.io/);
  assert.equal(meta(response.body, 'robots'), 'noindex');
  const job = jsonLd(response.body);
  assert.equal(job.validThrough, closedAt.toISOString());
  assert.equal(job.title, 'Data engineer');
});

test('"meet the team": published stories with the vacancy\'s themes, in its language first, at most three', async () => {
  const care = await buildTheme(t, 'care-team', 'Zorg', 'Care');
  const other = await buildTheme(t, 'finance-team', 'Financiën', 'Finance');
  const image = await buildImageRow(t, 'Ahmed at the bedside');
  const vacancy = await buildVacancy(t, { language: 'nl', themeIds: [care.id] });
  const day = 86_400_000;
  const now = t.clock.now().getTime();
  const dutchOld = await buildStory(t, { title: 'Een nacht op de IC', language: 'nl', themeIds: [care.id], publishedAt: new Date(now - 20 * day), heroImageId: image });
  const dutchNew = await buildStory(t, { title: 'Leren op de werkvloer', language: 'nl', themeIds: [care.id], publishedAt: new Date(now - 2 * day) });
  const english = await buildStory(t, { title: 'Night shift in English', language: 'en', themeIds: [care.id], publishedAt: new Date(now - 1 * day) });
  const englishOlder = await buildStory(t, { title: 'Fourth care story', language: 'en', themeIds: [care.id], publishedAt: new Date(now - 30 * day) });
  await buildStory(t, { title: 'Draft about care', status: 'draft', themeIds: [care.id] });
  await buildStory(t, { title: 'Expired care story', language: 'nl', themeIds: [care.id], expireAt: new Date(now - day) });
  await buildStory(t, { title: 'Scheduled care story', language: 'nl', themeIds: [care.id], publishAt: new Date(now + day) });
  await buildStory(t, { title: 'Budget talk', language: 'nl', themeIds: [other.id] });

  const page = (await get(`/vacancies/${vacancy.slug}`)).body;
  assert.match(page, /<h2 id="team-heading">Maak kennis met het team<\/h2>/);
  const titles = [...page.matchAll(/<h3 lang="\w+"><a href="[^"]+"[^>]*>([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);
  assert.deepEqual(titles, [dutchNew.title, dutchOld.title, english.title], 'Dutch first (newest first), then the rest, three at most');
  assert.ok(!titles.includes(englishOlder.title));
  assert.match(page, new RegExp(`href="http://podium\\.test/stories/${dutchOld.slug}"`));
  assert.match(page, new RegExp(`<img src="http://podium\\.test/images/${image}/share" alt="Ahmed at the bedside"`));
  assert.match(page, /<a href="\/stories\?theme=care-team&amp;lang=nl">Zorg<\/a>/);

  const lonely = await buildVacancy(t, { themeIds: [] });
  assert.doesNotMatch((await get(`/vacancies/${lonely.slug}`)).body, /team-heading/, 'no themes, no section');
});

test('a vacancy without a language follows the visitor; an unknown slug is a friendly 404', async () => {
  const vacancy = await buildVacancy(t, { language: null, employmentType: 'Fulltime' });
  const dutch = await get(`/vacancies/${vacancy.slug}`, { 'accept-language': 'nl-NL,nl;q=0.9' });
  assert.match(dutch.body, /<html lang="nl">/);
  assert.match(dutch.body, /Solliciteer nu/);
  assert.equal(dutch.headers.vary, 'Accept-Language');
  const english = await get(`/vacancies/${vacancy.slug}`, { 'accept-language': 'en' });
  assert.match(english.body, /<html lang="en">/);
  assert.match(english.body, /Apply now/);
  assert.equal(jsonLd(english.body).employmentType, 'FULL_TIME');

  const missing = await get('/vacancies/no-such-vacancy', { 'accept-language': 'nl' });
  assert.equal(missing.statusCode, 404);
  assert.match(missing.body, /Vacature niet gevonden/);
  assert.equal(meta(missing.body, 'robots'), 'noindex');
});

test('a story page lists the open vacancies with its themes, most urgent first, and drops one once it closes', async () => {
  const theme = await buildTheme(t, 'ic-zorg', 'IC-zorg', 'Intensive care');
  const otherTheme = await buildTheme(t, 'ict', 'ICT', 'IT');
  const story = await buildStory(t, { title: 'Een dag op de IC', slug: 'een-dag-op-de-ic', language: 'nl', themeIds: [theme.id] });
  const day = 86_400_000;
  const now = t.clock.now().getTime();
  const critical = await buildVacancy(t, { title: 'IC-verpleegkundige', urgency: 'critical', themeIds: [theme.id], department: 'IC', location: 'Zwolle' });
  const high = await buildVacancy(t, { title: 'Anesthesiemedewerker', urgency: 'high', themeIds: [theme.id] });
  const normalOld = await buildVacancy(t, { title: 'Teamleider IC', urgency: 'normal', themeIds: [theme.id], openedAt: new Date(now - 60 * day) });
  const low = await buildVacancy(t, { title: 'Stagiair IC', urgency: 'low', themeIds: [theme.id] });
  await buildVacancy(t, { title: 'Gesloten IC-vacature', urgency: 'critical', status: 'closed', themeIds: [theme.id] });
  await buildVacancy(t, { title: 'Netwerkbeheerder', urgency: 'critical', themeIds: [otherTheme.id] });

  const listed = async () => {
    const page = (await get(`/stories/${story.slug}`)).body;
    const section = page.match(/<section class="vacancies"[\s\S]*?<\/section>/)?.[0] ?? '';
    return { section, titles: [...section.matchAll(/<a href="[^"]+"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]) };
  };
  const first = await listed();
  assert.match(first.section, /<h2 id="vacancies-heading">Kom erbij: open vacatures<\/h2>/);
  assert.deepEqual(first.titles, [critical.title, high.title, normalOld.title], 'three at most, by urgency; closed and other themes left out');
  assert.match(first.section, new RegExp(`<a href="http://podium\\.test/vacancies/${critical.slug}" hreflang="en">IC-verpleegkundige</a> <span class="meta">IC · Zwolle</span>`));

  // The critical one closes: within the page's minute the cached page may stay, after it the page is current.
  await t.ctx.database.db.update(vacancies).set({ status: 'closed', closedAt: t.clock.now(), updatedAt: t.clock.now() }).where(eq(vacancies.id, critical.id));
  t.clock.advance(61_000);
  assert.deepEqual((await listed()).titles, [high.title, normalOld.title, low.title]);

  const bare = await buildStory(t, { title: 'Zonder thema', themeIds: [] });
  assert.doesNotMatch((await get(`/stories/${bare.slug}`)).body, /vacancies-heading/);
});
