import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { groupMemberships, groups, nudges, nudgeTemplates, personaHistory, shares, stories, storyFeatured } from '../db/schema/index.ts';
import type { PersonaKey } from '../db/schema/engagement.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders } from '../../test/support/factories.ts';
import { personaFlow } from '../personas/flow.ts';
import { putSetting } from '../settings/service.ts';
import type { ProgrammeAnalytics } from './health-schema.ts';

const DAY = 86_400_000;
let t: TestApp;
let editor: Record<string, string>;
let admin: Record<string, string>;
const departments: Record<'large' | 'middle' | 'small', { id: string; people: string[] }> = {
  large: { id: '', people: [] },
  middle: { id: '', people: [] },
  small: { id: '', people: [] },
};

const db = () => t.ctx.database.db;
// The test clock starts on Friday 2026-11-27 09:00 UTC; the default period is 2026-10-31 … 2026-11-27.
const ago = (days: number) => new Date(t.clock.now().getTime() - days * DAY);

async function buildStory(publishedAt: Date, featured: string[] = []) {
  const id = uuidv7();
  await db()
    .insert(stories)
    .values({ id, translationGroupId: id, language: 'en', format: 'interview', status: 'published', title: `Story ${id.slice(-6)}`, slug: `programme-${id}`, publishedAt, createdAt: publishedAt, updatedAt: publishedAt });
  for (const [position, personId] of featured.entries()) await db().insert(storyFeatured).values({ storyId: id, personId, position, approval: 'approved' });
  return id;
}

async function share(personId: string, storyId: string, at: Date, personalised: boolean, departmentId: string | null) {
  await db()
    .insert(shares)
    .values({ id: uuidv7(), personId, itemType: 'story', storyId, network: 'linkedin', text: personalised ? 'My own words' : 'The suggestion', personalised, similarity: personalised ? 0.2 : 0.98, departmentId, createdAt: at });
}

before(async () => {
  t = await createTestApp();
  const staff = [await buildPerson(t, { roles: ['editor'] }), await buildPerson(t, { roles: ['admin'] })];
  editor = await sessionHeaders(t, staff[0] as { id: string });
  admin = await sessionHeaders(t, staff[1] as { id: string });
  // Three departments of 8 colleagues (and the editor and admin: 10), 6 and 2.
  for (const [key, size] of [['large', 8], ['middle', 6], ['small', 2]] as const) {
    const [group] = await db().insert(groups).values({ kind: 'department', name: `${key} ${uuidv7().slice(-6)}` }).returning({ id: groups.id });
    assert.ok(group);
    departments[key].id = group.id;
    for (let i = 0; i < size; i++) {
      const person = await buildPerson(t);
      await db().insert(groupMemberships).values({ groupId: group.id, personId: person.id });
      departments[key].people.push(person.id);
    }
  }
  for (const person of staff) await db().insert(groupMemberships).values({ groupId: departments.large.id, personId: person.id });
  await putSetting(db(), 'editorial.yearlyTarget', 24, t.clock.now());
});
after(() => t?.close());

async function programme(headers: Record<string, string>, query = ''): Promise<ProgrammeAnalytics> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/programme${query}`, headers });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

test('storytelling target progress and podium coverage, with small departments for admins only', async () => {
  const [l1, l2] = departments.large.people;
  const [m1] = departments.middle.people;
  const [s1] = departments.small.people;
  await buildStory(ago(100), [l1 as string, l2 as string]);
  await buildStory(ago(10), [m1 as string, l1 as string]);
  await buildStory(ago(5), [s1 as string]);
  await buildStory(new Date('2025-12-30T10:00:00Z'), [departments.large.people[3] as string]); // last year: not this year's progress

  const view = await programme(editor);
  // Target 24 a year; by 27 November an even pace reaches 24 × 330.375 / 365 ≈ 21.7.
  assert.deepEqual(view.storytelling, { year: 2026, target: 24, published: 3, remaining: 21, expected: 22, onTrack: false });
  assert.equal(view.coverage.featuredPeople, 4);
  assert.equal(view.coverage.activePeople, 18, '16 colleagues, the editor and the admin');
  assert.equal(view.coverage.neverFeatured, 13);
  const row = (v: ProgrammeAnalytics, key: string) => v.coverage.byDepartment.find((d) => d.key === key);
  assert.deepEqual([row(view, departments.large.id)?.people, row(view, departments.large.id)?.featuredPeople, row(view, departments.large.id)?.suppressed], [10, 2, false]);
  // The department of 2 is hidden, and with it the next smallest (6), so neither can be worked out from the total.
  assert.deepEqual([row(view, departments.small.id)?.people, row(view, departments.small.id)?.featuredPeople, row(view, departments.small.id)?.suppressed], [null, null, true]);
  assert.deepEqual([row(view, departments.middle.id)?.people, row(view, departments.middle.id)?.suppressed], [null, true]);

  const asAdmin = await programme(admin);
  assert.deepEqual([row(asAdmin, departments.small.id)?.people, row(asAdmin, departments.small.id)?.featuredPeople], [2, 1]);
  assert.deepEqual([row(asAdmin, departments.middle.id)?.people, row(asAdmin, departments.middle.id)?.featuredPeople], [6, 1]);
});

test('personalised against copied share texts, per week, and hidden for a small department', async () => {
  const storyId = await buildStory(ago(30));
  const large = departments.large;
  // In the period: 3 personalised and 2 copied by 5 people of the large department, in two ISO weeks.
  await share(large.people[0] as string, storyId, ago(9), true, large.id); // Wed 18 Nov
  await share(large.people[1] as string, storyId, ago(8), false, large.id); // Thu 19 Nov
  await share(large.people[2] as string, storyId, ago(2), true, large.id); // Wed 25 Nov
  await share(large.people[3] as string, storyId, ago(1), true, large.id); // Thu 26 Nov
  await share(large.people[4] as string, storyId, ago(1), false, large.id);
  await share(large.people[0] as string, storyId, ago(40), false, large.id); // before the period
  await share(departments.small.people[0] as string, storyId, ago(1), true, departments.small.id);

  const all = await programme(editor);
  assert.deepEqual(
    { people: all.shareTexts.people, shares: all.shareTexts.shares, personalised: all.shareTexts.personalised, copied: all.shareTexts.copied, share: all.shareTexts.personalisedShare },
    { people: 6, shares: 6, personalised: 4, copied: 2, share: 0.6667 },
  );
  const inLarge = await programme(editor, `?department=${large.id}`);
  assert.deepEqual([inLarge.shareTexts.shares, inLarge.shareTexts.personalised, inLarge.shareTexts.copied, inLarge.shareTexts.suppressed], [5, 3, 2, false]);
  assert.deepEqual(inLarge.shareTexts.weeks, [
    { week: '2026-11-16', personalised: 1, copied: 1 },
    { week: '2026-11-23', personalised: 2, copied: 1 },
  ]);
  const inSmall = await programme(editor, `?department=${departments.small.id}`);
  assert.deepEqual([inSmall.shareTexts.shares, inSmall.shareTexts.personalisedShare, inSmall.shareTexts.weeks, inSmall.shareTexts.suppressed], [null, null, [], true]);
  const inSmallAsAdmin = await programme(admin, `?department=${departments.small.id}`);
  assert.deepEqual([inSmallAsAdmin.shareTexts.shares, inSmallAsAdmin.shareTexts.personalised, inSmallAsAdmin.shareTexts.suppressed], [1, 1, false]);
});

test('the persona flow is the flow report of the period, with its suppression', async () => {
  const people = departments.large.people;
  const weeks = ['2026-11-02', '2026-11-23'];
  const personas: PersonaKey[][] = [
    ['anchored', 'anchored', 'anchored', 'anchored', 'anchored', 'anchored', 'loyal_fan', 'loyal_fan'],
    ['loyal_fan', 'loyal_fan', 'loyal_fan', 'loyal_fan', 'loyal_fan', 'loyal_fan', 'loyal_fan', 'anchored'],
  ];
  for (const [w, week] of weeks.entries()) for (const [i, personId] of people.entries()) await db().insert(personaHistory).values({ personId, week, persona: personas[w]?.[i] as PersonaKey });
  const view = await programme(editor, `?department=${departments.large.id}`);
  assert.deepEqual(view.personaFlow, await personaFlow(t.ctx, { from: '2026-10-31', to: '2026-11-27', department: departments.large.id }));
  assert.equal(view.personaFlow.groupTooSmall, false);
  const last = view.personaFlow.weeks.find((w) => w.week === '2026-11-23');
  assert.equal(last?.counts.loyal_fan, 7);
  assert.equal(last?.counts.anchored, null, 'one person is not shown');
  const moved = view.personaFlow.transitions.find((move) => move.from === 'anchored' && move.to === 'loyal_fan');
  assert.equal(moved?.count, 6);
  // A department of 2 is too small for a persona flow at all.
  assert.equal((await programme(editor, `?department=${departments.small.id}`)).personaFlow.groupTooSmall, true);
});

test('nudge effectiveness over the period, small persona groups for admins only; CSV and access', async () => {
  const [template] = await db()
    .insert(nudgeTemplates)
    .values({
      key: `programme-${uuidv7().slice(-6)}`,
      trigger: 'inactive',
      personas: ['loyal_fan', 'anchored'],
      channel: 'in_app',
      texts: { en: { subject: 'Hi', body: 'Hi', action: 'Go' }, nl: { subject: 'Hoi', body: 'Hoi', action: 'Ga' } },
      createdAt: ago(30),
      updatedAt: ago(30),
    })
    .returning({ id: nudgeTemplates.id });
  assert.ok(template);
  const storyId = await buildStory(ago(50));
  const nudge = async (personId: string, persona: PersonaKey, status: 'sent' | 'holdout', sharedAfter: boolean) => {
    const at = ago(6);
    await db()
      .insert(nudges)
      .values({ templateId: template.id, personId, persona, sendKey: uuidv7(), channel: 'in_app', status, holdout: status === 'holdout', scheduledFor: at, createdAt: at, sentAt: status === 'sent' ? at : null });
    if (sharedAfter) await share(personId, storyId, new Date(at.getTime() + DAY), true, null);
  };
  const large = departments.large.people;
  // Loyal fans: 6 sent (3 shared within 7 days), 2 held out (none shared); anchored: 2 sent (both shared).
  for (const [i, personId] of departments.middle.people.entries()) await nudge(personId, 'loyal_fan', 'sent', i < 3);
  for (const personId of large.slice(6, 8)) await nudge(personId, 'loyal_fan', 'holdout', false);
  for (const personId of departments.small.people) await nudge(personId, 'anchored', 'sent', true);

  const view = await programme(editor);
  assert.equal(view.nudges.days, 28);
  assert.deepEqual(
    view.nudges.rows.map((row) => [row.templateKey, row.persona, row.sent, row.holdout, row.sharedAfterNudge]),
    [[view.nudges.rows[0]?.templateKey, 'loyal_fan', 6, 2, 3]],
  );
  assert.deepEqual(view.nudges.totals, { sent: 6, holdout: 2, sharedAfterNudge: 3, sharedInHoldout: 0, shareRateNudged: 0.5, shareRateHoldout: 0, upliftPoints: null, tooFewToSay: true });
  const asAdmin = await programme(admin);
  assert.equal(asAdmin.nudges.rows.length, 2);
  assert.deepEqual([asAdmin.nudges.totals.sent, asAdmin.nudges.totals.sharedAfterNudge], [8, 5]);

  const csv = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/programme?format=csv', headers: editor });
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-disposition'] as string, /podium-programme-2026-10-31-2026-11-27\.csv/);
  const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], 'section,week,key,label,figure,value');
  assert.ok(lines.includes('storytelling,,,,target,24'));
  assert.ok(lines.includes('nudges,,,,sent,6'));

  // Recruiters read the recruitment dashboard, not this one; an unknown department is a 404.
  const recruiter = await sessionHeaders(t, await buildPerson(t, { roles: ['recruiter'] }));
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/analytics/programme', headers: recruiter })).statusCode, 403);
  const unknown = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/programme?department=${uuidv7()}`, headers: editor });
  assert.equal(unknown.statusCode, 404);
});
