import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { clickRollupsDaily, clicks, links, shares, vacancies } from '../db/schema/index.ts';
import { buildTheme, buildVacancy } from '../public/test-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { networkLimits, xLength } from './composer.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const iPhone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1';
const linkedInBot = 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)';

async function ambassador(overrides: Parameters<typeof buildPerson>[1] = {}) {
  const person = await buildPerson(t, overrides);
  return { person, headers: await sessionHeaders(t, person) };
}

const kit = (id: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url: `/api/v1/vacancies/${id}/share-kit`, headers });
const check = (payload: object, headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/shares/check', headers, payload });
const share = (payload: object, headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/shares', headers, payload });

test('the share kit gives the vacancy, its public page, the audience and texts per language and network', async () => {
  const theme = await buildTheme(t, 'zorg-kit', 'Zorg', 'Care');
  const vacancy = await buildVacancy(t, { title: 'Verpleegkundige acute zorg', department: 'Spoedeisende hulp', location: 'Deventer', language: 'nl', themeIds: [theme.id] });
  const { headers } = await ambassador({ language: 'en' });
  const response = await kit(vacancy.id, headers);
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json();
  assert.deepEqual(body.vacancy, {
    id: vacancy.id,
    slug: vacancy.slug,
    title: 'Verpleegkundige acute zorg',
    department: 'Spoedeisende hulp',
    location: 'Deventer',
    employmentType: null,
    language: 'nl',
    url: `http://podium.test/vacancies/${vacancy.slug}`,
    themes: [{ id: theme.id, key: 'zorg-kit', name: 'Care' }],
  });
  assert.deepEqual(body.audience, { key: 'candidates', name: 'Candidates' }, 'named in the reader’s language');
  assert.equal(body.language, 'nl', 'the vacancy’s own language, whatever the reader’s');
  assert.equal(body.headline, 'Verpleegkundige acute zorg');
  assert.equal(body.teaser, 'Spoedeisende hulp · Deventer');
  const suggestions = body.suggestions as { id: string; language: string; network: string; text: string }[];
  assert.deepEqual(
    suggestions.map((s) => s.id),
    ['nl-linkedin', 'nl-x', 'nl-facebook', 'nl-whatsapp', 'nl-email', 'nl-link', 'en-linkedin', 'en-x', 'en-facebook', 'en-whatsapp', 'en-email', 'en-link'],
  );
  const nlLinkedIn = suggestions.find((s) => s.id === 'nl-linkedin')?.text ?? '';
  assert.match(nlLinkedIn, /Verpleegkundige acute zorg voor ons team Spoedeisende hulp in Deventer/);
  assert.match(suggestions.find((s) => s.id === 'en-linkedin')?.text ?? '', /We are hiring a Verpleegkundige acute zorg for our Spoedeisende hulp team in Deventer/);

  // A very long title still gives X texts that fit with the link.
  const long = await buildVacancy(t, { title: `Senior ${'zeer ervaren '.repeat(20)}verpleegkundige`, location: 'Apeldoorn en omstreken '.repeat(4), language: null });
  const longKit = (await kit(long.id, headers)).json();
  assert.equal(longKit.language, 'en', 'no language of its own: the reader’s');
  for (const s of longKit.suggestions as { network: keyof typeof networkLimits; text: string }[]) {
    const limit = networkLimits[s.network];
    if (s.network === 'x') assert.ok(xLength(s.text) + 24 <= 280, s.text);
    else if (limit !== null) assert.ok(Array.from(s.text).length <= limit);
  }
});

test('the composer check on a vacancy: a copied suggestion is not personalised, own words are; the disclosure follows the vacancy', async () => {
  const vacancy = await buildVacancy(t, { title: 'Doktersassistent', location: 'Zwolle', language: 'nl' });
  const { headers } = await ambassador({ language: 'en' });
  const suggestion = ((await kit(vacancy.id, headers)).json().suggestions as { id: string; text: string }[]).find((s) => s.id === 'nl-linkedin')?.text ?? '';
  const copied = await check({ vacancyId: vacancy.id, network: 'linkedin', audience: 'candidates', text: suggestion }, headers);
  assert.equal(copied.statusCode, 200, copied.body);
  assert.equal(copied.json().personalised, false);
  assert.equal(copied.json().similarTo, 'suggestion');
  const own = await check({ vacancyId: vacancy.id, network: 'linkedin', audience: 'candidates', text: 'Mijn afdeling zoekt versterking, ik werk hier al zes jaar met veel plezier!' }, headers);
  assert.equal(own.json().personalised, true);
  assert.equal(own.json().textWithDisclosure, 'Mijn afdeling zoekt versterking, ik werk hier al zes jaar met veel plezier!\n\n#medewerker');
});

test('sharing a vacancy end to end: share → short link → open → vacancy page → apply with the click id', async () => {
  const vacancy = await buildVacancy(t, {
    title: 'IC-verpleegkundige',
    slug: 'ic-verpleegkundige-deel',
    language: 'nl',
    sourceType: 'greenhouse',
    applyUrl: 'https://boards.greenhouse.io/zorggroep/jobs/4012',
  });
  const { person, headers } = await ambassador();
  const created = await share({ vacancyId: vacancy.id, network: 'linkedin', audience: 'candidates', text: 'Wij zoeken een collega voor de IC, ik werk er zelf met veel plezier.' }, headers);
  assert.equal(created.statusCode, 201, created.body);
  const view = created.json();
  assert.match(view.shortUrl, /^http:\/\/podium\.test\/l\/[A-Za-z0-9]+$/);
  assert.equal(view.shareUrl, `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(view.shortUrl)}`);
  assert.equal(view.personalised, true);

  const [row] = await t.ctx.database.db.select().from(shares).where(eq(shares.id, view.id));
  assert.ok(row);
  assert.deepEqual(
    { itemType: row.itemType, vacancyId: row.vacancyId, storyId: row.storyId, personId: row.personId, campaignId: row.campaignId },
    { itemType: 'vacancy', vacancyId: vacancy.id, storyId: null, personId: person.id, campaignId: null },
  );
  const code = String(view.shortUrl).split('/').at(-1) ?? '';
  // My shares name the vacancy, not a (removed) story.
  const mine = await t.app.inject({ method: 'GET', url: '/api/v1/me/shares', headers });
  assert.deepEqual(
    mine.json().items.map((item: { story: unknown; vacancy: unknown; shortUrl: string }) => ({ story: item.story, vacancy: item.vacancy, shortUrl: item.shortUrl })),
    [{ story: null, vacancy: { id: vacancy.id, title: 'IC-verpleegkundige', slug: 'ic-verpleegkundige-deel' }, shortUrl: view.shortUrl }],
  );
  const [link] = await t.ctx.database.db.select().from(links).where(eq(links.code, code));
  assert.deepEqual({ itemType: link?.itemType, vacancyId: link?.vacancyId, storyId: link?.storyId }, { itemType: 'vacancy', vacancyId: vacancy.id, storyId: null });

  // A person is sent to the vacancy page on Podium, with the usual tracking.
  const opened = await t.app.inject({ method: 'GET', url: `/l/${code}`, headers: { 'user-agent': iPhone } });
  assert.equal(opened.statusCode, 302);
  assert.equal(opened.headers['cache-control'], 'no-store');
  const location = new URL(String(opened.headers.location));
  assert.equal(`${location.origin}${location.pathname}`, 'http://podium.test/vacancies/ic-verpleegkundige-deel');
  assert.equal(location.searchParams.get('utm_source'), 'linkedin');
  assert.equal(location.searchParams.get('utm_medium'), 'employee_advocacy');
  assert.equal(location.searchParams.get('utm_campaign'), 'ic-verpleegkundige-deel', 'no campaign: the vacancy slug');
  assert.equal(location.searchParams.get('utm_content'), view.id);
  const [click] = await t.ctx.database.db.select().from(clicks).where(eq(clicks.linkCode, code));
  assert.ok(click);
  assert.equal(location.searchParams.get('pcid'), click.id);
  assert.equal(click.kind, 'visit');
  const [rollup] = await t.ctx.database.db.select().from(clickRollupsDaily).where(eq(clickRollupsDaily.shareId, view.id));
  assert.deepEqual({ vacancyId: rollup?.vacancyId, itemType: rollup?.itemType, storyId: rollup?.storyId, humanClicks: rollup?.humanClicks }, { vacancyId: vacancy.id, itemType: 'vacancy', storyId: null, humanClicks: 1 });

  // The page it lands on sends the candidate to the ATS with Podium's source and the click id.
  const landing = await t.app.inject({ method: 'GET', url: `${location.pathname}${location.search}`, headers: { 'user-agent': iPhone } });
  assert.equal(landing.statusCode, 200);
  assert.ok(landing.body.includes(`href="https://boards.greenhouse.io/zorggroep/jobs/4012?gh_src=Podium&amp;pcid=${click.id}"`), landing.body);

  // A link-preview crawler gets the vacancy's card with the short link as og:url, and is no visit.
  const preview = await t.app.inject({ method: 'GET', url: `/l/${code}`, headers: { 'user-agent': linkedInBot } });
  assert.equal(preview.statusCode, 200);
  assert.ok(preview.body.includes(`<meta property="og:url" content="${view.shortUrl}">`));
  assert.ok(preview.body.includes('<meta property="og:title" content="IC-verpleegkundige">'));
  assert.ok(preview.body.includes('<meta property="og:type" content="website">'));
  assert.match(preview.body, /<a href="http:\/\/podium\.test\/vacancies\/ic-verpleegkundige-deel\?[^"]*utm_source=linkedin[^"]*">Bekijk de vacature<\/a>/);
  assert.equal((await t.ctx.database.db.select().from(clicks).where(eq(clicks.linkCode, code))).filter((c) => c.kind === 'visit').length, 1);

  // Links are forever: once the vacancy closes, the link still leads to its page, which says so.
  await t.ctx.database.db.update(vacancies).set({ status: 'closed', closedAt: t.clock.now(), updatedAt: t.clock.now() }).where(eq(vacancies.id, vacancy.id));
  t.clock.advance(61_000);
  const later = await t.app.inject({ method: 'GET', url: `/l/${code}`, headers: { 'user-agent': iPhone } });
  assert.equal(later.statusCode, 302);
  const closedPage = await t.app.inject({ method: 'GET', url: String(later.headers.location).replace('http://podium.test', '') });
  assert.equal(closedPage.statusCode, 410);
  assert.doesNotMatch(closedPage.body, /gh_src/);
});

test('a colleague copying another colleague’s vacancy post is told so', async () => {
  const vacancy = await buildVacancy(t, { language: 'en' });
  const text = 'Our ward is looking for a new colleague, I have worked here for years and love it.';
  const first = await ambassador();
  assert.equal((await share({ vacancyId: vacancy.id, network: 'linkedin', audience: 'candidates', text }, first.headers)).statusCode, 201);
  const second = await ambassador();
  const verdict = (await check({ vacancyId: vacancy.id, network: 'linkedin', audience: 'candidates', text }, second.headers)).json();
  assert.equal(verdict.personalised, false);
  assert.equal(verdict.similarTo, 'colleague');
  assert.equal(verdict.colleaguesWithSimilarText, 1);
});

test('bad input: unknown or closed vacancies, both or neither item, over the limit; nothing is stored', async () => {
  const { headers } = await ambassador();
  const closed = await buildVacancy(t, { title: 'Gesloten functie', status: 'closed' });
  const open = await buildVacancy(t);
  const unknown = '01900000-0000-7000-8000-0000000000ff';
  const body = (fields: object) => ({ network: 'linkedin', audience: 'candidates', text: 'In my own words', ...fields });
  const before = (await t.ctx.database.db.select().from(shares)).length;

  for (const call of [() => kit(unknown, headers), () => check(body({ vacancyId: unknown }), headers), () => share(body({ vacancyId: unknown }), headers)]) {
    const response = await call();
    assert.equal(response.statusCode, 404, response.body);
    assert.equal(response.json().error.code, 'vacancy_not_found');
  }
  for (const call of [() => kit(closed.id, headers), () => check(body({ vacancyId: closed.id }), headers), () => share(body({ vacancyId: closed.id }), headers)]) {
    const response = await call();
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(response.json().error.code, 'vacancy_closed');
    assert.match(response.json().error.message, /Gesloten functie/);
  }
  const storyId = '01900000-0000-7000-8000-0000000000aa';
  for (const fields of [{ vacancyId: open.id, storyId }, {}]) {
    const response = await share(body(fields), headers);
    assert.equal(response.statusCode, 400, response.body);
    assert.match(response.body, /storyId or vacancyId/);
  }
  const tooLong = await share(body({ vacancyId: open.id, network: 'x', text: 'x'.repeat(300) }), headers);
  assert.equal(tooLong.statusCode, 400);
  assert.equal(tooLong.json().error.code, 'text_over_limit');
  const paused = await ambassador({ ambassadorStatus: 'paused' });
  const inactive = await share(body({ vacancyId: open.id }), paused.headers);
  assert.equal(inactive.statusCode, 409);
  assert.equal(inactive.json().error.code, 'not_active_ambassador');
  assert.equal((await t.ctx.database.db.select().from(shares)).length, before, 'no share was stored');

  // The kit needs a signed-in caller; an admin token may share a vacancy for a person.
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/vacancies/${open.id}/share-kit` })).statusCode, 401);
  const person = await buildPerson(t);
  const onBehalf = await share(body({ vacancyId: open.id, personId: person.id }), await tokenHeaders(t, 'admin'));
  assert.equal(onBehalf.statusCode, 201, onBehalf.body);
});

test('the OpenAPI document describes the share kit and a share of either item', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const kitResponse = doc.paths['/api/v1/vacancies/{id}/share-kit'].get.responses['200'].content['application/json'].schema;
  assert.equal(kitResponse.$ref, '#/components/schemas/VacancyShareKit');
  assert.deepEqual(Object.keys(doc.components.schemas.VacancyShareKit.properties).sort(), ['audience', 'headline', 'language', 'suggestions', 'teaser', 'vacancy']);
  const shareBody = doc.paths['/api/v1/shares'].post.requestBody.content['application/json'].schema;
  assert.ok(shareBody.properties.storyId && shareBody.properties.vacancyId);
  assert.ok(!shareBody.required.includes('storyId'));
});
