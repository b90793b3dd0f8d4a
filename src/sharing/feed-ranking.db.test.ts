import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { groupMemberships, groups, stories, storyThemes, storyTargetGroups, themes, type Urgency, vacancies, vacancyThemes } from '../db/schema/index.ts';
import { listOf } from '../http/pagination.ts';
import { forgetThemePressure } from '../vacancies/pressure.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { RANKED_CANDIDATES } from './feed.ts';
import { feedCardSchema } from './schema.ts';
import { insertCampaign, insertStory } from './story-fixtures.ts';

let t: TestApp;
let recruiter: Record<string, string>;
before(async () => {
  t = await createTestApp();
  recruiter = await tokenHeaders(t, 'recruiter');
});
after(() => t.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let counter = 0;
const unique = (name: string) => `${name} ${++counter} ${uuidv7().slice(-6)}`;
const ago = (ms: number) => new Date(t.clock.now().getTime() - ms);
/** The feed keeps the stories it ranks for 10 s (see sharing.db.test.ts); tests that publish wait that out. */
const feedCatchesUp = () => t.clock.advance(10_000);

async function group(kind: 'department' | 'team', name: string): Promise<string> {
  const [row] = await t.ctx.database.db.insert(groups).values({ kind, name: unique(name) }).returning();
  if (!row) throw new Error('no group');
  return row.id;
}

async function theme(name: string): Promise<{ id: string; name: string }> {
  const key = unique(name).toLowerCase().replaceAll(' ', '-');
  const [row] = await t.ctx.database.db.insert(themes).values({ key, nameNl: `${name} (nl)`, nameEn: name }).returning();
  if (!row) throw new Error('no theme');
  return { id: row.id, name };
}

async function reader(groupIds: string[]) {
  const person = await buildPerson(t, { language: 'en' });
  for (const groupId of groupIds) await t.ctx.database.db.insert(groupMemberships).values({ groupId, personId: person.id });
  return { person, headers: await sessionHeaders(t, person) };
}

async function story(title: string, options: { age: number; themeIds?: string[]; targetGroupIds?: string[] }) {
  const row = await insertStory(t, { title, language: 'en', publishedAt: ago(options.age), targetGroupIds: options.targetGroupIds });
  for (const themeId of options.themeIds ?? []) await t.ctx.database.db.insert(storyThemes).values({ storyId: row.id, themeId });
  return row;
}

/** An open vacancy with one theme; hiring pressure is read again at once, as after a sync or an edit. */
async function vacancy(themeId: string, options: { departmentId?: string; urgency?: Urgency } = {}) {
  const title = unique('Vacancy');
  const [row] = await t.ctx.database.db
    .insert(vacancies)
    .values({ slug: title.toLowerCase().replaceAll(' ', '-'), title, departmentId: options.departmentId ?? null, urgency: options.urgency ?? 'normal', openedAt: ago(10 * DAY) })
    .returning();
  if (!row) throw new Error('no vacancy');
  await t.ctx.database.db.insert(vacancyThemes).values({ vacancyId: row.id, themeId });
  forgetThemePressure(t.ctx);
  return row;
}

type Reason = { key: string; theme?: string };
type Card = { story: { id: string; title: string }; reasons: Reason[]; sharedByMe: number; campaign: { slug: string } | null };

async function feed(headers: Record<string, string>, query = '?limit=100') {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/feed${query}`, headers });
  assert.equal(response.statusCode, 200, response.body);
  // The route sends bytes written once; they must still be what the OpenAPI document promises.
  return listOf(feedCardSchema).parse(response.json()) as { items: Card[]; nextCursor: string | null };
}

/** The given stories in the order the reader's feed shows them. */
async function orderOf(headers: Record<string, string>, ...ids: string[]): Promise<string[]> {
  return (await feed(headers)).items.map((item) => item.story.id).filter((id) => ids.includes(id));
}
const reasonsOf = async (headers: Record<string, string>, id: string) => (await feed(headers)).items.find((item) => item.story.id === id)?.reasons;

test('hiring pressure of a story’s themes lifts it; marking a vacancy critical moves it up at once', async () => {
  const team = await group('team', 'Pressure team');
  const { headers } = await reader([team]);
  const nursing = await theme('Nursing');
  const finance = await theme('Finance');
  const nurses = await story('Night shifts on the ward', { age: 2 * DAY, themeIds: [nursing.id], targetGroupIds: [team] });
  const accountants = await story('Closing the books', { age: 2 * DAY - HOUR, themeIds: [finance.id], targetGroupIds: [team] });
  const nurseVacancy = await vacancy(nursing.id);
  await vacancy(finance.id);
  feedCatchesUp();

  assert.deepEqual(await orderOf(headers, nurses.id, accountants.id), [accountants.id, nurses.id], 'equal pressure: the newer story first');
  assert.deepEqual(await reasonsOf(headers, nurses.id), [{ key: 'new' }, { key: 'hiring', theme: 'Nursing' }, { key: 'your_group' }]);

  const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/vacancies/${nurseVacancy.id}`, headers: recruiter, payload: { urgency: 'critical' } });
  assert.equal(patched.statusCode, 200, patched.body);
  assert.deepEqual(await orderOf(headers, nurses.id, accountants.id), [nurses.id, accountants.id], 'a critical vacancy outweighs an hour of recency, without waiting for caches');
});

test('vacancies in my own department lift their theme for me, not for colleagues elsewhere', async () => {
  const icu = await group('department', 'Intensive care');
  const ict = await group('department', 'ICT');
  const nurse = await reader([icu]);
  const developer = await reader([ict]);
  const care = await theme('Critical care');
  const software = await theme('Software');
  const careStory = await story('A night at the ICU', { age: 20 * DAY, themeIds: [care.id] });
  const codeStory = await story('Shipping the patient app', { age: 20 * DAY - 60_000, themeIds: [software.id] });
  await vacancy(care.id, { departmentId: icu });
  await vacancy(software.id, { departmentId: ict });
  feedCatchesUp();

  assert.deepEqual(await orderOf(nurse.headers, careStory.id, codeStory.id), [careStory.id, codeStory.id]);
  assert.deepEqual(await reasonsOf(nurse.headers, careStory.id), [{ key: 'hiring', theme: 'Critical care' }, { key: 'your_department_hiring', theme: 'Critical care' }]);
  assert.deepEqual(await reasonsOf(nurse.headers, codeStory.id), [{ key: 'hiring', theme: 'Software' }], 'another department’s vacancy: hiring, not mine');
  assert.deepEqual(await orderOf(developer.headers, careStory.id, codeStory.id), [codeStory.id, careStory.id], 'the same two stories the other way round');
  assert.deepEqual(await reasonsOf(developer.headers, codeStory.id), [{ key: 'hiring', theme: 'Software' }, { key: 'your_department_hiring', theme: 'Software' }]);
});

test('a story for one of my groups comes before a newer one for everyone; campaign stories lead', async () => {
  const team = await group('team', 'Group team');
  const { headers } = await reader([team]);
  const forEveryone = await story('News for everyone', { age: DAY });
  const forMyTeam = await story('News for my team', { age: 2 * DAY, targetGroupIds: [team] });
  const campaignStory = await story('Campaign classic', { age: 40 * DAY });
  await insertCampaign(t, { slug: unique('group-campaign').replaceAll(' ', '-').toLowerCase(), storyIds: [campaignStory.id], startsOn: '2026-11-01', endsOn: '2026-12-31', targetGroupIds: [team] });
  feedCatchesUp();

  assert.deepEqual(await orderOf(headers, forEveryone.id, forMyTeam.id, campaignStory.id), [campaignStory.id, forMyTeam.id, forEveryone.id]);
  assert.deepEqual(await reasonsOf(headers, forMyTeam.id), [{ key: 'new' }, { key: 'your_group' }]);
  assert.deepEqual(await reasonsOf(headers, forEveryone.id), [{ key: 'new' }]);
  assert.deepEqual(await reasonsOf(headers, campaignStory.id), [{ key: 'campaign' }]);
});

test('a story I shared moves down in my feed only, and says so', async () => {
  const team = await group('team', 'Sharing team');
  const me = await reader([team]);
  const colleague = await reader([team]);
  const newest = await story('Fresh from the lab', { age: HOUR, targetGroupIds: [team] });
  const older = await story('Last week in the lab', { age: 4 * DAY, targetGroupIds: [team] });
  feedCatchesUp();
  assert.deepEqual(await orderOf(me.headers, newest.id, older.id), [newest.id, older.id]);

  const shared = await t.app.inject({ method: 'POST', url: '/api/v1/shares', headers: me.headers, payload: { storyId: newest.id, network: 'linkedin', audience: 'candidates', text: 'Proud of our lab team, read what they found out this month.' } });
  assert.equal(shared.statusCode, 201, shared.body);
  assert.deepEqual(await orderOf(me.headers, newest.id, older.id), [older.id, newest.id], 'at once, without waiting for caches');
  const mine = (await feed(me.headers)).items.find((item) => item.story.id === newest.id);
  assert.deepEqual(mine?.reasons, [{ key: 'new' }, { key: 'your_group' }, { key: 'already_shared' }]);
  assert.equal(mine?.sharedByMe, 1);
  assert.deepEqual(await orderOf(colleague.headers, newest.id, older.id), [newest.id, older.id], 'a colleague’s order is their own');
  assert.ok(!(await reasonsOf(colleague.headers, newest.id))?.some((r) => r.key === 'already_shared'));

  // One story a page: my pages follow my order; a colleague who shared the older story reads the
  // first page everyone reads, and finds that story, marked, on the next.
  const pages = async (headers: Record<string, string>) => {
    const seen: Card[] = [];
    let cursor: string | null = null;
    do {
      const page = await feed(headers, `?q=lab&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  };
  assert.deepEqual((await pages(me.headers)).map((c) => c.story.id), [older.id, newest.id]);
  const other = await t.app.inject({ method: 'POST', url: '/api/v1/shares', headers: colleague.headers, payload: { storyId: older.id, network: 'linkedin', audience: 'candidates', text: 'A week in our lab, told by the people who work there.' } });
  assert.equal(other.statusCode, 201, other.body);
  const theirs = await pages(colleague.headers);
  assert.deepEqual(theirs.map((c) => c.story.id), [newest.id, older.id]);
  assert.deepEqual([theirs[1]?.sharedByMe, theirs[1]?.reasons.at(-1)?.key], [1, 'already_shared']);
});

test('paging keeps the ranking it started with; a new first page has the new one', async () => {
  const team = await group('team', 'Paging team');
  const { headers } = await reader([team]);
  const word = `Pagingword${uuidv7().slice(-6).replace(/[^a-z]/g, 'x')}`;
  const quiet = await theme('Quiet');
  const written = [];
  for (let i = 0; i < 6; i++) written.push(await story(`${word} story ${i}`, { age: (i + 1) * DAY, targetGroupIds: [team], themeIds: i === 5 ? [quiet.id] : [] }));
  const oldest = written[5];
  assert.ok(oldest);
  feedCatchesUp();
  const query = (cursor?: string) => `?q=${word}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;

  const first = await feed(headers, query());
  assert.deepEqual(first.items.map((i) => i.story.id), [written[0]?.id, written[1]?.id]);
  // Meanwhile the oldest story's theme gets an urgent vacancy and a new story is published.
  t.clock.advance(1_000);
  await vacancy(quiet.id, { urgency: 'critical' });
  const newer = await story(`${word} breaking`, { age: 0, targetGroupIds: [team] });
  const seen = first.items.map((i) => i.story.id);
  let cursor = first.nextCursor;
  while (cursor) {
    const page = await feed(headers, query(cursor));
    seen.push(...page.items.map((i) => i.story.id));
    cursor = page.nextCursor;
  }
  assert.deepEqual(seen, written.map((s) => s.id), 'every story once, in the order of the first page’s ranking');
  feedCatchesUp();

  const fresh = (await feed(headers, `?q=${word}&limit=10`)).items.map((i) => i.story.id);
  assert.equal(fresh[0], oldest.id, 'the urgent theme’s story has moved up from last to first');
  assert.equal(fresh[1], newer.id, 'and the story published since is in');
  const tampered = await t.app.inject({ method: 'GET', url: `/api/v1/feed${query(Buffer.from(JSON.stringify([Date.now() + 3_600_000 * 24 * 365, 0, 1, oldest.id])).toString('base64url'))}`, headers });
  assert.equal(tampered.statusCode, 400, 'a cursor from the future is not one the feed made');
});

test('stories older than the ranked ones follow newest first, so search reaches every story', async () => {
  const word = `Archiveword${uuidv7().slice(-6).replace(/[^a-z]/g, 'x')}`;
  const count = RANKED_CANDIDATES + 15;
  const now = t.clock.now();
  const rows = Array.from({ length: count }, (_, i) => ({
    translationGroupId: uuidv7(),
    language: 'en' as const,
    format: 'news' as const,
    status: 'published' as const,
    title: `${word} number ${i}`,
    slug: `${word.toLowerCase()}-${i}`,
    summary: 'From the archive',
    publishedAt: new Date(now.getTime() - (i + 1) * HOUR),
  }));
  const inserted = await t.ctx.database.db.insert(stories).values(rows).returning({ id: stories.id });
  const team = await group('team', 'Archive team');
  const { headers } = await reader([team]);
  // One old story is for my team: it is outside the ranked newest, so it keeps its place by date.
  const forMe = inserted[count - 5];
  assert.ok(forMe);
  await t.ctx.database.db.insert(storyTargetGroups).values({ storyId: forMe.id, groupId: team });
  feedCatchesUp();

  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let forMeCard: Card | undefined;
  do {
    const page = await feed(headers, `?q=${word}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    assert.ok(page.items.length === 100 || !page.nextCursor, 'pages are full until the last');
    seen.push(...page.items.map((i) => i.story.id));
    forMeCard ??= page.items.find((i) => i.story.id === forMe.id);
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  assert.equal(pages, Math.ceil(count / 100));
  assert.equal(new Set(seen).size, count, 'every story once');
  assert.deepEqual(seen, inserted.map((s) => s.id), 'newest first here: nothing else sets them apart');
  assert.deepEqual(forMeCard?.reasons, [{ key: 'your_group' }], 'an older story still says why');
});

test('the OpenAPI document names the reasons a card can give', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json', headers: recruiter });
  assert.equal(response.statusCode, 200);
  const schemas = response.json().components.schemas;
  assert.deepEqual(schemas.FeedReason.properties.key.enum, ['new', 'your_group', 'hiring', 'your_department_hiring', 'campaign', 'already_shared']);
  assert.ok(schemas.FeedCard.required.includes('reasons'));
});

test('while nothing changes the feed keeps its ranking (same reference time); a new story makes a new one', async () => {
  const team = await group('team', 'Steady team');
  const { headers } = await reader([team]);
  const word = `Steadyword${uuidv7().slice(-6).replace(/[^a-z]/g, 'x')}`;
  for (let i = 0; i < 3; i++) await story(`${word} ${i}`, { age: (i + 1) * HOUR, targetGroupIds: [team] });
  feedCatchesUp();
  const refOf = async () => {
    const { nextCursor } = await feed(headers, `?q=${word}&limit=1`);
    return JSON.parse(Buffer.from(nextCursor ?? '', 'base64url').toString())[0] as number;
  };
  // Hiring pressure is read again now and then remembered for a minute: this test stays inside that minute.
  forgetThemePressure(t.ctx);
  const first = await refOf();
  feedCatchesUp();
  assert.equal(await refOf(), first, 'read again with nothing changed: the same ranking');
  await story(`${word} new`, { age: 0, targetGroupIds: [team] });
  feedCatchesUp();
  assert.ok((await refOf()) > first, 'a story published since: a new ranking');
});
