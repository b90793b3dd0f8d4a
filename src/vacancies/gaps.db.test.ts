import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  type AmbassadorStatus,
  auditLog,
  clickRollupsDaily,
  groupMemberships,
  groups,
  people,
  type StoryStatus,
  shares,
  themeRules,
  stories,
  storyFeatured,
  storyThemes,
  themes,
  type Urgency,
  vacancies,
  vacancySources,
  vacancyThemes,
} from '../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { themePressure } from './pressure.ts';
import { applyFeed } from './sync.ts';

let t: TestApp;
let recruiter: Record<string, string>;
let n = 0;
const DAY = 86_400_000;

before(async () => {
  t = await createTestApp();
  recruiter = await tokenHeaders(t, 'recruiter');
});
after(() => t?.close());

const db = () => t.ctx.database.db;
const ago = (days: number) => new Date(t.clock.now().getTime() - days * DAY);

async function buildTheme(name: string, active = true): Promise<string> {
  n++;
  const [row] = await db()
    .insert(themes)
    .values({ key: `gap-theme-${n}-${uuidv7().slice(-6)}`, nameEn: name, nameNl: `${name} (nl)`, active })
    .returning({ id: themes.id });
  assert.ok(row);
  return row.id;
}

async function buildDepartment(name: string): Promise<string> {
  const [row] = await db()
    .insert(groups)
    .values({ kind: 'department', name: `${name} ${uuidv7().slice(-6)}` })
    .returning({ id: groups.id });
  assert.ok(row);
  return row.id;
}

async function buildVacancy(themeId: string, options: { urgency?: Urgency; openings?: number; departmentId?: string | null; openedDaysAgo?: number; status?: 'open' | 'closed' } = {}) {
  n++;
  const [row] = await db()
    .insert(vacancies)
    .values({
      slug: `gap-vacancy-${n}-${uuidv7().slice(-6)}`,
      title: `Vacancy ${n}`,
      departmentName: options.departmentId ? 'Department' : null,
      departmentId: options.departmentId ?? null,
      openings: options.openings ?? 1,
      urgency: options.urgency ?? 'normal',
      status: options.status ?? 'open',
      openedAt: ago(options.openedDaysAgo ?? 0),
    })
    .returning({ id: vacancies.id, title: vacancies.title });
  assert.ok(row);
  await db().insert(vacancyThemes).values({ vacancyId: row.id, themeId });
  return row;
}

async function buildStory(options: { themeId?: string; status?: StoryStatus; publishedDaysAgo?: number | null; featured?: string[]; updatedDaysAgo?: number } = {}) {
  n++;
  const id = uuidv7();
  const published = options.publishedDaysAgo === undefined || options.publishedDaysAgo === null ? null : ago(options.publishedDaysAgo);
  await db()
    .insert(stories)
    .values({
      id,
      translationGroupId: id,
      language: 'en',
      format: 'interview',
      status: options.status ?? 'published',
      title: `Story ${n}`,
      slug: `gap-story-${n}-${id.slice(-6)}`,
      publishedAt: published,
      createdAt: ago(options.updatedDaysAgo ?? 0),
      updatedAt: ago(options.updatedDaysAgo ?? 0),
    });
  if (options.themeId) await db().insert(storyThemes).values({ storyId: id, themeId: options.themeId });
  for (const [position, personId] of (options.featured ?? []).entries()) await db().insert(storyFeatured).values({ storyId: id, personId, position, approval: 'approved' });
  return id;
}

/** Shares of a story, each with its human clicks in the daily rollup (as the click writer leaves them). */
async function buildShares(storyId: string, count: number, humanClicksEach: number, daysAgo = 1) {
  const sharer = await buildPerson(t);
  for (let i = 0; i < count; i++) {
    const shareId = uuidv7();
    const at = ago(daysAgo);
    await db().insert(shares).values({ id: shareId, personId: sharer.id, itemType: 'story', storyId, network: 'linkedin', text: 'Mine', personalised: true, similarity: 0, createdAt: at });
    await db()
      .insert(clickRollupsDaily)
      .values({ day: at.toISOString().slice(0, 10), shareId, personId: sharer.id, itemType: 'story', storyId, network: 'linkedin', humanClicks: humanClicksEach, botClicks: 7 });
  }
}

async function member(departmentId: string, overrides: { name?: string; ambassadorStatus?: AmbassadorStatus; active?: boolean; erasedAt?: Date | null; tellMyStory?: boolean } = {}) {
  const { tellMyStory, ...rest } = overrides;
  const person = await buildPerson(t, { ...rest, preferences: tellMyStory === undefined ? {} : { tellMyStory } });
  await db().insert(groupMemberships).values({ groupId: departmentId, personId: person.id });
  return person;
}

type Gap = {
  theme: { id: string; key: string; name: string };
  pressure: number;
  supply: number;
  need: number;
  vacancyCount: number;
  vacancies: { id: string; urgency: string; pressure: number }[];
  storyCount: number;
  stories: { id: string; shares: number; humanClicks: number }[];
  suggestedPeople: { id: string; name: string; department: string; tellMyStory: boolean; lastFeaturedAt: string | null }[];
};

async function gaps(headers: Record<string, string> = recruiter): Promise<Gap[]> {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/content-gaps', headers });
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.json().generatedAt, t.clock.now().toISOString());
  return response.json().items;
}
const only = (items: Gap[], ids: string[]) => items.filter((gap) => ids.includes(gap.theme.id));

test('themes rank by hiring pressure; marking a vacancy critical moves its theme first at once', async () => {
  const care = await buildTheme('Care');
  const tech = await buildTheme('Tech');
  const closed = await buildTheme('Closed only');
  const retired = await buildTheme('Retired', false);
  const careVacancy = await buildVacancy(care);
  await buildVacancy(tech, { openings: 2 });
  await buildVacancy(closed, { status: 'closed', urgency: 'critical' });
  await buildVacancy(retired, { urgency: 'critical' });

  const before = only(await gaps(), [care, tech, closed, retired]);
  assert.deepEqual(
    before.map((gap) => [gap.theme.name, gap.pressure, gap.need]),
    [
      ['Tech', 2, 2],
      ['Care', 1, 1],
    ],
    'two openings outweigh one; a theme without open vacancies or an inactive theme is no gap',
  );
  assert.equal(before.every((gap) => gap.pressure > 0), true);
  const cachedBefore = (await themePressure(t.ctx)).get(care)?.total;
  assert.equal(cachedBefore, 1);

  const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/vacancies/${careVacancy.id}`, headers: recruiter, payload: { urgency: 'critical' } });
  assert.equal(patched.statusCode, 200, patched.body);
  const afterPatch = only(await gaps(), [care, tech]);
  assert.deepEqual(
    afterPatch.map((gap) => [gap.theme.name, gap.pressure]),
    [
      ['Care', 4],
      ['Tech', 2],
    ],
  );
  assert.equal(afterPatch[0]?.vacancies[0]?.urgency, 'critical');
  assert.equal((await themePressure(t.ctx)).get(care)?.total, 4, 'the feed’s remembered pressure is forgotten on the edit, not a minute later');

  t.clock.advance(30 * DAY);
  const later = only(await gaps(), [care, tech]);
  assert.deepEqual(
    later.map((gap) => gap.pressure),
    [8, 4],
    'a month open doubles the pressure',
  );
  t.clock.advance(-30 * DAY);
});

test('a sync that adds or closes vacancies moves the remembered theme pressure at once', async () => {
  const theme = await buildTheme('Welding');
  const keyword = `welder${uuidv7().slice(-6)}`;
  await db().insert(themeRules).values({ themeId: theme, kind: 'keyword', keyword });
  const [source] = await db().insert(vacancySources).values({ type: 'csv', name: `Uploads ${keyword}` }).returning({ id: vacancySources.id });
  assert.ok(source);
  const job = (externalId: string) => ({ externalId, title: `Senior ${keyword}`, department: null, location: null, employmentType: null, descriptionHtml: '', applyUrl: null, openings: 2, openedAt: t.clock.now(), language: null });
  const apply = (jobs: string[]) => applyFeed(t.ctx, source.id, { vacancies: jobs.map(job), problems: [] }, t.clock.now(), { triggeredBy: null, confirmMassClose: true });

  assert.equal((await themePressure(t.ctx)).get(theme), undefined, 'remembered before the sync: no vacancies yet');
  assert.equal((await apply(['a', 'b'])).added, 2);
  assert.equal((await themePressure(t.ctx)).get(theme)?.total, 4, 'the import is seen without waiting a minute');
  assert.deepEqual(only(await gaps(), [theme]).map((gap) => [gap.pressure, gap.vacancyCount]), [[4, 2]]);
  assert.equal((await apply(['a'])).closed, 1);
  assert.equal((await themePressure(t.ctx)).get(theme)?.total, 2, 'a vacancy closed by the sync stops pressing at once');
});

test('stories, their shares and human clicks in the last 8 weeks lower the need', async () => {
  const told = await buildTheme('Told');
  const untold = await buildTheme('Untold');
  await buildVacancy(told, { openings: 2 });
  await buildVacancy(untold, { openings: 2 });
  const recent = await buildStory({ themeId: told, publishedDaysAgo: 7 });
  await buildShares(recent, 5, 10);
  await buildStory({ themeId: told, publishedDaysAgo: 60 });
  await buildStory({ themeId: told, status: 'draft' });
  await buildStory({ themeId: told, status: 'archived', publishedDaysAgo: 3 });
  const oldShares = await buildStory({ themeId: untold, publishedDaysAgo: 100 });
  await buildShares(oldShares, 3, 100, 2);

  const [first, second] = only(await gaps(), [told, untold]);
  assert.equal(first?.theme.id, untold, 'the untold theme needs stories most');
  assert.deepEqual([first?.pressure, first?.supply, first?.need, first?.storyCount], [2, 0, 2, 0], 'a story published 100 days ago supplies nothing now, however shared');
  assert.equal(second?.theme.id, told);
  assert.equal(second?.storyCount, 1, 'only the story published in the last 8 weeks counts (not the old, the draft or the archived)');
  assert.deepEqual(second?.stories.map((story) => [story.id, story.shares, story.humanClicks]), [[recent, 5, 50]], 'bot clicks are not human clicks');
  // supply = 1 story + 5 shares / 5 + 50 human clicks / 50 = 3; need = 2 / (1 + 3).
  assert.equal(second?.supply, 3);
  assert.equal(second?.need, 0.5);
});

test('suggested colleagues: active ambassadors of the vacancies’ departments, "tell my story" first, then least recently featured, at most 5', async () => {
  const theme = await buildTheme('Nursing');
  const ward = await buildDepartment('Ward');
  const office = await buildDepartment('Office');
  await buildVacancy(theme, { departmentId: ward });
  await buildVacancy(theme, { departmentId: null });

  const keenNever = await member(ward, { name: 'Zoe Keen', tellMyStory: true });
  const keenLongAgo = await member(ward, { name: 'Anna Keen', tellMyStory: true });
  await buildStory({ publishedDaysAgo: 400, featured: [keenLongAgo.id] });
  const aaron = await member(ward, { name: 'Aaron Never' });
  const bram = await member(ward, { name: 'Bram Never', tellMyStory: false });
  const twoYears = await member(ward, { name: 'Two Years' });
  await buildStory({ publishedDaysAgo: 730, featured: [twoYears.id] });
  const oneYear = await member(ward, { name: 'One Year' });
  await buildStory({ publishedDaysAgo: 365, featured: [oneYear.id] });

  const excluded = {
    paused: await member(ward, { name: 'Paused', ambassadorStatus: 'paused', tellMyStory: true }),
    optedOut: await member(ward, { name: 'Opted Out', ambassadorStatus: 'opted_out', tellMyStory: true }),
    invited: await member(ward, { name: 'Invited', ambassadorStatus: 'invited', tellMyStory: true }),
    deactivated: await member(ward, { name: 'Deactivated', active: false, tellMyStory: true }),
    erased: await member(ward, { name: 'Erased', erasedAt: ago(10), tellMyStory: true }),
    publishedRecently: await member(ward, { name: 'Published Recently', tellMyStory: true }),
    approvedRecently: await member(ward, { name: 'Approved Recently', tellMyStory: true }),
    archivedRecently: await member(ward, { name: 'Archived Recently', tellMyStory: true }),
    alreadyAsked: await member(ward, { name: 'Already Asked', tellMyStory: true }),
    otherDepartment: await member(office, { name: 'Other Department', tellMyStory: true }),
  };
  await buildStory({ publishedDaysAgo: 60, featured: [excluded.publishedRecently.id] });
  await buildStory({ status: 'approved', updatedDaysAgo: 5, featured: [excluded.approvedRecently.id] });
  await buildStory({ status: 'archived', publishedDaysAgo: 90, featured: [excluded.archivedRecently.id] });
  await buildStory({ status: 'idea', updatedDaysAgo: 20, featured: [excluded.alreadyAsked.id] });

  const [gap] = only(await gaps(), [theme]);
  assert.ok(gap);
  assert.deepEqual(
    gap.suggestedPeople.map((person) => person.name),
    ['Zoe Keen', 'Anna Keen', 'Aaron Never', 'Bram Never', 'Two Years'],
    'tell-my-story first (never featured before featured long ago), then never featured by name, then longest ago; the sixth is cut',
  );
  assert.ok(!gap.suggestedPeople.some((person) => person.id === oneYear.id));
  const excludedIds = new Set(Object.values(excluded).map((person) => person.id));
  assert.ok(!gap.suggestedPeople.some((person) => excludedIds.has(person.id)));
  assert.deepEqual(gap.suggestedPeople[0], { id: keenNever.id, name: 'Zoe Keen', department: gap.suggestedPeople[0]?.department, tellMyStory: true, lastFeaturedAt: null });
  assert.match(gap.suggestedPeople[0]?.department ?? '', /^Ward /);
  assert.equal(gap.suggestedPeople[1]?.lastFeaturedAt, ago(400).toISOString());
  assert.equal(gap.suggestedPeople[3]?.tellMyStory, false);
  assert.ok(gap.suggestedPeople.some((person) => person.id === aaron.id) && gap.suggestedPeople.some((person) => person.id === bram.id));
  for (const person of gap.suggestedPeople) assert.deepEqual(Object.keys(person).sort(), ['department', 'id', 'lastFeaturedAt', 'name', 'tellMyStory'], 'nothing but what an editor needs: no persona');

  // Nothing about personas reaches the view, in any field.
  const body = (await t.app.inject({ method: 'GET', url: '/api/v1/content-gaps', headers: recruiter })).body;
  assert.doesNotMatch(body, /persona/i);
});

test('"I’d like to tell my story" is the person’s own choice on their profile', async () => {
  const person = await buildPerson(t, { preferences: { digest: 'weekly' } });
  const headers = await sessionHeaders(t, person);
  const me = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers })).json();
  assert.equal((await me()).tellMyStory, false, 'nobody volunteers by default');

  const set = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: { tellMyStory: true } });
  assert.equal(set.statusCode, 200, set.body);
  assert.equal(set.json().tellMyStory, true);
  assert.equal((await me()).tellMyStory, true);
  const [row] = await db().select({ preferences: people.preferences }).from(people).where(eq(people.id, person.id));
  assert.deepEqual(row?.preferences, { digest: 'weekly', tellMyStory: true }, 'other preferences stay');

  const both = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: { name: 'Ilse Verhaal', tellMyStory: false } });
  assert.equal(both.statusCode, 200, both.body);
  assert.deepEqual([both.json().name, both.json().tellMyStory], ['Ilse Verhaal', false]);
  const bad = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: { tellMyStory: 'yes' } });
  assert.equal(bad.statusCode, 400);

  const admin = await tokenHeaders(t, 'admin');
  const byAdmin = await t.app.inject({ method: 'PATCH', url: `/api/v1/people/${person.id}`, headers: admin, payload: { tellMyStory: true } });
  assert.ok(byAdmin.statusCode < 500);
  assert.equal((await me()).tellMyStory, false, 'an admin cannot volunteer someone');
});

test('a suggestion becomes an interview idea, in the requester’s language, assigned to the requesting editor', async () => {
  const theme = await buildTheme('Intensive care');
  const ward = await buildDepartment('IC');
  const vacancy = await buildVacancy(theme, { departmentId: ward, urgency: 'high' });
  const colleague = await member(ward, { name: 'Sanne Bakker', tellMyStory: true });
  const editor = await buildPerson(t, { roles: ['editor', 'ambassador'], language: 'nl' });
  const headers = await sessionHeaders(t, editor);
  const [gap] = only(await gaps(headers), [theme]);
  assert.equal(gap?.theme.name, 'Intensive care (nl)', 'theme names follow the reader’s language');
  assert.deepEqual(gap?.suggestedPeople.map((person) => person.id), [colleague.id]);

  const response = await t.app.inject({ method: 'POST', url: '/api/v1/content-gaps/requests', headers, payload: { themeId: theme, personId: colleague.id, vacancyId: vacancy.id, kind: 'interview' } });
  assert.equal(response.statusCode, 201, response.body);
  const { storyId, editorUrl } = response.json();
  assert.equal(editorUrl, `/editorial/stories/${storyId}`);

  const story = (await t.app.inject({ method: 'GET', url: `/api/v1/stories/${storyId}`, headers })).json();
  assert.deepEqual([story.status, story.format, story.language], ['idea', 'interview', 'nl']);
  assert.equal(story.title, 'Interview met Sanne Bakker: Intensive care (nl)');
  assert.match(story.summary, new RegExp(`de vacature “${vacancy.title}”`));
  assert.deepEqual(story.themes.map((th: { id: string }) => th.id), [theme]);
  assert.deepEqual(story.featured.map((f: { personId: string; approval: string }) => [f.personId, f.approval]), [[colleague.id, 'not_requested']]);
  const [row] = await db().select({ assignedTo: stories.assignedTo, authorId: stories.authorId }).from(stories).where(eq(stories.id, storyId));
  assert.deepEqual(row, { assignedTo: editor.id, authorId: editor.id });
  const audit = await db().select().from(auditLog).where(and(eq(auditLog.action, 'content_gap.requested'), eq(auditLog.subjectId, storyId)));
  assert.equal(audit.length, 1);
  assert.equal(audit[0]?.actorPersonId, editor.id);
  assert.deepEqual(audit[0]?.after, { kind: 'interview', themeId: theme, personId: colleague.id, vacancyId: vacancy.id, assignedTo: editor.id });

  const [afterRequest] = only(await gaps(headers), [theme]);
  assert.deepEqual(afterRequest?.suggestedPeople, [], 'someone already asked is not suggested twice');
});

test('a recruiter asks for an idea for an editor; bad requests create nothing', async () => {
  const theme = await buildTheme('Logistics');
  await buildVacancy(theme);
  const recruiterPerson = await buildPerson(t, { roles: ['recruiter', 'ambassador'], language: 'en' });
  const headers = await sessionHeaders(t, recruiterPerson);
  const editor = await buildPerson(t, { roles: ['editor'] });
  const ambassador = await buildPerson(t);
  const storyCount = async () => Number((await db().select({ n: sql<number>`count(*)::int` }).from(stories))[0]?.n);
  const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/content-gaps/requests', headers, payload });

  const unassigned = await post({ themeId: theme, kind: 'idea' });
  assert.equal(unassigned.statusCode, 201, unassigned.body);
  const [plain] = await db().select().from(stories).where(eq(stories.id, unassigned.json().storyId));
  assert.deepEqual([plain?.status, plain?.format, plain?.title, plain?.assignedTo], ['idea', 'behind_the_scenes', 'Story idea: Logistics', null], 'a recruiter is no editor: the idea waits for one');

  const assigned = await post({ themeId: theme, kind: 'idea', personId: ambassador.id, assignedTo: editor.id });
  assert.equal(assigned.statusCode, 201, assigned.body);
  const [withPerson] = await db().select().from(stories).where(eq(stories.id, assigned.json().storyId));
  assert.deepEqual([withPerson?.title, withPerson?.assignedTo], [`Story idea: Logistics, with ${ambassador.name}`, editor.id]);

  const before = await storyCount();
  const cases: [object, number, string][] = [
    [{ themeId: theme, kind: 'interview' }, 400, 'content_gap_person_required'],
    [{ themeId: uuidv7(), kind: 'idea' }, 400, 'unknown_theme'],
    [{ themeId: theme, kind: 'interview', personId: uuidv7() }, 400, 'unknown_person'],
    [{ themeId: theme, kind: 'idea', vacancyId: uuidv7() }, 400, 'content_gap_vacancy_unknown'],
    [{ themeId: theme, kind: 'idea', assignedTo: ambassador.id }, 400, 'content_gap_assignee_not_editor'],
    [{ themeId: theme, kind: 'podcast' }, 400, 'validation_failed'],
  ];
  for (const [payload, status, code] of cases) {
    const response = await post(payload);
    assert.equal(response.statusCode, status, `${JSON.stringify(payload)}: ${response.body}`);
    assert.equal(response.json().error.code, code);
    assert.ok(response.json().error.message.length > 0);
  }
  assert.equal(await storyCount(), before, 'no half-made story is left behind');

  const ambassadorHeaders = await sessionHeaders(t, ambassador);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/content-gaps', headers: ambassadorHeaders })).statusCode, 403);
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/content-gaps/requests', headers: ambassadorHeaders, payload: { themeId: theme, kind: 'idea' } })).statusCode, 403);
});
