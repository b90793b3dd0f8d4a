import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { groupMemberships, groups, links, shares } from '../db/schema/index.ts';
import { putSetting } from '../settings/service.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { insertCampaign, insertStory } from './story-fixtures.ts';

let t: TestApp;
let adminToken: Record<string, string>;
before(async () => {
  t = await createTestApp();
  adminToken = await tokenHeaders(t, 'admin');
});
after(() => t.close());

const HOUR = 3_600_000;
/**
 * The feed reads the stories it ranks once for everyone and keeps them for 10 s (whoever refreshes
 * sees a new story within that time); a test that publishes stories and then reads the feed waits that out.
 */
const feedCatchesUp = () => t.clock.advance(10_000);
// The test clock's day is 2026-11-27.
const suggestion =
  'Wat een mooi verhaal van onze collega Sanne over haar eerste jaar op de intensive care. Ze vertelt eerlijk over zware nachten en het team dat haar opving. Lees hier.';

async function group(kind: 'department' | 'team', name: string): Promise<string> {
  const [row] = await t.ctx.database.db.insert(groups).values({ kind, name }).returning();
  if (!row) throw new Error('no group');
  return row.id;
}

async function member(groupIds: string[], overrides: Parameters<typeof buildPerson>[1] = {}) {
  const person = await buildPerson(t, overrides);
  for (const groupId of groupIds) await t.ctx.database.db.insert(groupMemberships).values({ groupId, personId: person.id });
  return { person, headers: await sessionHeaders(t, person) };
}

async function feed(headers: Record<string, string>, query = '') {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/feed${query}`, headers });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { items: { story: { id: string; title: string }; headline: string; teaser: string; suggestions: { text: string; network: string }[]; campaign: { slug: string } | null; sharedByMe: number; colleagueShares: number; audience: { key: string; name: string } }[]; nextCursor: string | null };
}

async function share(headers: Record<string, string>, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/shares', headers, payload: { network: 'linkedin', audience: 'candidates', ...body } });
}

async function check(headers: Record<string, string>, body: Record<string, unknown>) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/shares/check', headers, payload: { network: 'linkedin', audience: 'candidates', ...body } });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

test('the feed shows published, current stories targeted at my groups or at everyone', async () => {
  const care = await group('department', 'Zorg feed');
  const finance = await group('department', 'Financiën feed');
  const { headers } = await member([care]);
  const { headers: outsider } = await member([]);
  const now = t.clock.now().getTime();
  const everyone = await insertStory(t, { title: 'Voor iedereen' });
  const forCare = await insertStory(t, { title: 'Voor de zorg', targetGroupIds: [care, finance] });
  const forFinance = await insertStory(t, { title: 'Voor financiën', targetGroupIds: [finance] });
  const expired = await insertStory(t, { title: 'Verlopen', expireAt: new Date(now - HOUR) });
  const scheduled = await insertStory(t, { title: 'Gepland', publishAt: new Date(now + HOUR) });
  const stillOn = await insertStory(t, { title: 'Nog even', publishAt: new Date(now - HOUR), expireAt: new Date(now + HOUR) });
  const draft = await insertStory(t, { title: 'Concept', status: 'draft', publishedAt: null });
  const archived = await insertStory(t, { title: 'Archief', status: 'archived' });
  feedCatchesUp();

  const mine = (await feed(headers, '?limit=100')).items.map((i) => i.story.id);
  for (const shown of [everyone, forCare, stillOn]) assert.ok(mine.includes(shown.id), `${shown.title} is shown`);
  for (const hidden of [forFinance, expired, scheduled, draft, archived]) assert.ok(!mine.includes(hidden.id), `${hidden.title} is hidden`);
  const theirs = (await feed(outsider, '?limit=100')).items.map((i) => i.story.id);
  assert.ok(theirs.includes(everyone.id));
  assert.ok(!theirs.includes(forCare.id), 'someone in no group sees only untargeted stories');

  t.clock.advance(2 * HOUR);
  const later = (await feed(headers, '?limit=100')).items.map((i) => i.story.id);
  assert.ok(later.includes(scheduled.id), 'a scheduled story appears once its time has come');
  assert.ok(!later.includes(stillOn.id), 'and a story leaves the feed when it expires');
});

test('stories of campaigns active for me come first, then the newest', async () => {
  const sales = await group('team', 'Sales campagne');
  const other = await group('team', 'Ander team campagne');
  const { headers } = await member([sales]);
  const now = t.clock.now().getTime();
  const old = await insertStory(t, { title: 'Oud campagneverhaal', publishedAt: new Date(now - 30 * 24 * HOUR) });
  const newest = await insertStory(t, { title: 'Nieuwste', publishedAt: new Date(now - 60_000) });
  const otherCampaign = await insertStory(t, { title: 'Campagne voor anderen', publishedAt: new Date(now - 40 * 24 * HOUR) });
  const pastCampaign = await insertStory(t, { title: 'Campagne voorbij', publishedAt: new Date(now - 50 * 24 * HOUR) });
  await insertCampaign(t, { slug: 'werven-2026', storyIds: [old.id], startsOn: '2026-11-01', endsOn: '2026-12-31', targetGroupIds: [sales] });
  await insertCampaign(t, { slug: 'voor-anderen', storyIds: [otherCampaign.id], startsOn: '2026-11-01', endsOn: '2026-12-31', targetGroupIds: [other] });
  await insertCampaign(t, { slug: 'voorbij', storyIds: [pastCampaign.id], startsOn: '2026-01-01', endsOn: '2026-11-26' });
  feedCatchesUp();

  const items = (await feed(headers, '?limit=100')).items;
  assert.equal(items[0]?.story.id, old.id, 'the campaign story leads even though it is a month old');
  assert.equal(items[0]?.campaign?.slug, 'werven-2026');
  assert.equal(items[1]?.story.id, newest.id, 'then the newest story');
  const card = (id: string) => items.find((i) => i.story.id === id);
  assert.equal(card(otherCampaign.id)?.campaign, null, 'a campaign for other groups is no highlight');
  assert.equal(card(pastCampaign.id)?.campaign, null, 'nor is a campaign that has ended');
  const ids = items.map((i) => i.story.id);
  assert.ok(ids.indexOf(otherCampaign.id) < ids.indexOf(pastCampaign.id), 'the rest newest first');

  // Keyset pages across the highlight and the rest: every story once, in the same order.
  const paged: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await feed(headers, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    assert.ok(page.items.length <= 2);
    paged.push(...page.items.map((i) => i.story.id));
    cursor = page.nextCursor;
  } while (cursor);
  assert.deepEqual(paged, ids);
  const bad = await t.app.inject({ method: 'GET', url: '/api/v1/feed?cursor=bm9wZQ', headers });
  assert.equal(bad.statusCode, 400);
});

test('cards show the chosen audience’s variant and suggestions, else the story’s own title', async () => {
  const { headers } = await member([], { language: 'nl' });
  const story = await insertStory(t, {
    title: 'Titel van het verhaal',
    summary: 'Samenvatting',
    variants: [
      { audience: 'candidates', headline: 'Kom werken op de IC', teaser: 'Voor kandidaten', suggestions: [{ network: 'linkedin', text: suggestion }, { network: 'x', text: 'Kort voor X' }] },
      { audience: 'press', headline: 'Persbericht', teaser: 'Voor de pers' },
    ],
  });
  feedCatchesUp();
  const candidates = (await feed(headers, '?limit=100')).items.find((i) => i.story.id === story.id);
  assert.equal(candidates?.headline, 'Kom werken op de IC');
  assert.equal(candidates?.audience.key, 'candidates');
  assert.deepEqual(candidates?.suggestions.map((s) => s.network).sort(), ['linkedin', 'x']);
  const press = (await feed(headers, '?audience=press&limit=100')).items.find((i) => i.story.id === story.id);
  assert.equal(press?.teaser, 'Voor de pers');
  assert.deepEqual(press?.suggestions, []);
  const colleagues = (await feed(headers, '?audience=colleagues&limit=100')).items.find((i) => i.story.id === story.id);
  assert.equal(colleagues?.headline, 'Titel van het verhaal', 'no variant: the story’s own title');
  assert.equal(colleagues?.teaser, 'Samenvatting');
  assert.notEqual(colleagues?.audience.name, 'colleagues', 'the audience is named in the person’s language');
  const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/feed?audience=astronauts', headers });
  assert.equal(unknown.statusCode, 400);
  assert.equal(unknown.json().error.code, 'unknown_audience');
});

test('the feed searches stories in Dutch and English', async () => {
  const { headers } = await member([]);
  const dutch = await insertStory(t, { title: 'Nachtdiensten van verpleegkundigen', language: 'nl' });
  const english = await insertStory(t, { title: 'Engineers building bridges', language: 'en', summary: 'How our engineers work' });
  const found = (q: string) => feed(headers, `?q=${encodeURIComponent(q)}&limit=100`).then((f) => f.items.map((i) => i.story.id));
  assert.deepEqual(await found('verpleegkundige'), [dutch.id], 'Dutch stemming finds the plural');
  assert.deepEqual(await found('bridge'), [english.id], 'English stemming too');
  assert.deepEqual(await found('"building bridges" -nachtdiensten'), [english.id], 'web search syntax');
  assert.deepEqual(await found('zzzgeenwoord'), []);
});

test('the composer tells copied from personalised, counts colleagues, and adds the disclosure once', async () => {
  const story = await insertStory(t, { variants: [{ audience: 'candidates', headline: 'H', suggestions: [{ network: 'linkedin', text: suggestion }] }] });
  const [a, b, c] = [await member([]), await member([]), await member([])];

  const copied = await check(a.headers, { storyId: story.id, text: suggestion.replace('mooi', 'fijn') });
  assert.equal(copied.personalised, false);
  assert.equal(copied.similarTo, 'suggestion');
  assert.equal(copied.colleaguesWithSimilarText, 0);
  assert.ok(copied.similarity >= 0.9);
  assert.ok(copied.textWithDisclosure.endsWith('\n\n#medewerker'), 'a Dutch story gets the Dutch disclosure');

  const own = 'Ik heb zelf drie jaar op deze IC gewerkt en Sanne is de collega die je iedereen gunt. Wie durft?';
  const personal = await check(a.headers, { storyId: story.id, text: `${own} #Medewerker` });
  assert.equal(personal.personalised, true);
  assert.equal(personal.similarTo, null);
  assert.equal(personal.textWithDisclosure, `${own} #Medewerker`, 'already disclosed: not added again');

  // Two colleagues post (almost) the same personal text; a third person is told.
  assert.equal((await share(a.headers, { storyId: story.id, text: own })).statusCode, 201);
  assert.equal((await share(b.headers, { storyId: story.id, text: `${own}!!` })).statusCode, 201);
  const third = await check(c.headers, { storyId: story.id, text: own.toLowerCase() });
  assert.equal(third.personalised, false);
  assert.equal(third.similarTo, 'colleague');
  assert.equal(third.colleaguesWithSimilarText, 2);
  const self = await check(a.headers, { storyId: story.id, text: own });
  assert.equal(self.colleaguesWithSimilarText, 1, 'my own earlier share is not a colleague');

  const english = await insertStory(t, { language: 'en' });
  assert.ok((await check(a.headers, { storyId: english.id, text: 'Proud of this' })).textWithDisclosure.endsWith('#employee'));
  await putSetting(t.ctx.database.db, 'sharing.disclosure', { enabled: false, textNl: '#medewerker', textEn: '#employee' }, t.clock.now());
  assert.equal((await check(a.headers, { storyId: english.id, text: 'Proud of this' })).textWithDisclosure, 'Proud of this');
  await putSetting(t.ctx.database.db, 'sharing.disclosure', { enabled: true, textNl: '#medewerker', textEn: '#employee' }, t.clock.now());
});

test('the share stores personalised and similarity by the same rule', async () => {
  const story = await insertStory(t, { variants: [{ audience: 'candidates', headline: 'H', suggestions: [{ network: 'linkedin', text: suggestion }] }] });
  const { person, headers } = await member([]);
  const response = await share(headers, { storyId: story.id, text: suggestion });
  assert.equal(response.statusCode, 201, response.body);
  const body = response.json();
  assert.equal(body.personalised, false);
  assert.equal(body.similarity, 1);
  assert.equal(body.text, `${suggestion}\n\n#medewerker`);
  const [row] = await t.ctx.database.db.select().from(shares).where(eq(shares.id, body.id));
  assert.equal(row?.personId, person.id);
  assert.equal(row?.personalised, false);
  assert.equal(row?.similarity, 1);
  assert.equal(row?.text, body.text);
  assert.equal(row?.disclosureAdded, true);
});

test('on X the link counts as 23 and a text over the limit is refused', async () => {
  const story = await insertStory(t);
  const { headers } = await member([]);
  await putSetting(t.ctx.database.db, 'sharing.disclosure', { enabled: false, textNl: '#medewerker', textEn: '#employee' }, t.clock.now());
  try {
    const fits = await check(headers, { storyId: story.id, network: 'x', text: 'a'.repeat(256) });
    assert.deepEqual([fits.length, fits.limit, fits.overLimit], [280, 280, false]);
    const over = await check(headers, { storyId: story.id, network: 'x', text: 'a'.repeat(257) });
    assert.equal(over.overLimit, true);
    const refused = await share(headers, { storyId: story.id, network: 'x', text: 'a'.repeat(257) });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().error.code, 'text_over_limit');
    const link = await check(headers, { storyId: story.id, network: 'link', text: 'a'.repeat(5000) });
    assert.deepEqual([link.limit, link.overLimit], [null, false]);
  } finally {
    await putSetting(t.ctx.database.db, 'sharing.disclosure', { enabled: true, textNl: '#medewerker', textEn: '#employee' }, t.clock.now());
  }
});

test('a share answers its short link and the network URL, with campaign and department kept', async () => {
  const department = await group('department', 'Techniek share');
  const { person, headers } = await member([department]);
  const story = await insertStory(t, { title: 'Bruggen & tunnels' });
  const campaign = await insertCampaign(t, { slug: 'techniek-najaar', storyIds: [story.id], startsOn: '2026-11-01', endsOn: '2026-11-30' });
  const text = 'Trots op ons team & onze bruggen!';
  const byNetwork: Record<string, string> = {};
  for (const network of ['linkedin', 'x', 'facebook', 'whatsapp', 'email', 'link']) {
    const response = await share(headers, { storyId: story.id, network, text });
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json();
    assert.match(body.shortUrl, /^http:\/\/podium\.test\/l\/[0-9A-Za-z]{10}$/);
    assert.equal(body.network, network);
    byNetwork[network] = body.shareUrl.replace(body.shortUrl, '<short>').replace(encodeURIComponent(body.shortUrl), '<short>');
    const [row] = await t.ctx.database.db.select().from(shares).where(eq(shares.id, body.id));
    assert.equal(row?.campaignId, campaign.id);
    assert.equal(row?.departmentId, department);
    assert.equal(row?.personId, person.id);
    const [link] = await t.ctx.database.db.select().from(links).where(eq(links.shareId, body.id));
    assert.equal(body.shortUrl.endsWith(`/${link?.code}`), true);
  }
  const final = `${text}\n\n#medewerker`;
  assert.equal(byNetwork.linkedin, 'https://www.linkedin.com/sharing/share-offsite/?url=<short>');
  assert.equal(byNetwork.x, `https://x.com/intent/tweet?text=${encodeURIComponent(final)}&url=<short>`);
  assert.equal(byNetwork.facebook, 'https://www.facebook.com/sharer.php?u=<short>');
  assert.ok(byNetwork.whatsapp?.startsWith('https://api.whatsapp.com/send?text='));
  assert.ok(byNetwork.email?.startsWith(`mailto:?subject=${encodeURIComponent('Bruggen & tunnels')}&body=`));
  assert.equal(byNetwork.link, '<short>');

  const mine = await t.app.inject({ method: 'GET', url: '/api/v1/me/shares?limit=4', headers });
  assert.equal(mine.statusCode, 200);
  assert.equal(mine.json().items.length, 4);
  assert.equal(mine.json().items[0].network, 'link', 'newest first');
  assert.equal(mine.json().items[0].story.title, 'Bruggen & tunnels');
  assert.equal(mine.json().items[0].audience, 'candidates');
  const rest = await t.app.inject({ method: 'GET', url: `/api/v1/me/shares?limit=4&cursor=${mine.json().nextCursor}`, headers });
  assert.deepEqual(rest.json().items.map((i: { network: string }) => i.network), ['x', 'linkedin']);
  assert.equal(rest.json().nextCursor, null);

  feedCatchesUp();
  const card = (await feed(headers, '?limit=100')).items.find((i) => i.story.id === story.id);
  assert.equal(card?.sharedByMe, 6);
  assert.equal(card?.colleagueShares, 0);
  const { headers: colleague } = await member([]);
  const theirCard = (await feed(colleague, '?limit=100')).items.find((i) => i.story.id === story.id);
  assert.deepEqual([theirCard?.sharedByMe, theirCard?.colleagueShares], [0, 6]);
});

test('a token acting for a person shares as them; an admin token names the person; nobody else may', async () => {
  const story = await insertStory(t);
  const { person, headers: session } = await member([]);
  const { person: other } = await member([]);
  const ownerOf = async (id: string) => (await t.ctx.database.db.select().from(shares).where(eq(shares.id, id)))[0]?.personId;

  const asToken = await share(await tokenHeaders(t, 'ambassador', person.id), { storyId: story.id, text: 'Via de API gedeeld' });
  assert.equal(asToken.statusCode, 201, asToken.body);
  assert.equal(await ownerOf(asToken.json().id), person.id);

  const forOther = await share(adminToken, { storyId: story.id, text: 'Namens iemand', personId: other.id });
  assert.equal(forOther.statusCode, 201, forOther.body);
  assert.equal(await ownerOf(forOther.json().id), other.id);

  const noPerson = await share(adminToken, { storyId: story.id, text: 'Namens niemand' });
  assert.equal(noPerson.statusCode, 400);
  assert.equal(noPerson.json().error.code, 'person_required');

  const sneaky = await share(session, { storyId: story.id, text: 'Namens een ander', personId: other.id });
  assert.equal(sneaky.statusCode, 403);
  const admin = await buildPerson(t, { roles: ['admin', 'ambassador'] });
  assert.equal((await share(await sessionHeaders(t, admin), { storyId: story.id, text: 'x', personId: other.id })).statusCode, 403, 'an admin’s own session shares only as the admin');
  assert.equal((await share(await tokenHeaders(t, 'editor'), { storyId: story.id, text: 'x', personId: other.id })).statusCode, 403, 'an editor token may not');
  const own = await share(session, { storyId: story.id, text: 'Als mezelf', personId: person.id });
  assert.equal(own.statusCode, 201, 'naming yourself is fine');
});

test('only active ambassadors share; the message says how to join', async () => {
  const story = await insertStory(t);
  // Alumni outside the alumni programme cannot sign in at all, and members share public stories: src/people/alumni.db.test.ts.
  for (const status of ['invited', 'paused', 'opted_out'] as const) {
    const { headers } = await member([], { ambassadorStatus: status, language: 'en' });
    const response = await share(headers, { storyId: story.id, text: 'Mag ik delen?' });
    assert.equal(response.statusCode, 409, status);
    assert.equal(response.json().error.code, 'not_active_ambassador');
    assert.match(response.json().error.message, /profile/);
  }
  const dutch = await member([], { ambassadorStatus: 'paused', language: 'nl' });
  assert.match((await share(dutch.headers, { storyId: story.id, text: 'x' })).json().error.message, /profielpagina/);
  const count = await t.ctx.database.db.select().from(shares).where(eq(shares.storyId, story.id));
  assert.equal(count.length, 0);
});

test('only published stories are shared; bad input is a 4xx', async () => {
  const { headers } = await member([]);
  const draft = await insertStory(t, { status: 'draft', publishedAt: null });
  assert.equal((await share(headers, { storyId: draft.id, text: 'Concept' })).statusCode, 404);
  assert.equal((await share(headers, { storyId: '01900000-0000-7000-8000-000000000000', text: 'x' })).statusCode, 404);
  const story = await insertStory(t);
  assert.equal((await share(headers, { storyId: story.id, text: 'x', audience: 'martians' })).json().error.code, 'unknown_audience');
  assert.equal((await share(headers, { storyId: story.id, text: 'x', network: 'myspace' })).statusCode, 400);
  assert.equal((await share(headers, { storyId: story.id, text: '   ' })).statusCode, 400);
  assert.equal((await share(headers, { storyId: story.id, text: 'nul\u0000byte' })).statusCode, 400);
  assert.equal((await share(headers, { storyId: 'not-a-uuid', text: 'x' })).statusCode, 400);
});

test('the shared part of a feed page is kept for 10 s; my own share counts are always current', async () => {
  const team = await group('team', 'Feed cache team');
  const sharer = await member([team], { name: 'Cache Sharer' });
  const colleague = await member([team], { name: 'Cache Colleague' });
  const story = await insertStory(t, { title: 'Gedeeld in het team', targetGroupIds: [team] });
  const card = async (headers: Record<string, string>) => (await feed(headers)).items.find((c) => c.story.id === story.id);
  feedCatchesUp();
  assert.equal((await card(sharer.headers))?.sharedByMe, 0);
  assert.equal((await card(colleague.headers))?.colleagueShares, 0);

  const created = await share(sharer.headers, { storyId: story.id, text: `${suggestion} Mijn eigen woorden erbij, want ik werk zelf op deze afdeling.` });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal((await card(sharer.headers))?.sharedByMe, 1, 'my own share shows at once');
  assert.equal((await card(colleague.headers))?.colleagueShares, 0, 'a colleague’s count may lag for up to 10 s');

  const later = await insertStory(t, { title: 'Net gepubliceerd', targetGroupIds: [team] });
  assert.equal((await feed(colleague.headers)).items.some((c) => c.story.id === later.id), false, 'a new story may take up to 10 s');
  t.clock.advance(10_000);
  assert.equal((await card(colleague.headers))?.colleagueShares, 1);
  assert.equal((await feed(colleague.headers)).items.some((c) => c.story.id === later.id), true);
});
