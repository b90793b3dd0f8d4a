import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { activityDaily, groupMemberships, groups, nudges, nudgeTemplates, people, personaAssessments, personaHistory, personPersonas, shares, stories, storyFeatured } from '../db/schema/index.ts';
import { erasePerson, exportPerson } from '../privacy/service.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { flushActivity } from './activity.ts';
import { personaOf, personasOf } from './current.ts';
import { weekOf } from './model.ts';
import { classifyEveryone, classifyPeople } from './service.ts';

let t: TestApp;
let adminToken: Record<string, string>;
before(async () => {
  t = await createTestApp();
  adminToken = await tokenHeaders(t, 'admin');
});
after(() => t.close());

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(t.clock.now().getTime() - n * DAY);
const dayString = (n: number) => daysAgo(n).toISOString().slice(0, 10);
const yearsAgo = (n: number) => new Date(t.clock.now().getTime() - n * 365.25 * DAY).toISOString().slice(0, 10);

/** Someone in Podium for 100 days (so a full 90-day window is observed). */
const veteran = (overrides: Parameters<typeof buildPerson>[1] = {}) => buildPerson(t, { createdAt: daysAgo(100), ...overrides });

async function visits(personId: string, days: number, perDay: { feedVisits: number; storyReads: number }) {
  for (let d = 1; d <= days; d++) await t.ctx.database.db.insert(activityDaily).values({ personId, day: dayString(d * 2), ...perDay });
}

async function shareRows(personId: string, count: number, personalised: number) {
  const story = await insertStory(t);
  for (let i = 0; i < count; i++) {
    await t.ctx.database.db
      .insert(shares)
      .values({ personId, itemType: 'story', storyId: story.id, network: 'linkedin', text: `Mijn woorden ${i}`, personalised: i < personalised, similarity: 0.2, createdAt: daysAgo(3 + i * 5) });
  }
}

let template: string | null = null;
async function sentNudges(personId: string, count: number) {
  if (!template) {
    const [row] = await t.ctx.database.db
      .insert(nudgeTemplates)
      .values({ key: `persona-test-${uuidv7()}`, trigger: 'inactive', personas: ['anchored'], channel: 'email', texts: { en: { subject: 'S', body: 'B', action: 'A' }, nl: { subject: 'S', body: 'B', action: 'A' } } })
      .returning();
    template = row?.id ?? null;
  }
  for (let i = 0; i < count; i++) {
    const at = daysAgo(10 + i * 20);
    await t.ctx.database.db
      .insert(nudges)
      .values({ templateId: template as string, personId, persona: 'unknown', sendKey: uuidv7(), channel: 'email', status: 'sent', scheduledFor: at, createdAt: at, sentAt: at });
  }
}

async function personaRow(personId: string) {
  const [row] = await t.ctx.database.db.select().from(personPersonas).where(eq(personPersonas.personId, personId));
  return row;
}

test('the batch run classifies crafted histories, in batches, with reasons and a history row for the week', async () => {
  const anchored = await veteran({ startDate: yearsAgo(15), networkSize: 80 });
  await sentNudges(anchored.id, 3);
  const fan = await veteran({ startDate: yearsAgo(8) });
  await visits(fan.id, 15, { feedVisits: 2, storyReads: 1 });
  await shareRows(fan.id, 10, 5);
  const featuredIn = await insertStory(t, { publishedAt: daysAgo(20) });
  await t.ctx.database.db.insert(storyFeatured).values({ storyId: featuredIn.id, personId: fan.id, quote: 'Mooi werk', approval: 'approved' });
  const cautious = await veteran({ startDate: yearsAgo(5) });
  await visits(cautious.id, 30, { feedVisits: 2, storyReads: 1 });
  const hopper = await veteran({ startDate: yearsAgo(1), networkSize: 3000 });
  await visits(hopper.id, 10, { feedVisits: 1, storyReads: 1 });
  await shareRows(hopper.id, 8, 7);
  await t.ctx.database.db.insert(stories).values({ translationGroupId: uuidv7(), language: 'en', format: 'column', status: 'draft', title: 'My column', slug: `col-${uuidv7()}`, authorId: hopper.id, createdAt: daysAgo(12), updatedAt: daysAgo(12) });
  const newcomer = await buildPerson(t, { createdAt: daysAgo(5) });
  await visits(newcomer.id, 2, { feedVisits: 1, storyReads: 0 });

  const report = await classifyEveryone(t.ctx, { batchSize: 2 });
  assert.ok(report.batches >= 3, `batches of two: ${report.batches}`);
  assert.ok(report.people >= 5);
  const expected = { [anchored.id]: 'anchored', [fan.id]: 'loyal_fan', [cautious.id]: 'cautious_mover', [hopper.id]: 'job_hopper', [newcomer.id]: 'unknown' };
  const found = await personasOf(t.ctx.database.db, Object.keys(expected));
  assert.deepEqual(Object.fromEntries(found), expected);
  assert.equal(await personaOf(t.ctx.database.db, uuidv7()), 'unknown', 'someone never classified');

  const cautiousRow = await personaRow(cautious.id);
  assert.equal(cautiousRow?.reasons[0]?.signal, 'lurking');
  assert.equal(cautiousRow?.reasons[0]?.value, 90, '60 feed visits and 30 story reads');
  assert.equal(cautiousRow?.signals.feedVisits, 60);
  const fanRow = await personaRow(fan.id);
  assert.equal(fanRow?.signals.storiesFeatured, 1);
  const anchoredRow = await personaRow(anchored.id);
  assert.equal(anchoredRow?.signals.nudgesSent, 3);
  assert.equal(anchoredRow?.signals.nudgesFollowed, 0);
  assert.equal((await personaRow(hopper.id))?.signals.storiesAuthored, 1);
  assert.deepEqual((await personaRow(newcomer.id))?.reasons.map((r) => r.signal), ['too_little_data']);

  const history = await t.ctx.database.db.select().from(personaHistory).where(eq(personaHistory.personId, hopper.id));
  assert.deepEqual(history.map((h) => [h.week, h.persona]), [[weekOf(t.clock.now()), 'job_hopper']]);
  // A second run in the same week replaces the week's row rather than adding one.
  await classifyEveryone(t.ctx);
  assert.equal((await t.ctx.database.db.select().from(personaHistory).where(eq(personaHistory.personId, hopper.id))).length, 1);
});

test('a nudge followed by a share within 7 days counts as a response; one followed later does not', async () => {
  const person = await veteran({ startDate: yearsAgo(6) });
  await sentNudges(person.id, 2);
  const story = await insertStory(t);
  // The first nudge (10 days ago) is followed 2 days later; the second (30 days ago) only 12 days later.
  for (const at of [daysAgo(8), daysAgo(18)]) {
    await t.ctx.database.db.insert(shares).values({ personId: person.id, itemType: 'story', storyId: story.id, network: 'linkedin', text: 'x', personalised: false, similarity: 0.9, createdAt: at });
  }
  await classifyPeople(t.ctx, [person.id]);
  const row = await personaRow(person.id);
  assert.equal(row?.signals.nudgesSent, 2);
  assert.equal(row?.signals.nudgesFollowed, 1);
});

test('no flip-flopping in the database: a narrow challenger waits for a second weekly run', async () => {
  // A lurker who has started to share suggestions: close between cautious mover and loyal fan.
  const person = await veteran({ startDate: yearsAgo(5) });
  await t.ctx.database.db.insert(personPersonas).values({ personId: person.id, persona: 'cautious_mover', since: daysAgo(60), computedAt: daysAgo(7) });
  await visits(person.id, 20, { feedVisits: 1, storyReads: 1 });
  await shareRows(person.id, 3, 0);
  await classifyPeople(t.ctx, [person.id]);
  const first = await personaRow(person.id);
  const scores = first?.scores ?? {};
  assert.ok(Math.abs((scores.loyal_fan ?? 0) - (scores.cautious_mover ?? 0)) < 1, JSON.stringify(scores));
  assert.equal(first?.persona, 'cautious_mover', JSON.stringify(scores));
  assert.equal(first?.challenger, 'loyal_fan');
  assert.equal(first?.challengerWins, 1);
  assert.ok(first?.reasons.every((r) => r.persona === 'cautious_mover'), 'the reasons explain the type still held');
  // Next week the challenger wins again: now it replaces the current type.
  t.clock.advance(7 * DAY);
  await classifyPeople(t.ctx, [person.id]);
  const second = await personaRow(person.id);
  assert.equal(second?.persona, 'loyal_fan');
  assert.equal(second?.challenger, null);
  assert.equal(second?.since.getTime(), t.clock.now().getTime());
});

test('GET /people/{id}/persona: the person themself and admins; editors, recruiters and colleagues 403; an unknown id 404 for an admin', async () => {
  const me = await veteran({ startDate: yearsAgo(5), language: 'nl' });
  await visits(me.id, 30, { feedVisits: 2, storyReads: 1 });
  await classifyPeople(t.ctx, [me.id]);
  const own = await t.app.inject({ method: 'GET', url: `/api/v1/people/${me.id}/persona`, headers: await sessionHeaders(t, me) });
  assert.equal(own.statusCode, 200, own.body);
  const view = own.json();
  assert.equal(view.persona, 'cautious_mover');
  assert.equal(view.reasons[0].signal, 'lurking');
  assert.ok(view.since);
  assert.deepEqual(view.history, [{ week: weekOf(t.clock.now()), persona: 'cautious_mover' }]);
  assert.equal(view.assessment.questions.length, 4);
  assert.equal(view.assessment.questions[0].text, 'Hoe vaak kijk je op LinkedIn?', 'in the person’s language');
  assert.equal(view.assessment.answers, null);

  const admin = await buildPerson(t, { roles: ['admin'] });
  const asAdmin = await t.app.inject({ method: 'GET', url: `/api/v1/people/${me.id}/persona`, headers: await sessionHeaders(t, admin) });
  assert.equal(asAdmin.statusCode, 200);
  assert.equal(asAdmin.json().persona, 'cautious_mover');
  const tokenView = await t.app.inject({ method: 'GET', url: `/api/v1/people/${me.id}/persona`, headers: adminToken });
  assert.equal(tokenView.statusCode, 200);

  for (const roles of [['editor'], ['recruiter'], ['ambassador']] as const) {
    const other = await buildPerson(t, { roles: [...roles] });
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/people/${me.id}/persona`, headers: await sessionHeaders(t, other) });
    assert.equal(response.statusCode, 403, `${roles[0]}: ${response.body}`);
    assert.equal(response.json().error.code, 'forbidden');
    assert.doesNotMatch(response.body, /cautious_mover|lurking/);
  }
  const editorToken = await t.app.inject({ method: 'GET', url: `/api/v1/people/${me.id}/persona`, headers: await tokenHeaders(t, 'editor') });
  assert.equal(editorToken.statusCode, 403);
  const missing = await t.app.inject({ method: 'GET', url: `/api/v1/people/${uuidv7()}/persona`, headers: adminToken });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, 'person_not_found');
});

for (const status of ['paused', 'opted_out'] as const) {
  test(`${status}: out of the admin's individual view of personas at once; the person still sees their own`, async () => {
    const person = await veteran({ startDate: yearsAgo(5) });
    await visits(person.id, 30, { feedVisits: 2, storyReads: 1 });
    await classifyPeople(t.ctx, [person.id]);
    const admin = await sessionHeaders(t, await buildPerson(t, { roles: ['admin'] }));
    const look = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}/persona`, headers });
    assert.equal((await look(admin)).statusCode, 200);
    await t.ctx.database.db.update(people).set({ ambassadorStatus: status }).where(eq(people.id, person.id));
    for (const headers of [admin, adminToken]) {
      const hidden = await look(headers);
      assert.deepEqual([hidden.statusCode, hidden.json().error.code], [403, 'person_opted_out'], hidden.body);
      assert.doesNotMatch(hidden.body, /cautious_mover|lurking/);
    }
    const own = await look(await sessionHeaders(t, person));
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(own.json().persona, 'cautious_mover');
  });
}

test('the self-assessment: answers recompute my persona at once; withdrawing them returns to behaviour alone', async () => {
  const me = await buildPerson(t, { createdAt: daysAgo(3) });
  const headers = await sessionHeaders(t, me);
  const read = await t.app.inject({ method: 'GET', url: `/api/v1/people/${me.id}/persona`, headers });
  assert.equal(read.json().persona, 'unknown', 'new, with too little data');

  const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/me/persona/assessment', headers, payload: { linkedinUse: 6, postingComfort: 1, pride: 1, careerOpenness: 1 } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'validation_failed');
  const incomplete = await t.app.inject({ method: 'PUT', url: '/api/v1/me/persona/assessment', headers, payload: { linkedinUse: 5 } });
  assert.equal(incomplete.statusCode, 400);

  const put = await t.app.inject({ method: 'PUT', url: '/api/v1/me/persona/assessment', headers, payload: { linkedinUse: 5, postingComfort: 5, pride: 2, careerOpenness: 5 } });
  assert.equal(put.statusCode, 200, put.body);
  assert.equal(put.json().persona, 'job_hopper');
  assert.deepEqual(put.json().assessment.answers, { linkedinUse: 5, postingComfort: 5, pride: 2, careerOpenness: 5 });
  assert.ok(put.json().reasons.some((r: { signal: string }) => r.signal === 'says_open_to_moves'));

  // A correction applies at once, even when the new type wins narrowly.
  const corrected = await t.app.inject({ method: 'PUT', url: '/api/v1/me/persona/assessment', headers, payload: { linkedinUse: 4, postingComfort: 1, pride: 3, careerOpenness: 2 } });
  assert.equal(corrected.json().persona, 'cautious_mover');

  const removed = await t.app.inject({ method: 'DELETE', url: '/api/v1/me/persona/assessment', headers });
  assert.equal(removed.statusCode, 200);
  assert.equal(removed.json().persona, 'unknown');
  assert.equal(removed.json().assessment.answers, null);
  assert.equal((await t.ctx.database.db.select().from(personaAssessments).where(eq(personaAssessments.personId, me.id))).length, 0);
});

test('POST /personas/recompute (admin) runs the batch and is audited; the nightly job runs the same', async () => {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/personas/recompute', headers: adminToken });
  assert.equal(response.statusCode, 200, response.body);
  assert.ok(response.json().people > 0);
  const audit = await t.ctx.database.query<{ action: string }>("select action from audit_log where action = 'personas.recompute'");
  assert.equal(audit.length, 1);
  const person = await veteran({ startDate: yearsAgo(5) });
  await visits(person.id, 30, { feedVisits: 2, storyReads: 1 });
  await t.jobs.send('personas.classify', {});
  await t.jobs.drain();
  assert.equal(await personaOf(t.ctx.database.db, person.id), 'cautious_mover');
});

async function department(name: string, size: number) {
  const [group] = await t.ctx.database.db.insert(groups).values({ kind: 'department', name }).returning();
  if (!group) throw new Error('no group');
  const members = [];
  for (let i = 0; i < size; i++) {
    const person = await buildPerson(t);
    await t.ctx.database.db.insert(groupMemberships).values({ groupId: group.id, personId: person.id });
    members.push(person);
  }
  return { group, members };
}

test('the persona flow report: transitions and weekly distribution, per department, never a cell or group below 5', async () => {
  const { group, members } = await department('Flow department', 12);
  const early = '2026-10-05';
  const late = '2026-11-16';
  // 10 cautious movers, 2 job hoppers in early October; by mid-November 7 of the movers became loyal fans.
  for (const [i, person] of members.entries()) {
    const start = i < 10 ? 'cautious_mover' : 'job_hopper';
    const end = i < 7 ? 'loyal_fan' : start;
    await t.ctx.database.db.insert(personaHistory).values([
      { personId: person.id, week: early, persona: start },
      { personId: person.id, week: late, persona: end },
    ]);
  }
  const staff = await buildPerson(t, { roles: ['editor'] });
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/personas/flow?from=2026-10-01&to=2026-11-27&department=${group.id}`, headers: await sessionHeaders(t, staff) });
  assert.equal(response.statusCode, 200, response.body);
  const flow = response.json();
  assert.equal(flow.groupTooSmall, false);
  assert.deepEqual(flow.department, { id: group.id, name: 'Flow department' });
  const cell = (from: string, to: string) => flow.transitions.find((c: { from: string; to: string }) => c.from === from && c.to === to)?.count;
  assert.equal(cell('cautious_mover', 'loyal_fan'), 7, 'seven moved from cautious mover to loyal fan');
  assert.equal(cell('cautious_mover', 'cautious_mover'), null, 'three stayed: below 5, hidden');
  assert.equal(cell('job_hopper', 'job_hopper'), null, 'two job hoppers: hidden');
  assert.equal(flow.suppressed, true);
  const weeks = Object.fromEntries(flow.weeks.map((w: { week: string; counts: Record<string, number | null> }) => [w.week, w.counts]));
  assert.equal(weeks[early].cautious_mover, 10);
  assert.equal(weeks[early].job_hopper, null, 'two: hidden');
  assert.equal(weeks[late].loyal_fan, 7);
  assert.equal(weeks[late].cautious_mover, null);
  // No count anywhere in the answer concerns fewer than 5 people.
  const counts = [...flow.weeks.flatMap((w: { counts: Record<string, number | null> }) => Object.values(w.counts)), ...flow.transitions.map((c: { count: number | null }) => c.count)];
  assert.ok(counts.every((n) => n === null || n >= 5), JSON.stringify(counts));

  // A department of 4: nothing at all.
  const small = await department('Small department', 4);
  for (const person of small.members) await t.ctx.database.db.insert(personaHistory).values({ personId: person.id, week: late, persona: 'loyal_fan' });
  const tiny = await t.app.inject({ method: 'GET', url: `/api/v1/personas/flow?department=${small.group.id}`, headers: adminToken });
  assert.equal(tiny.statusCode, 200);
  assert.equal(tiny.json().groupTooSmall, true);
  assert.deepEqual(tiny.json().weeks, []);
  assert.deepEqual(tiny.json().transitions, []);
  assert.doesNotMatch(tiny.body, /loyal_fan/);

  const ambassador = await buildPerson(t);
  const denied = await t.app.inject({ method: 'GET', url: '/api/v1/personas/flow', headers: await sessionHeaders(t, ambassador) });
  assert.equal(denied.statusCode, 403);
  const backwards = await t.app.inject({ method: 'GET', url: '/api/v1/personas/flow?from=2026-11-01&to=2026-10-01', headers: adminToken });
  assert.equal(backwards.statusCode, 400);
  assert.equal(backwards.json().error.code, 'invalid_period');
  const location = await t.ctx.database.db.insert(groups).values({ kind: 'location', name: 'Not a department' }).returning();
  const notDepartment = await t.app.inject({ method: 'GET', url: `/api/v1/personas/flow?department=${location[0]?.id}`, headers: adminToken });
  assert.equal(notDepartment.statusCode, 404);
});

test('complementary suppression: a single hidden cell in a row hides the smallest shown one too', async () => {
  const { suppressRow } = await import('./flow.ts');
  const row = suppressRow({ anchored: 20, loyal_fan: 6, cautious_mover: 3, job_hopper: 9, unknown: 0 });
  assert.equal(row.cells.cautious_mover, null);
  assert.equal(row.cells.unknown, null);
  assert.equal(row.cells.loyal_fan, 6, 'two cells hidden already');
  const single = suppressRow({ anchored: 20, loyal_fan: 6, cautious_mover: 3, job_hopper: 9, unknown: 7 });
  assert.equal(single.cells.cautious_mover, null);
  assert.equal(single.cells.loyal_fan, null, 'the smallest shown cell goes too');
  assert.equal(single.cells.anchored, 20);
});

test('feed visits and story reads are recorded per day, at most once per 30 minutes, and only for people in a session', async () => {
  const person = await buildPerson(t);
  const headers = await sessionHeaders(t, person);
  const story = await insertStory(t);
  for (let i = 0; i < 3; i++) assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/feed', headers })).statusCode, 200);
  for (let i = 0; i < 2; i++) assert.equal((await t.app.inject({ method: 'GET', url: `/stories/${story.slug}`, headers: { cookie: headers.cookie as string } })).statusCode, 200);
  // Anonymous readers of the public page and token callers of the feed leave nothing.
  await t.app.inject({ method: 'GET', url: `/stories/${story.slug}` });
  await t.app.inject({ method: 'GET', url: '/api/v1/feed', headers: await tokenHeaders(t, 'ambassador', person.id) });
  await flushActivity(t.ctx);
  const read = async () => t.ctx.database.db.select().from(activityDaily).where(eq(activityDaily.personId, person.id));
  assert.deepEqual((await read()).map((r) => [r.day, r.feedVisits, r.storyReads]), [[dayString(0), 1, 1]]);
  t.clock.advance(31 * 60_000);
  await t.app.inject({ method: 'GET', url: '/api/v1/feed', headers });
  await flushActivity(t.ctx);
  assert.deepEqual((await read()).map((r) => [r.feedVisits, r.storyReads]), [[2, 1]]);
});

test('a share carries the sharer’s persona at the time of sharing', async () => {
  const person = await buildPerson(t);
  await t.ctx.database.db.insert(personPersonas).values({ personId: person.id, persona: 'loyal_fan', since: daysAgo(10), computedAt: daysAgo(1) });
  const story = await insertStory(t);
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/shares', headers: await sessionHeaders(t, person), payload: { storyId: story.id, network: 'linkedin', audience: 'candidates', text: 'Mooi verhaal van mijn collega, lees het zelf.' } });
  assert.equal(response.statusCode, 201, response.body);
  const [row] = await t.ctx.database.db.select({ personaKey: shares.personaKey }).from(shares).where(eq(shares.id, response.json().id));
  assert.equal(row?.personaKey, 'loyal_fan');
  const unknown = await buildPerson(t);
  const second = await t.app.inject({ method: 'POST', url: '/api/v1/shares', headers: await sessionHeaders(t, unknown), payload: { storyId: story.id, network: 'linkedin', audience: 'candidates', text: 'Echt de moeite waard om te lezen.' } });
  const [other] = await t.ctx.database.db.select({ personaKey: shares.personaKey }).from(shares).where(eq(shares.id, second.json().id));
  assert.equal(other?.personaKey, 'unknown');
});

test('the feed adapts: a cautious mover sees stories with a ready text first and a hint; others see the usual order and no hint', async () => {
  const withText = await insertStory(t, {
    title: 'Met kant-en-klare tekst',
    publishedAt: daysAgo(6),
    variants: [{ audience: 'candidates', headline: 'Klaar om te delen', suggestions: [{ network: 'linkedin', text: 'Een klaar tekstje om te delen.' }] }],
  });
  const newest = await insertStory(t, { title: 'Nieuwste zonder tekst', publishedAt: daysAgo(0.1) });
  const spotlight = await insertStory(t, { title: 'Vacature in de spotlight', format: 'vacancy_spotlight', publishedAt: daysAgo(6) });
  t.clock.advance(11_000);
  const cautious = await buildPerson(t);
  await t.ctx.database.db.insert(personPersonas).values({ personId: cautious.id, persona: 'cautious_mover', since: daysAgo(10), computedAt: daysAgo(1) });
  const fan = await buildPerson(t);
  await t.ctx.database.db.insert(personPersonas).values({ personId: fan.id, persona: 'loyal_fan', since: daysAgo(10), computedAt: daysAgo(1) });
  const hopper = await buildPerson(t);
  await t.ctx.database.db.insert(personPersonas).values({ personId: hopper.id, persona: 'job_hopper', since: daysAgo(10), computedAt: daysAgo(1) });
  const feedOf = async (person: { id: string }) => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/feed?limit=100', headers: await sessionHeaders(t, person) });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { items: { story: { id: string } }[]; persona?: { persona: string; composer: string; invitations: { key: string }[] } };
  };
  const order = (body: { items: { story: { id: string } }[] }) => body.items.map((item) => item.story.id);
  const mine = await feedOf(cautious);
  assert.equal(mine.persona?.persona, 'cautious_mover');
  assert.equal(mine.persona?.composer, 'start_with_suggestion');
  assert.ok(order(mine).indexOf(withText.id) < order(mine).indexOf(newest.id), 'the story with a ready text comes before the newer one without');
  const usual = await feedOf(fan);
  assert.equal(usual.persona, undefined, 'no hint, the response as before');
  assert.ok(order(usual).indexOf(newest.id) < order(usual).indexOf(withText.id), 'newest first as usual');
  const hops = await feedOf(hopper);
  assert.equal(hops.persona?.persona, 'job_hopper');
  assert.deepEqual(hops.persona?.invitations.map((i) => i.key), ['refer_vacancy', 'write_story']);
  assert.ok(order(hops).indexOf(spotlight.id) < order(hops).indexOf(newest.id), 'a vacancy spotlight first for a job hopper');
  // A new self-assessment changes the feed at once (the feed's reader cache is dropped).
  await t.app.inject({ method: 'PUT', url: '/api/v1/me/persona/assessment', headers: await sessionHeaders(t, fan), payload: { linkedinUse: 4, postingComfort: 1, pride: 2, careerOpenness: 2 } });
  assert.equal((await feedOf(fan)).persona?.persona, 'cautious_mover');
});

test('privacy: export holds the persona, history, answers and activity; erasure removes them', async () => {
  const person = await veteran({ startDate: yearsAgo(5) });
  await visits(person.id, 30, { feedVisits: 2, storyReads: 1 });
  await t.ctx.database.db.insert(personaAssessments).values({ personId: person.id, answers: { linkedinUse: 3, postingComfort: 2, pride: 4, careerOpenness: 1 }, answeredAt: daysAgo(1) });
  await classifyPeople(t.ctx, [person.id]);
  const exported = (await exportPerson(t.ctx, person.id)) as Record<string, unknown>;
  const persona = exported['personas.persona'] as { current: { persona: string }; history: unknown[]; assessment: { answers: unknown } };
  assert.ok(persona.current.persona);
  assert.equal(persona.history.length, 1);
  assert.deepEqual(persona.assessment.answers, { linkedinUse: 3, postingComfort: 2, pride: 4, careerOpenness: 1 });
  assert.equal((exported['personas.activity'] as unknown[]).length, 30);
  const admin = await buildPerson(t, { roles: ['admin'] });
  await erasePerson(t.ctx, { kind: 'session', personId: admin.id, roles: ['admin'], sessionId: uuidv7(), tokenHash: 'x', language: 'en' }, person.id);
  for (const table of [personPersonas, personaHistory, personaAssessments, activityDaily]) {
    assert.equal((await t.ctx.database.db.select().from(table).where(eq(table.personId, person.id))).length, 0);
  }
});

test('the OpenAPI document describes the persona routes and the feed’s optional persona hint', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(response.statusCode, 200);
  const doc = response.json();
  for (const path of ['/api/v1/people/{id}/persona', '/api/v1/me/persona/assessment', '/api/v1/personas/recompute', '/api/v1/personas/flow']) assert.ok(doc.paths[path], path);
  assert.match(JSON.stringify(doc.paths['/api/v1/feed']), /persona/);
});
