import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson } from '../../test/support/factories.ts';
import { buildClicks, buildShare } from '../../test/support/tracking.ts';
import { conversions, conversionTouchpoints, groupMemberships, groups, nudges, nudgeTemplates, personPersonas, vacancies } from '../db/schema/index.ts';
import { shareDimensionsOf } from '../links/store.ts';
import { buildStory, buildTheme, buildVacancy } from '../public/test-fixtures.ts';
import { putSetting } from '../settings/service.ts';
import { installDefaultTemplates } from './defaults.ts';
import { defaultGuardrails, isHeldOut } from './guardrails.ts';
import { planNudges } from './planner.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t?.close());

const DAY = 86_400_000;

/** Only these default templates are on, without holdout unless asked: each test looks at one trigger. */
async function onlyTemplates(keys: string[], holdoutPercent = 0) {
  const db = t.ctx.database.db;
  await installDefaultTemplates(db, t.clock.now());
  await db.update(nudgeTemplates).set({ enabled: false });
  await db.update(nudgeTemplates).set({ enabled: true, holdoutPercent }).where(inArray(nudgeTemplates.key, keys));
}

async function nudgesOf(personId: string) {
  return t.ctx.database.db
    .select({ key: nudgeTemplates.key, status: nudges.status, channel: nudges.channel, scheduledFor: nudges.scheduledFor, variables: nudges.variables, reason: nudges.reason, persona: nudges.persona })
    .from(nudges)
    .innerJoin(nudgeTemplates, eq(nudgeTemplates.id, nudges.templateId))
    .where(eq(nudges.personId, personId))
    .orderBy(nudges.createdAt);
}

beforeEach(async () => {
  await putSetting(t.ctx.database.db, 'nudges.guardrails', defaultGuardrails, t.clock.now());
});

test('onboarding: a colleague who became active today gets the welcome, once, and a delivery job', async () => {
  await onlyTemplates(['onboarding.welcome']);
  // The test clock starts on Friday 2026-11-27 09:00 UTC (10:00 in Amsterdam): an allowed moment.
  const newcomer = await buildPerson(t, { statusChangedAt: t.clock.now() });
  const before = t.jobs.sent.length;
  await planNudges(t.ctx);
  const decided = await nudgesOf(newcomer.id);
  assert.equal(decided.length, 1);
  assert.equal(decided[0]?.status, 'scheduled');
  assert.equal(decided[0]?.channel, 'email');
  assert.equal(decided[0]?.scheduledFor.toISOString(), t.clock.now().toISOString());
  assert.equal(decided[0]?.variables.path, '/feed');
  assert.ok(t.jobs.sent.slice(before).some((job) => job.name === 'nudges.deliver'));
  await planNudges(t.ctx);
  assert.equal((await nudgesOf(newcomer.id)).length, 1, 'a second run decides nothing twice');
  t.jobs.sent.length = 0;
});

test('nothing for paused, opted-out, invited, deactivated or erased people; alumni get only the alumni invitation', async () => {
  await onlyTemplates(['onboarding.welcome', 'leaving.alumni']);
  const now = t.clock.now();
  const paused = await buildPerson(t, { ambassadorStatus: 'paused', statusChangedAt: now });
  const optedOut = await buildPerson(t, { ambassadorStatus: 'opted_out', statusChangedAt: now });
  const invited = await buildPerson(t, { ambassadorStatus: 'invited', statusChangedAt: now });
  const deactivated = await buildPerson(t, { active: false, statusChangedAt: now });
  const erased = await buildPerson(t, { erasedAt: now, statusChangedAt: now });
  const leaver = await buildPerson(t, { ambassadorStatus: 'alumni', statusChangedAt: now, leftAt: new Date(now.getTime() - DAY), personalEmail: 'leaver.at.home@example.org' });
  // No personal address left behind: the invitation must not go to the old work mailbox (whoever reads it could join in their name).
  const leaverWithoutAddress = await buildPerson(t, { ambassadorStatus: 'alumni', statusChangedAt: now, leftAt: new Date(now.getTime() - DAY) });
  const joinedAlready = await buildPerson(t, { ambassadorStatus: 'alumni', statusChangedAt: now, leftAt: new Date(now.getTime() - DAY), alumniJoinedAt: now });
  await planNudges(t.ctx);
  for (const person of [paused, optedOut, invited, deactivated, erased, joinedAlready]) assert.deepEqual(await nudgesOf(person.id), [], person.name);
  const alumni = await nudgesOf(leaver.id);
  assert.deepEqual(
    alumni.map((n) => [n.key, n.status, n.variables.path]),
    [['leaving.alumni', 'scheduled', '/alumni/join']],
  );
  assert.deepEqual(
    (await nudgesOf(leaverWithoutAddress.id)).map((n) => [n.key, n.status, n.reason]),
    [['leaving.alumni', 'suppressed', 'no_allowed_channel']],
  );
  t.jobs.sent.length = 0;
});

test('quiet hours and weekends in the person’s time zone: the nudge is scheduled for their next allowed moment', async () => {
  await onlyTemplates(['onboarding.welcome']);
  const now = t.clock.now(); // Friday 09:00 UTC
  const losAngeles = await buildPerson(t, { timeZone: 'America/Los_Angeles', statusChangedAt: now }); // 01:00 there
  const tokyo = await buildPerson(t, { timeZone: 'Asia/Tokyo', statusChangedAt: now }); // 18:00 Friday there
  const ownQuiet = await buildPerson(t, { timeZone: 'Asia/Tokyo', statusChangedAt: now, preferences: { quietHours: { start: '17:00', end: '09:30' } } });
  await planNudges(t.ctx);
  assert.equal((await nudgesOf(losAngeles.id))[0]?.scheduledFor.toISOString(), '2026-11-27T16:00:00.000Z', '08:00 in Los Angeles');
  assert.equal((await nudgesOf(losAngeles.id))[0]?.reason, 'waited_for_allowed_time');
  assert.equal((await nudgesOf(tokyo.id))[0]?.scheduledFor.toISOString(), now.toISOString());
  // Their own quiet hours start at 17:00; Saturday and Sunday are off: Monday 09:30 in Tokyo.
  assert.equal((await nudgesOf(ownQuiet.id))[0]?.scheduledFor.toISOString(), '2026-11-30T00:30:00.000Z');
  await putSetting(t.ctx.database.db, 'nudges.guardrails', { ...defaultGuardrails, weekends: true }, now);
  const weekendOk = await buildPerson(t, { timeZone: 'Asia/Tokyo', statusChangedAt: now, preferences: { quietHours: { start: '17:00', end: '09:30' } } });
  await planNudges(t.ctx);
  assert.equal((await nudgesOf(weekendOk.id))[0]?.scheduledFor.toISOString(), '2026-11-28T00:30:00.000Z', 'Saturday 09:30 in Tokyo');
  t.jobs.sent.length = 0;
});

test('the weekly cap: one nudge a week, the most important trigger first; the rest waits for next week', async () => {
  await onlyTemplates(['onboarding.welcome', 'new_story.loyal_fan']);
  const theme = await buildTheme(t, `cap-${Date.now()}`, 'Thema', 'Theme');
  const person = await buildPerson(t, { statusChangedAt: t.clock.now(), language: 'en' });
  // They shared a story with the theme last month, so a new story with it is "theirs".
  const older = await buildStory(t, { themeIds: [theme.id], publishedAt: new Date(t.clock.now().getTime() - 40 * DAY) });
  await buildShare(t, older.id, { personId: person.id, at: new Date(t.clock.now().getTime() - 30 * DAY) });
  const fresh = await buildStory(t, { themeIds: [theme.id], publishedAt: new Date(t.clock.now().getTime() - 3_600_000), title: 'Fresh on your theme' });
  const result = await planNudges(t.ctx);
  assert.ok(result.overCap >= 1);
  assert.deepEqual((await nudgesOf(person.id)).map((n) => n.key), ['onboarding.welcome'], 'onboarding wins the week');
  // A day later: still capped.
  t.clock.advance(DAY);
  await planNudges(t.ctx);
  assert.equal((await nudgesOf(person.id)).length, 1);
  // A week later the story is past its 48 hours: it is not sent late.
  t.clock.advance(6 * DAY + 60_000);
  await planNudges(t.ctx);
  assert.deepEqual((await nudgesOf(person.id)).map((n) => n.key), ['onboarding.welcome']);
  // A newer story on the theme is, now that the week has passed.
  const newer = await buildStory(t, { themeIds: [theme.id], publishedAt: new Date(t.clock.now().getTime() - 600_000), title: 'Newer on your theme' });
  await planNudges(t.ctx);
  const after = await nudgesOf(person.id);
  assert.deepEqual(after.map((n) => n.key), ['onboarding.welcome', 'new_story.loyal_fan']);
  assert.equal(after[1]?.variables.storyTitle, 'Newer on your theme');
  assert.equal(after[1]?.variables.path, `/feed?story=${newer.id}`);
  assert.ok(fresh.id);
  t.clock.advance(-7 * DAY - 60_000);
  t.jobs.sent.length = 0;
});

test('under the default cap of one a week, the whole onboarding sequence still arrives: a step waits for the cap instead of vanishing', async () => {
  await onlyTemplates(['onboarding.welcome', 'onboarding.first_share', 'onboarding.profile']);
  const start = t.clock.now().getTime();
  const person = await buildPerson(t, { statusChangedAt: t.clock.now() });
  // The planner runs every 15 minutes; twice a day is enough to see what it decides.
  for (let step = 0; step <= 42; step++) {
    await planNudges(t.ctx);
    t.clock.advance(DAY / 2);
  }
  const decided = await nudgesOf(person.id);
  assert.deepEqual(decided.map((n) => n.key).sort(), ['onboarding.first_share', 'onboarding.profile', 'onboarding.welcome']);
  const createdDays = (
    await t.ctx.database.db.select({ at: nudges.createdAt }).from(nudges).where(eq(nudges.personId, person.id)).orderBy(nudges.createdAt)
  ).map((row) => (row.at.getTime() - start) / DAY);
  for (let i = 1; i < createdDays.length; i++) assert.ok((createdDays[i] ?? 0) - (createdDays[i - 1] ?? 0) >= 7, `a week apart: ${createdDays.join(', ')}`);
  t.clock.advance(start - t.clock.now().getTime());
  t.jobs.sent.length = 0;
});

test('a raised cap lets two nudges through in one week', async () => {
  await onlyTemplates(['onboarding.welcome', 'onboarding.first_share']);
  await putSetting(t.ctx.database.db, 'nudges.guardrails', { ...defaultGuardrails, perWeek: 2 }, t.clock.now());
  // Became active 3 days ago: the welcome's week is still running and the first-share step is due.
  const person = await buildPerson(t, { statusChangedAt: new Date(t.clock.now().getTime() - 3 * DAY - 60_000) });
  await planNudges(t.ctx);
  assert.deepEqual((await nudgesOf(person.id)).map((n) => n.key).sort(), ['onboarding.first_share', 'onboarding.welcome']);
  t.jobs.sent.length = 0;
});

test('channels: the template’s when allowed; otherwise in-app; e-mail never after unsubscribing; nothing when no channel is allowed', async () => {
  await onlyTemplates(['onboarding.welcome']);
  const now = t.clock.now();
  const inAppOnly = await buildPerson(t, { statusChangedAt: now, notificationChannels: ['in_app'] });
  const unsubscribed = await buildPerson(t, { statusChangedAt: now, nudgeMailUnsubscribedAt: now });
  const nothing = await buildPerson(t, { statusChangedAt: now, notificationChannels: ['web_push'] });
  const slackOnly = await buildPerson(t, { statusChangedAt: now, notificationChannels: ['slack', 'email'] });
  await planNudges(t.ctx);
  assert.equal((await nudgesOf(inAppOnly.id))[0]?.channel, 'in_app');
  assert.equal((await nudgesOf(unsubscribed.id))[0]?.channel, 'in_app');
  assert.deepEqual((await nudgesOf(nothing.id)).map((n) => [n.status, n.reason]), [['suppressed', 'no_allowed_channel']]);
  assert.equal((await nudgesOf(slackOnly.id))[0]?.channel, 'email');
  t.jobs.sent.length = 0;
});

test('holdout: the drawn people are logged as holdout and get no delivery job; the rest are scheduled', async () => {
  await onlyTemplates(['onboarding.welcome'], 50);
  const now = t.clock.now();
  const group = await Promise.all(Array.from({ length: 40 }, () => buildPerson(t, { statusChangedAt: now })));
  const [template] = await t.ctx.database.db.select().from(nudgeTemplates).where(eq(nudgeTemplates.key, 'onboarding.welcome'));
  assert.ok(template);
  t.jobs.sent.length = 0;
  await planNudges(t.ctx);
  let held = 0;
  for (const person of group) {
    const [nudge] = await nudgesOf(person.id);
    const expected = isHeldOut(t.config.secretKey, template.id, person.id, 50);
    assert.equal(nudge?.status, expected ? 'holdout' : 'scheduled');
    if (expected) held++;
  }
  assert.ok(held > 5 && held < 35, `held out ${held} of 40`);
  assert.equal(t.jobs.sent.filter((job) => job.name === 'nudges.deliver').length, 40 - held);
  t.jobs.sent.length = 0;
});

test('personas: a template reaches only its personas; no persona row means "unknown"', async () => {
  await onlyTemplates(['inactive.anchored', 'inactive.job_hopper']);
  const longAgo = new Date(t.clock.now().getTime() - 60 * DAY);
  const anchored = await buildPerson(t, { statusChangedAt: longAgo, lastSeenAt: longAgo });
  const hopper = await buildPerson(t, { statusChangedAt: longAgo, lastSeenAt: longAgo });
  const unknown = await buildPerson(t, { statusChangedAt: longAgo, lastSeenAt: longAgo });
  const recentlySeen = await buildPerson(t, { statusChangedAt: longAgo, lastSeenAt: new Date(t.clock.now().getTime() - 2 * DAY) });
  const now = t.clock.now();
  for (const [person, persona] of [
    [anchored, 'anchored'],
    [hopper, 'job_hopper'],
    [recentlySeen, 'anchored'],
  ] as const) {
    await t.ctx.database.db.insert(personPersonas).values({ personId: person.id, persona, since: now, computedAt: now });
  }
  await planNudges(t.ctx);
  assert.deepEqual((await nudgesOf(anchored.id)).map((n) => [n.key, n.persona]), [['inactive.anchored', 'anchored']]);
  assert.deepEqual((await nudgesOf(hopper.id)).map((n) => [n.key, n.persona, n.variables.days]), [['inactive.job_hopper', 'job_hopper', 60]]);
  assert.deepEqual(await nudgesOf(unknown.id), []);
  assert.deepEqual(await nudgesOf(recentlySeen.id), []);
  t.jobs.sent.length = 0;
});

test('share triggers: enough human clicks, and an application after a share', async () => {
  await onlyTemplates(['share_clicks.visibility']);
  const sharer = await buildPerson(t, { language: 'en' });
  const story = await buildStory(t, { title: 'Clicked story' });
  const share = await buildShare(t, story.id, { personId: sharer.id, at: new Date(t.clock.now().getTime() - 2 * DAY) });
  await buildClicks(t, share, Array.from({ length: 9 }, (_, i) => ({ visitor: `v${i}` })));
  await planNudges(t.ctx);
  assert.deepEqual(await nudgesOf(sharer.id), [], 'nine clicks are not ten');
  await buildClicks(t, share, [{ visitor: 'v10' }, { kind: 'bot' }]);
  await planNudges(t.ctx);
  const [nudge] = await nudgesOf(sharer.id);
  assert.equal(nudge?.key, 'share_clicks.visibility');
  assert.equal(nudge?.variables.clicks, 10, 'human clicks only');
  assert.equal(nudge?.variables.storyTitle, 'Clicked story');

  await onlyTemplates(['share_application.thanks']);
  const [clickId] = await buildClicks(t, share, [{ visitor: 'candidate' }]);
  const dimensions = (await shareDimensionsOf(t.ctx.database.db, [share.shareId])).get(share.shareId);
  assert.ok(dimensions && clickId);
  const now = t.clock.now();
  const [conversion] = await t.ctx.database.db
    .insert(conversions)
    .values({ externalId: `app-${now.getTime()}`, type: 'application', source: 'api', occurredAt: now, receivedAt: now, reportedClickIds: [clickId], touchpointCount: 1 })
    .returning();
  assert.ok(conversion);
  await t.ctx.database.db
    .insert(conversionTouchpoints)
    .values({ conversionId: conversion.id, clickId, position: 1, occurredAt: now, ...dimensions, creditFirst: 1, creditLast: 1, creditLinear: 1 });
  await putSetting(t.ctx.database.db, 'nudges.guardrails', { ...defaultGuardrails, perWeek: 5 }, now);
  await planNudges(t.ctx);
  const thanks = (await nudgesOf(sharer.id)).find((n) => n.key === 'share_application.thanks');
  assert.deepEqual([thanks?.variables.applications, thanks?.variables.path], [1, '/me/shares']);
  t.jobs.sent.length = 0;
});

test('new story featuring your team: the anchored colleague hears only about that, not about themes', async () => {
  await onlyTemplates(['new_story.anchored']);
  const now = t.clock.now();
  const [team] = await t.ctx.database.db.insert(groups).values({ kind: 'team', name: `Team ${now.getTime()}`, createdAt: now, updatedAt: now }).returning();
  assert.ok(team);
  const anchored = await buildPerson(t, { language: 'en' });
  const teammate = await buildPerson(t);
  await t.ctx.database.db.insert(groupMemberships).values([
    { groupId: team.id, personId: anchored.id },
    { groupId: team.id, personId: teammate.id },
  ]);
  await t.ctx.database.db.insert(personPersonas).values({ personId: anchored.id, persona: 'anchored', since: now, computedAt: now });
  await buildStory(t, { title: 'Not about the team', publishedAt: new Date(now.getTime() - 3_600_000) });
  const story = await buildStory(t, { title: 'Our team', publishedAt: new Date(now.getTime() - 3_600_000), featured: [{ personId: teammate.id, quote: 'Hi', approval: 'approved' }] });
  await planNudges(t.ctx);
  const decided = await nudgesOf(anchored.id);
  assert.deepEqual(decided.map((n) => [n.key, n.variables.storyTitle, n.variables.path]), [['new_story.anchored', 'Our team', `/feed?story=${story.id}`]]);
  t.jobs.sent.length = 0;
});

test('a vacancy in your department that needs stories, and a new story on its theme, reach the department only', async () => {
  await onlyTemplates(['vacancy.loyal_fan', 'new_story.loyal_fan']);
  await putSetting(t.ctx.database.db, 'nudges.guardrails', { ...defaultGuardrails, perWeek: 5 }, t.clock.now());
  const db = t.ctx.database.db;
  const now = t.clock.now();
  const [department, quiet] = await db
    .insert(groups)
    .values([
      { kind: 'department', name: `Care ${now.getTime()}`, createdAt: now, updatedAt: now },
      { kind: 'department', name: `Finance ${now.getTime()}`, createdAt: now, updatedAt: now },
    ])
    .returning();
  assert.ok(department && quiet);
  const theme = await buildTheme(t, `care-${now.getTime()}`, 'Zorg', 'Care');
  const nurse = await buildPerson(t, { language: 'en' });
  const outsider = await buildPerson(t, { language: 'en' });
  const accountant = await buildPerson(t, { language: 'en' });
  await db.insert(groupMemberships).values([
    { groupId: department.id, personId: nurse.id },
    { groupId: quiet.id, personId: accountant.id },
  ]);
  for (const person of [nurse, outsider, accountant]) await db.insert(personPersonas).values({ personId: person.id, persona: 'loyal_fan', since: now, computedAt: now });
  // Critical, open a month: pressure 1 × 4 × 2 = 8 and no stories yet, so the need is 8.
  const urgent = await buildVacancy(t, { title: 'Night nurse', urgency: 'critical', themeIds: [theme.id] });
  await db.update(vacancies).set({ departmentId: department.id }).where(eq(vacancies.id, urgent.id));
  // Low urgency, opened today: pressure 0.5, below the template's minimum need of 1.
  const calm = await buildVacancy(t, { title: 'Bookkeeper', urgency: 'low', openedAt: now });
  await db.update(vacancies).set({ departmentId: quiet.id }).where(eq(vacancies.id, calm.id));
  const story = await buildStory(t, { title: 'A night on the ward', themeIds: [theme.id], publishedAt: new Date(now.getTime() - 3_600_000) });
  await planNudges(t.ctx);
  const decided = await nudgesOf(nurse.id);
  assert.deepEqual(
    decided.map((n) => [n.key, n.variables.vacancyTitle ?? n.variables.storyTitle, n.variables.path]).sort(),
    [
      ['new_story.loyal_fan', 'A night on the ward', `/feed?story=${story.id}`],
      ['vacancy.loyal_fan', 'Night nurse', '/jobs'],
    ],
  );
  assert.equal(decided.find((n) => n.key === 'vacancy.loyal_fan')?.variables.department, department.name);
  assert.deepEqual(await nudgesOf(outsider.id), []);
  assert.deepEqual(await nudgesOf(accountant.id), []);
  t.jobs.sent.length = 0;
});

test('two planner runs at the same moment (the schedule and an admin’s "plan now") keep to the weekly cap together', async () => {
  await onlyTemplates(['onboarding.welcome', 'onboarding.first_share', 'onboarding.profile']);
  // Joined ten days ago: every onboarding step is due at once, and the cap allows one of them this week.
  const newcomer = await buildPerson(t, { statusChangedAt: new Date(t.clock.now().getTime() - 10 * DAY) });
  await Promise.all([planNudges(t.ctx), planNudges(t.ctx)]);
  const decided = (await nudgesOf(newcomer.id)).filter((n) => n.status !== 'suppressed');
  assert.equal(decided.length, 1, JSON.stringify(decided));
  t.jobs.sent.length = 0;
});
