import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { type AmbassadorStatus, groupMemberships, groups } from '../db/schema/index.ts';
import { defaultTemplates } from '../nudges/defaults.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { buildClicks, buildShare } from '../../test/support/tracking.ts';
import { refuseLeaderboardForAnchored } from './nudge-guard.ts';

let t: TestApp;
let storyId: string;
let admin: Record<string, string>;
let editor: Record<string, string>;
const DAY = 86_400_000;
const team = { small: '', large: '', quiet: '', care: '' };
const members: Record<string, { id: string; name: string }[]> = {};
const cast: Record<string, { id: string; name: string }> = {};

async function group(kind: 'team' | 'department', name: string): Promise<string> {
  const id = uuidv7();
  const now = t.clock.now();
  await t.ctx.database.db.insert(groups).values({ id, kind, name, createdAt: now, updatedAt: now });
  return id;
}

/** A member of the given groups who shares `shares` times in the last days; opted in or not. */
async function member(groupIds: string[], options: { optIn: boolean; shares: number; status?: AmbassadorStatus; name?: string }) {
  const person = await buildPerson(t, { ambassadorStatus: options.status ?? 'active', preferences: options.optIn ? { leaderboardOptIn: true } : {}, ...(options.name ? { name: options.name } : {}) });
  for (const groupId of groupIds) await t.ctx.database.db.insert(groupMemberships).values({ groupId, personId: person.id });
  for (let i = 0; i < options.shares; i++) {
    const share = await buildShare(t, storyId, { personId: person.id, at: new Date(t.clock.now().getTime() - (i + 1) * DAY) });
    if (i === 0) await buildClicks(t, share, [{ visitor: `v-${person.id}` }, { kind: 'bot' }]);
  }
  return { id: person.id, name: person.name };
}

const board = (headers: Record<string, string>, query = '?by=team') => t.app.inject({ method: 'GET', url: `/api/v1/analytics/leaderboard${query}`, headers });
type Row = { group: { id: string; name: string }; rank: number; members: number; participants: number; shares: number; humanClicks: number; sharesPerMember: number; clicksPerMember: number; people: { id: string; name: string }[] };

before(async () => {
  t = await createTestApp();
  admin = await tokenHeaders(t, 'admin');
  editor = await sessionHeaders(t, await buildPerson(t, { roles: ['editor', 'ambassador'] }));
  storyId = (await insertStory(t, { title: 'Leaderboard story', publishedAt: new Date(t.clock.now().getTime() - 60 * DAY) })).id;
  team.small = await group('team', 'Small team');
  team.large = await group('team', 'Large team');
  team.quiet = await group('team', 'Quiet team');
  team.care = await group('department', 'Care');
  // A team of 5, everyone opted in, 2 shares each: 10 shares, 2 per member.
  members.small = [];
  for (let i = 0; i < 5; i++) members.small.push(await member([team.small, team.care], { optIn: true, shares: 2 }));
  // A team of 50: 30 opted in with 2 shares each (60), 20 not opted in with 3 each (never counted): 60 / 50 = 1.2.
  members.large = [];
  for (let i = 0; i < 30; i++) members.large.push(await member([team.large], { optIn: true, shares: 2 }));
  members.largeQuiet = [];
  for (let i = 0; i < 20; i++) members.largeQuiet.push(await member([team.large], { optIn: false, shares: 3 }));
  // Opted in once, but paused, opted out or gone since: never counted, never named.
  cast.paused = await member([team.large, team.care], { optIn: true, shares: 5, status: 'paused', name: 'Paused Person' });
  cast.optedOut = await member([team.large], { optIn: true, shares: 5, status: 'opted_out', name: 'Opted Out Person' });
  cast.alumnus = await member([team.large], { optIn: true, shares: 5, status: 'alumni', name: 'Former Colleague' });
  // Nobody in this team opted in: it is left out rather than shown last.
  for (let i = 0; i < 3; i++) await member([team.quiet], { optIn: false, shares: 1 });
});
after(() => t?.close());

test('leaderboards are off by default for the organisation: a clear 409 until an admin switches them on', async () => {
  const ambassador = await sessionHeaders(t, members.small?.[0] as { id: string });
  for (const headers of [editor, ambassador, admin]) {
    const off = await board(headers);
    assert.equal(off.statusCode, 409, off.body);
    assert.equal(off.json().error.code, 'leaderboards_off');
    assert.match(off.json().error.message, /switched off/);
  }
  assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/v1/settings/leaderboards', headers: admin })).json(), { enabled: false });
  const on = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/leaderboards', headers: admin, payload: { enabled: true } });
  assert.equal(on.statusCode, 200);
  assert.deepEqual(on.json(), { enabled: true });
  const forbidden = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/leaderboards', headers: editor, payload: { enabled: false } });
  assert.equal(forbidden.statusCode, 403);
});

test('per capita: a team of 5 with 10 shares ranks above a team of 50 with 60; only opted-in people count and appear', async () => {
  const ambassador = await sessionHeaders(t, members.small?.[0] as { id: string });
  const response = await board(ambassador);
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json() as { rows: Row[]; me: { optedIn: boolean }; period: { from: string; to: string } };
  assert.deepEqual(body.me, { optedIn: true });
  assert.deepEqual(body.period, { from: '2026-10-31', to: '2026-11-27' });
  assert.deepEqual(
    body.rows.map((r) => [r.rank, r.group.name, r.members, r.participants, r.shares, r.sharesPerMember]),
    [
      [1, 'Small team', 5, 5, 10, 2],
      [2, 'Large team', 50, 30, 60, 1.2],
    ],
  );
  const [small, large] = body.rows as [Row, Row];
  // One human click per opted-in member (bots are left out), per capita as well.
  assert.deepEqual([small.humanClicks, small.clicksPerMember, large.humanClicks, large.clicksPerMember], [5, 1, 30, 0.6]);
  assert.deepEqual(new Set(large.people.map((p) => p.id)), new Set(members.large?.map((p) => p.id)));
  const named = body.rows.flatMap((r) => r.people.map((p) => p.id));
  for (const outsider of [cast.paused, cast.optedOut, cast.alumnus, ...(members.largeQuiet ?? [])]) assert.ok(!named.includes(outsider?.id as string), String(outsider?.name));
  assert.ok(!body.rows.some((r) => r.group.id === team.quiet), 'a group nobody opted into is left out');

  const csv = await board(ambassador, '?by=team&format=csv');
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  assert.equal(csv.body, '\uFEFFrank,team,members,participants,shares,human_clicks,shares_per_member,clicks_per_member\r\n1,Small team,5,5,10,5,2,1\r\n2,Large team,50,30,60,30,1.2,0.6\r\n');

  const departments = await board(editor, '?by=department');
  assert.deepEqual(
    departments.json().rows.map((r: Row) => [r.group.name, r.members, r.participants, r.shares]),
    [['Care', 5, 5, 10]],
    'the paused member of Care is neither a member nor counted',
  );
});

test('opting in and out on my profile puts me on the leaderboard and takes me off again', async () => {
  const me = members.largeQuiet?.[0] as { id: string };
  const headers = await sessionHeaders(t, me);
  const before = (await board(headers)).json();
  assert.deepEqual(before.me, { optedIn: false });
  const optIn = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: { leaderboardOptIn: true } });
  assert.equal(optIn.statusCode, 200, optIn.body);
  assert.equal(optIn.json().leaderboardOptIn, true);
  const joined = (await board(headers)).json();
  const large = joined.rows.find((r: Row) => r.group.id === team.large) as Row;
  assert.deepEqual([large.participants, large.shares, large.sharesPerMember], [31, 63, 1.26]);
  assert.ok(large.people.some((p) => p.id === me.id));
  assert.deepEqual(joined.me, { optedIn: true });
  const optOut = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: { leaderboardOptIn: false } });
  assert.equal(optOut.json().leaderboardOptIn, false);
  const left = (await board(headers)).json().rows.find((r: Row) => r.group.id === team.large) as Row;
  assert.deepEqual([left.participants, left.shares], [30, 60]);
  // Other preferences stay as they were.
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers })).json().tellMyStory, false);
});

test('never shown to paused or opted-out colleagues', async () => {
  for (const person of [cast.paused, cast.optedOut]) {
    const response = await board(await sessionHeaders(t, person as { id: string }));
    assert.equal(response.statusCode, 403, String(person?.name));
    assert.equal(response.json().error.code, 'leaderboard_not_for_you');
  }
});

test('a BI token with the analytics scope reads the leaderboard; a period with to before from is a 400', async () => {
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin, payload: { name: 'BI', role: 'ambassador', scopes: ['analytics'] } });
  assert.equal(created.statusCode, 201, created.body);
  const bi = { authorization: `Bearer ${created.json().token}` };
  const response = await board(bi);
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.json().me, null);
  const plain = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin, payload: { name: 'No scope', role: 'ambassador' } });
  assert.equal((await board({ authorization: `Bearer ${plain.json().token}` })).statusCode, 403);
  const bad = await board(editor, '?by=team&from=2026-11-20&to=2026-11-01');
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'period_invalid');
  const outside = await board(editor, '?by=team&from=2026-01-01&to=2026-01-31');
  assert.deepEqual(outside.json().rows.map((r: Row) => [r.group.name, r.shares]), [
    ['Large team', 0],
    ['Small team', 0],
  ]);
});

test('anchored colleagues are never nudged with a leaderboard: such a template is refused, the defaults have none', async () => {
  const texts = (subject: string) => ({ en: { subject, body: 'Hello {firstName}', action: 'Open' }, nl: { subject, body: 'Hallo {firstName}', action: 'Open' } });
  const refused = await t.app.inject({
    method: 'POST',
    url: '/api/v1/nudges/templates',
    headers: editor,
    payload: { key: 'custom.anchored-board', trigger: 'inactive', personas: ['anchored', 'loyal_fan'], channel: 'email', texts: texts('Your team on the leaderboard') },
  });
  assert.equal(refused.statusCode, 400, refused.body);
  assert.equal(refused.json().error.code, 'nudge_leaderboard_for_anchored');
  const fan = await t.app.inject({
    method: 'POST',
    url: '/api/v1/nudges/templates',
    headers: editor,
    payload: { key: 'custom.fan-board', trigger: 'inactive', personas: ['loyal_fan'], channel: 'email', texts: texts('Your team on the leaderboard') },
  });
  assert.equal(fan.statusCode, 201, fan.body);
  const widened = await t.app.inject({ method: 'PATCH', url: `/api/v1/nudges/templates/${fan.json().id}`, headers: editor, payload: { personas: ['loyal_fan', 'anchored'] } });
  assert.equal(widened.statusCode, 400);
  assert.equal(widened.json().error.code, 'nudge_leaderboard_for_anchored');
  assert.throws(() => refuseLeaderboardForAnchored(['anchored'], { nl: { subject: 'Bekijk de ranglijst' } }));
  for (const template of defaultTemplates) assert.doesNotThrow(() => refuseLeaderboardForAnchored(template.personas, template.texts), template.key);
});

test('the leaderboard, its switch and scheduled reports are in the OpenAPI document', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  assert.match(doc.paths['/api/v1/analytics/leaderboard']?.get?.summary, /per active ambassador/);
  assert.ok(doc.paths['/api/v1/settings/leaderboards']?.put);
  for (const method of ['get', 'post']) assert.ok(doc.paths['/api/v1/analytics/reports']?.[method], method);
  for (const method of ['get', 'patch', 'delete']) assert.ok(doc.paths['/api/v1/analytics/reports/{id}']?.[method], method);
  assert.ok(doc.components.schemas.Leaderboard);
  assert.ok(doc.components.schemas.ScheduledReport);
  assert.ok(doc.components.schemas.Person.properties.leaderboardOptIn);
});
