import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { linkedinConnections, linkedinPosts, links, notifications, shares, stories } from '../db/schema/index.ts';
import { uploadImage } from '../images/service.ts';
import { encryptSecret } from '../crypto/secrets.ts';
import { erasePerson, exportPerson } from '../privacy/service.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, lastMailTo, sessionHeaders } from '../../test/support/factories.ts';
import { type LinkedinStandIn, startLinkedinApi } from '../../test/support/linkedin-api.ts';
import { runReconnectNudges } from './connections.ts';
import { MAX_ATTEMPTS, sendPost, sweepDuePosts } from './posts.ts';

let t: TestApp;
let fake: LinkedinStandIn;
let dataDir: string;

const MIN = 60_000;
const DAY = 24 * 3_600_000;

before(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'podium-linkedin-'));
  let clock: TestApp['clock'] | null = null;
  fake = await startLinkedinApi({ redirectUris: ['http://podium.test/api/v1/me/linkedin/callback'], now: () => clock?.now().getTime() ?? Date.now() });
  t = await createTestApp({ ...fake.env(), PODIUM_DATA_DIR: dataDir, PODIUM_LINKEDIN_VERSION: '202607' });
  clock = t.clock;
});
after(async () => {
  await t?.close();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function ambassador(overrides: Parameters<typeof buildPerson>[1] = {}) {
  const person = await buildPerson(t, overrides);
  return { person, headers: await sessionHeaders(t, person) };
}

/** Connect as a browser does: Podium → LinkedIn's consent page → back to the callback, in one session. */
async function connect(headers: Record<string, string>, member?: { sub: string; name: string }): Promise<URL> {
  if (member) fake.setMember(member);
  const start = await t.app.inject({ method: 'GET', url: '/api/v1/me/linkedin/connect', headers });
  assert.equal(start.statusCode, 302, start.body);
  const consentUrl = new URL(String(start.headers.location));
  assert.equal(`${consentUrl.origin}${consentUrl.pathname}`, `${fake.authUrl}/authorization`);
  const consent = await fetch(consentUrl, { redirect: 'manual' });
  assert.equal(consent.status, 302);
  const back = new URL(String(consent.headers.get('location')));
  assert.equal(back.origin, 'http://podium.test');
  const done = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers });
  assert.equal(done.statusCode, 302, done.body);
  return new URL(String(done.headers.location));
}

async function status(headers: Record<string, string>) {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/me/linkedin', headers });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { configured: boolean; status: string; name: string | null; expiresAt: string | null; expiresInDays: number | null };
}

async function post(headers: Record<string, string>, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/linkedin/posts', headers, payload: { itemType: 'story', ...body } });
}

async function myPosts(headers: Record<string, string>, query = '') {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/linkedin/posts${query}`, headers });
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as { items: { id: string; status: string; lastError: string | null; scheduledFor: string; requestedFor: string | null; postUrn: string | null; shortUrl: string | null; text: string }[] }).items;
}

async function postRow(id: string) {
  const [row] = await t.ctx.database.db.select().from(linkedinPosts).where(eq(linkedinPosts.id, id));
  assert.ok(row);
  return row;
}

async function bell(personId: string) {
  return t.ctx.database.db.select().from(notifications).where(eq(notifications.personId, personId));
}

async function storyWithImage() {
  const bytes = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#205080' } })
    .jpeg()
    .toBuffer();
  const image = await uploadImage(t.ctx, { kind: 'token', personId: null, roles: ['editor'], tokenId: 'x', language: 'nl' }, { bytes, mediaType: 'image/jpeg' });
  return insertStory(t, { title: 'Sanne over haar eerste jaar', summary: 'Een jaar op de intensive care.', heroImageId: image.id });
}

const ownWords = 'Mijn eigen woorden over Sanne (IC) — trots op @team #zorg_werk *echt* [lees] <nu> ~ \\ | {x}';

test('connect → post now: the token is stored encrypted, the share’s tracked link is the article, the image is the thumbnail', async () => {
  const { person, headers } = await ambassador({ name: 'Anna de Vries' });
  const before = await status(headers);
  assert.deepEqual([before.configured, before.status], [true, 'not_connected']);

  const result = await connect(headers, { sub: 'anna-sub-1', name: 'Anna de Vries' });
  assert.equal(result.pathname, '/profile');
  assert.equal(result.searchParams.get('linkedin'), 'connected');
  const connected = await status(headers);
  assert.equal(connected.status, 'connected');
  assert.equal(connected.name, 'Anna de Vries');
  assert.equal(connected.expiresInDays, 60);
  assert.equal(Date.parse(connected.expiresAt ?? ''), t.clock.now().getTime() + 60 * DAY);

  // The consent request carried the right parameters.
  const authorization = fake.requests.find((r) => r.path.startsWith('/oauth/v2/authorization'));
  const query = new URL(authorization?.path ?? '', 'http://x').searchParams;
  assert.equal(query.get('scope'), 'openid profile w_member_social');
  assert.equal(query.get('redirect_uri'), 'http://podium.test/api/v1/me/linkedin/callback');
  assert.equal(query.get('response_type'), 'code');

  // Not stored in plain text anywhere in the table.
  const token = fake.tokens.at(-1)?.accessToken ?? '';
  assert.ok(token.length > 20);
  const rows = await t.ctx.database.query<Record<string, unknown>>('select * from linkedin_connections');
  assert.ok(rows.length >= 1);
  for (const row of rows) for (const value of Object.values(row)) assert.ok(!String(value).includes(token), 'the access token is not stored in plain text');

  const story = await storyWithImage();
  const response = await post(headers, { storyId: story.id, text: ownWords });
  assert.equal(response.statusCode, 202, response.body);
  const planned = response.json() as { id: string; status: string; requestedFor: string | null };
  assert.equal(planned.status, 'scheduled');
  assert.equal(planned.requestedFor, null);
  assert.ok(t.jobs.sent.some((j) => j.name === 'linkedin.post'));
  await t.jobs.drain();

  const row = await postRow(planned.id);
  assert.equal(row.status, 'posted');
  assert.equal(row.attempts, 1);
  const sent = fake.posts.at(-1);
  assert.ok(sent);
  assert.equal(row.postUrn, sent.urn);
  assert.match(sent.urn, /^urn:li:share:\d+$/);
  assert.equal(sent.version, '202607');
  assert.equal(sent.body.author, 'urn:li:person:anna-sub-1');
  assert.equal(sent.body.visibility, 'PUBLIC');
  assert.equal(sent.body.lifecycleState, 'PUBLISHED');
  // The person's words, escaped for the little text format.
  assert.ok(sent.body.commentary.startsWith('Mijn eigen woorden over Sanne \\(IC\\) — trots op \\@team \\#zorg\\_werk \\*echt\\* \\[lees\\] \\<nu\\> \\~ \\\\ \\| \\{x\\}'), sent.body.commentary);
  // The share was made through the sharing service, with its tracked link as the article source.
  assert.ok(row.shareId);
  const [share] = await t.ctx.database.db.select().from(shares).where(eq(shares.id, row.shareId));
  assert.equal(share?.network, 'linkedin');
  assert.equal(share?.personId, person.id);
  const [link] = await t.ctx.database.db.select().from(links).where(eq(links.shareId, row.shareId));
  assert.ok(link);
  assert.equal(sent.body.content?.article?.source, `http://podium.test/l/${link.code}`);
  assert.equal(sent.body.content?.article?.title, 'Sanne over haar eerste jaar');
  assert.equal(sent.body.content?.article?.description, 'Een jaar op de intensive care.');
  // The share image went through the Images API and is the thumbnail.
  const thumbnail = sent.body.content?.article?.thumbnail ?? '';
  assert.match(thumbnail, /^urn:li:image:/);
  assert.equal(fake.images.get(thumbnail)?.owner, 'urn:li:person:anna-sub-1');
  assert.equal(fake.images.get(thumbnail)?.contentType, 'image/jpeg');
  const init = fake.requests.find((r) => r.path === '/rest/images?action=initializeUpload');
  assert.equal(init?.headers['x-restli-protocol-version'], '2.0.0');
  assert.deepEqual(JSON.parse(init?.body ?? '{}'), { initializeUploadRequest: { owner: 'urn:li:person:anna-sub-1' } });

  const mine = await myPosts(headers, '?status=sent');
  assert.equal(mine[0]?.id, planned.id);
  assert.equal(mine[0]?.shortUrl, `http://podium.test/l/${link.code}`);
  // A second job for the same post sends nothing.
  assert.equal(await sendPost(t.ctx, planned.id), 'not_due');
  assert.equal(fake.posts.filter((p) => p.urn === sent.urn).length, 1);
});

test('the state is bound to the session: another session’s state, a cancelled consent and a reused code do not connect', async () => {
  const { person, headers } = await ambassador();
  const other = await sessionHeaders(t, person);
  const start = await t.app.inject({ method: 'GET', url: '/api/v1/me/linkedin/connect', headers });
  const consent = await fetch(String(start.headers.location), { redirect: 'manual' });
  const back = new URL(String(consent.headers.get('location')));
  const foreign = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: other });
  assert.equal(new URL(String(foreign.headers.location)).searchParams.get('linkedin'), 'state_invalid');
  const forged = await t.app.inject({ method: 'GET', url: `${back.pathname}?code=abc&state=x.1.y`, headers });
  assert.equal(new URL(String(forged.headers.location)).searchParams.get('linkedin'), 'state_invalid');
  assert.equal((await status(headers)).status, 'not_connected');

  // The code was not spent by the refused callbacks; used once it cannot be used again.
  const ok = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers });
  assert.equal(new URL(String(ok.headers.location)).searchParams.get('linkedin'), 'connected');
  const again = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers });
  assert.equal(new URL(String(again.headers.location)).searchParams.get('linkedin'), 'failed');

  fake.denyNext();
  assert.equal((await connect(headers)).searchParams.get('linkedin'), 'cancelled');
  assert.equal((await status(headers)).status, 'connected', 'a cancelled reconnect keeps the connection');

  const gone = await t.app.inject({ method: 'DELETE', url: '/api/v1/me/linkedin', headers });
  assert.equal(gone.statusCode, 204);
  assert.equal((await status(headers)).status, 'not_connected');
  const [row] = await t.ctx.database.db.select().from(linkedinConnections).where(eq(linkedinConnections.personId, person.id));
  assert.equal(row, undefined);
  const story = await insertStory(t);
  const refused = await post(headers, { storyId: story.id, text: 'Mijn eigen woorden' });
  assert.equal(refused.statusCode, 409);
  assert.equal(refused.json().error.code, 'linkedin_not_connected');
});

test('a planned post is sent by the job at its moment; it can be edited and cancelled until then', async () => {
  const { headers } = await ambassador();
  await connect(headers);
  const story = await insertStory(t);
  const at = new Date(t.clock.now().getTime() + 3 * 3_600_000);
  const response = await post(headers, { storyId: story.id, text: 'Eerste versie van mijn tekst', at: at.toISOString() });
  assert.equal(response.statusCode, 201, response.body);
  const planned = response.json() as { id: string; scheduledFor: string; requestedFor: string };
  assert.equal(planned.scheduledFor, at.toISOString());
  assert.equal(planned.requestedFor, at.toISOString());

  // Too early: a job that runs now sends nothing and makes no share.
  const postsBefore = fake.posts.length;
  await t.jobs.drain();
  assert.equal((await postRow(planned.id)).status, 'scheduled');
  assert.equal((await postRow(planned.id)).shareId, null);

  const later = new Date(at.getTime() + 30 * MIN);
  const edited = await t.app.inject({ method: 'PATCH', url: `/api/v1/linkedin/posts/${planned.id}`, headers, payload: { text: 'Tweede versie, echt van mij', at: later.toISOString() } });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.equal(edited.json().scheduledFor, later.toISOString());

  t.clock.advance(3 * 3_600_000 + 5 * MIN);
  assert.equal(await sendPost(t.ctx, planned.id), 'not_due', 'the old moment no longer sends it');
  t.clock.advance(30 * MIN);
  assert.equal((await sweepDuePosts(t.ctx)).queued, 1);
  await t.jobs.drain();
  const row = await postRow(planned.id);
  assert.equal(row.status, 'posted');
  assert.equal(fake.posts.length, postsBefore + 1);
  assert.ok(fake.posts.at(-1)?.body.commentary.startsWith('Tweede versie, echt van mij'));

  const tooLate = await t.app.inject({ method: 'PATCH', url: `/api/v1/linkedin/posts/${planned.id}`, headers, payload: { text: 'Nog een versie' } });
  assert.equal(tooLate.statusCode, 409);
  assert.equal(tooLate.json().error.code, 'linkedin_post_not_editable');

  // Cancel before sending: no share, never sent.
  const second = await post(headers, { storyId: story.id, text: 'Deze annuleer ik weer', at: new Date(t.clock.now().getTime() + DAY).toISOString() });
  assert.equal(second.statusCode, 201, second.body);
  const cancel = await t.app.inject({ method: 'DELETE', url: `/api/v1/linkedin/posts/${second.json().id}`, headers });
  assert.equal(cancel.statusCode, 204);
  t.clock.advance(2 * DAY);
  assert.equal(await sendPost(t.ctx, second.json().id), 'not_due');
  const cancelled = await postRow(second.json().id);
  assert.equal(cancelled.status, 'cancelled');
  assert.equal(cancelled.shareId, null);
  assert.ok(!(await myPosts(headers)).some((p) => p.id === second.json().id), 'cancelled posts are not listed');
  const cancelAgain = await t.app.inject({ method: 'DELETE', url: `/api/v1/linkedin/posts/${second.json().id}`, headers });
  assert.equal(cancelAgain.statusCode, 409);

  // Someone else's post is not found.
  const { headers: stranger } = await ambassador();
  const foreign = await t.app.inject({ method: 'DELETE', url: `/api/v1/linkedin/posts/${planned.id}`, headers: stranger });
  assert.equal(foreign.statusCode, 404);
});

test('bad moments are refused with a reason: in the past, too far ahead, after the connection ends', async () => {
  const { headers } = await ambassador();
  await connect(headers);
  const story = await insertStory(t);
  const now = t.clock.now().getTime();
  const past = await post(headers, { storyId: story.id, text: 'Mijn tekst', at: new Date(now - 3_600_000).toISOString() });
  assert.equal(past.statusCode, 400);
  assert.equal(past.json().error.code, 'linkedin_time_past');
  const beyond = await post(headers, { storyId: story.id, text: 'Mijn tekst', at: new Date(now + 61 * DAY).toISOString() });
  assert.equal(beyond.statusCode, 400);
  assert.equal(beyond.json().error.code, 'linkedin_after_expiry');
  assert.match(beyond.json().error.message, /Reconnect LinkedIn/);
  const noItem = await post(headers, { text: 'Mijn tekst' });
  assert.equal(noItem.statusCode, 400);
  const tooLong = await post(headers, { storyId: story.id, text: 'x'.repeat(3001) });
  assert.equal(tooLong.statusCode, 400);
});

test('colleagues’ posts of the same story are spread at least 20 minutes apart; the moment asked for is kept', async () => {
  const story = await insertStory(t);
  const at = new Date(t.clock.now().getTime() + 2 * DAY);
  const plannedAt: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { headers } = await ambassador();
    await connect(headers);
    const response = await post(headers, { storyId: story.id, text: `Collega ${i} vertelt het in eigen woorden`, at: at.toISOString() });
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json() as { scheduledFor: string; requestedFor: string };
    assert.equal(body.requestedFor, at.toISOString());
    plannedAt.push(Date.parse(body.scheduledFor));
  }
  assert.deepEqual(
    plannedAt.map((p) => (p - at.getTime()) / MIN),
    [0, 20, -20],
  );
  // Colleagues choosing the same moment at the same time are spread as well.
  const together = await Promise.all(
    [0, 1, 2].map(async (i) => {
      const { headers } = await ambassador();
      await connect(headers);
      return post(headers, { storyId: story.id, text: `Tegelijk ${i}, in eigen woorden`, at: new Date(at.getTime() + 6 * 3_600_000).toISOString() });
    }),
  );
  const moments = together.map((r) => Date.parse(r.json().scheduledFor)).sort((a, b) => a - b);
  for (let i = 1; i < moments.length; i++) assert.ok((moments[i] ?? 0) - (moments[i - 1] ?? 0) >= 20 * MIN, 'at least 20 minutes apart');
  // Another story at the same moment is not moved.
  const { headers } = await ambassador();
  await connect(headers);
  const other = await insertStory(t);
  const response = await post(headers, { storyId: other.id, text: 'Een ander verhaal, zelfde moment', at: at.toISOString() });
  assert.equal(response.json().scheduledFor, at.toISOString());
});

test('a 429 is retried after Retry-After; 5xx are retried with backoff, then the post fails and the person is told', async () => {
  const { person, headers } = await ambassador({ notificationChannels: ['in_app', 'email'], language: 'nl' });
  await connect(headers);
  const story = await insertStory(t);

  fake.failNext('/rest/posts', 429, 120);
  const first = await post(headers, { storyId: story.id, text: 'Even geduld, LinkedIn is druk' });
  await t.jobs.drain();
  let row = await postRow(first.json().id);
  assert.equal(row.status, 'scheduled');
  assert.equal(row.lastError, 'rate_limited');
  assert.equal(row.scheduledFor.getTime(), t.clock.now().getTime() + 120_000, 'Retry-After is honoured');
  assert.equal(await sendPost(t.ctx, row.id), 'not_due', 'not before Retry-After');
  // Waiting for the retry, the share (with these words) exists: the words are fixed, the moment is not.
  assert.ok(row.shareId);
  const reworded = await t.app.inject({ method: 'PATCH', url: `/api/v1/linkedin/posts/${row.id}`, headers, payload: { text: 'Toch andere woorden' } });
  assert.equal(reworded.statusCode, 409, reworded.body);
  assert.equal(reworded.json().error.code, 'linkedin_post_text_locked');
  assert.match(reworded.json().error.message, /Verander alleen het moment/);
  t.clock.advance(120_000);
  assert.equal(await sendPost(t.ctx, row.id), 'posted');
  row = await postRow(row.id);
  assert.equal(row.attempts, 2);
  assert.equal(row.lastError, null);

  for (let i = 0; i < MAX_ATTEMPTS; i++) fake.failNext('/rest/posts', 503);
  const second = await post(headers, { storyId: story.id, text: 'Deze komt er helaas niet door' });
  const id = second.json().id as string;
  const outcomes: string[] = [];
  const waits: number[] = [];
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    outcomes.push(await sendPost(t.ctx, id));
    const waiting = await postRow(id);
    const wait = waiting.scheduledFor.getTime() - t.clock.now().getTime();
    if (waiting.status === 'scheduled') waits.push(wait);
    t.clock.advance(Math.max(0, wait));
  }
  assert.deepEqual(outcomes, ['retrying', 'retrying', 'retrying', 'failed']);
  assert.deepEqual(waits, [MIN, 2 * MIN, 4 * MIN], 'backoff: 1, 2, 4 minutes');
  row = await postRow(id);
  assert.equal(row.status, 'failed');
  assert.equal(row.lastError, 'linkedin_unavailable');
  assert.equal(row.attempts, MAX_ATTEMPTS);
  const failedView = (await myPosts(headers, '?status=failed')).find((p) => p.id === id);
  assert.equal(failedView?.lastError, 'linkedin_unavailable');
  const told = (await bell(person.id)).filter((n) => n.title === 'Je LinkedIn-bericht is niet geplaatst');
  assert.equal(told.length, 1);
  assert.equal(told[0]?.url, '/linkedin/posts');
  const mail = await lastMailTo(t, person.email);
  assert.equal(mail?.subject, 'Je LinkedIn-bericht is niet geplaatst');
  // The share made for the first attempt was reused, not made again per attempt.
  const made = await t.ctx.database.db.select().from(shares).where(and(eq(shares.personId, person.id), eq(shares.storyId, story.id)));
  assert.equal(made.length, 2);
});

test('a post that got no answer may be on LinkedIn: it fails as interrupted, is never sent again, and the person is asked to look', async () => {
  const { person, headers } = await ambassador({ language: 'en' });
  await connect(headers);
  const story = await insertStory(t);
  const postsBefore = fake.posts.length;
  fake.dropNext('/rest/posts');
  const response = await post(headers, { storyId: story.id, text: 'Did this arrive?' });
  assert.equal(response.statusCode, 202, response.body);
  await t.jobs.drain();
  const row = await postRow(response.json().id);
  assert.equal(row.status, 'failed');
  assert.equal(row.lastError, 'interrupted');
  assert.equal(row.attempts, 1);
  assert.equal((await sweepDuePosts(t.ctx)).queued, 0);
  assert.equal(await sendPost(t.ctx, row.id), 'not_due');
  assert.equal(fake.posts.length, postsBefore, 'not posted again');
  assert.equal(fake.requests.filter((r) => r.path === '/rest/posts' && r.body.includes('Did this arrive')).length, 1, 'one attempt only');
  const told = (await bell(person.id)).filter((n) => n.title === 'Your LinkedIn post was not posted');
  assert.equal(told.length, 1);
  assert.match(told[0]?.body ?? '', /Check your LinkedIn profile/);
});

test('two jobs for one post at the same moment (the job and the sweeper’s): it is posted once', async () => {
  const { headers } = await ambassador();
  await connect(headers);
  const story = await insertStory(t);
  const at = new Date(t.clock.now().getTime() + 3 * 3_600_000);
  const response = await post(headers, { storyId: story.id, text: 'Precies één keer, graag', at: at.toISOString() });
  assert.equal(response.statusCode, 201, response.body);
  const id = response.json().id as string;
  t.clock.advance(3 * 3_600_000);
  const outcomes = await Promise.all([sendPost(t.ctx, id), sendPost(t.ctx, id), sendPost(t.ctx, id)]);
  assert.deepEqual(outcomes.sort(), ['not_due', 'not_due', 'posted']);
  assert.equal(fake.posts.filter((p) => p.body.commentary.startsWith('Precies één keer')).length, 1);
  assert.equal((await postRow(id)).attempts, 1);
});

test('an expired token: the post fails, the connection is expired, the person is told; reconnecting fixes it', async () => {
  const { person, headers } = await ambassador({ language: 'en' });
  await connect(headers, { sub: 'expiring-sub', name: 'Exp Iring' });
  const story = await insertStory(t);
  fake.expireToken(fake.tokens.at(-1)?.accessToken);
  const response = await post(headers, { storyId: story.id, text: 'This one meets an expired token' });
  assert.equal(response.statusCode, 202);
  await t.jobs.drain();
  const row = await postRow(response.json().id);
  assert.equal(row.status, 'failed');
  assert.equal(row.lastError, 'token_expired');
  assert.equal((await status(headers)).status, 'expired');
  const told = await bell(person.id);
  assert.ok(told.some((n) => n.title === 'Your LinkedIn post was not posted' && n.body.includes('Reconnect LinkedIn')));

  const refused = await post(headers, { storyId: story.id, text: 'Trying again before reconnecting' });
  assert.equal(refused.statusCode, 409);
  assert.equal(refused.json().error.code, 'linkedin_expired');

  assert.equal((await connect(headers, { sub: 'expiring-sub', name: 'Exp Iring' })).searchParams.get('linkedin'), 'connected');
  assert.equal((await status(headers)).status, 'connected');
  const again = await post(headers, { storyId: story.id, text: 'Trying again after reconnecting' });
  await t.jobs.drain();
  assert.equal((await postRow(again.json().id)).status, 'posted');
});

test('a token that cannot be read any more (the secret key changed) counts as expired: the post fails, the person is asked to reconnect', async () => {
  const { person, headers } = await ambassador({ language: 'en' });
  await connect(headers);
  await t.ctx.database.db
    .update(linkedinConnections)
    .set({ accessTokenEncrypted: encryptSecret('another-secret-key-of-some-length-0123456789', 'linkedin-token', 'AQold') })
    .where(eq(linkedinConnections.personId, person.id));
  const story = await insertStory(t);
  const response = await post(headers, { storyId: story.id, text: 'Met een onleesbaar token' });
  assert.equal(response.statusCode, 202, response.body);
  await t.jobs.drain();
  const row = await postRow(response.json().id);
  assert.deepEqual([row.status, row.lastError], ['failed', 'token_expired']);
  assert.equal((await status(headers)).status, 'expired');
});

test('a week before the 60 days end the person is reminded once; after the end the connection is expired', async () => {
  const { person, headers } = await ambassador({ language: 'nl' });
  await connect(headers);
  const reminders = async () => (await bell(person.id)).filter((n) => n.title.startsWith('Koppel LinkedIn opnieuw'));
  t.clock.advance(52 * DAY);
  await runReconnectNudges(t.ctx);
  assert.equal((await reminders()).length, 0, 'not yet: 8 days left');
  t.clock.advance(DAY + 3_600_000);
  await runReconnectNudges(t.ctx);
  const sent = await reminders();
  assert.equal(sent.length, 1);
  assert.match(sent[0]?.title ?? '', /7 dagen/);
  assert.equal(sent[0]?.url, '/profile');
  await runReconnectNudges(t.ctx);
  assert.equal((await reminders()).length, 1, 'once per token');

  t.clock.advance(7 * DAY);
  await runReconnectNudges(t.ctx);
  const [row] = await t.ctx.database.db.select().from(linkedinConnections).where(eq(linkedinConnections.personId, person.id));
  assert.equal(row?.status, 'expired');
  // Reconnecting (in a new session: the old one ended meanwhile) gives a new token and a new reminder later.
  await connect(await sessionHeaders(t, person));
  const [fresh] = await t.ctx.database.db.select().from(linkedinConnections).where(eq(linkedinConnections.personId, person.id));
  assert.equal(fresh?.status, 'connected');
  assert.equal(fresh?.reconnectNudgedAt, null);
});

test('erasure deletes the connection and empties the posts’ words; export leaves the token out', async () => {
  const { person, headers } = await ambassador();
  await connect(headers);
  const story = await insertStory(t);
  const response = await post(headers, { storyId: story.id, text: 'Woorden die weg moeten', at: new Date(t.clock.now().getTime() + DAY).toISOString() });
  assert.equal(response.statusCode, 201);
  const exported = JSON.stringify(await exportPerson(t.ctx, person.id));
  assert.ok(exported.includes('Woorden die weg moeten'));
  assert.ok(!exported.includes(fake.tokens.at(-1)?.accessToken ?? '-'));
  const admin = await buildPerson(t, { roles: ['admin'] });
  await erasePerson(t.ctx, { kind: 'session', personId: admin.id, roles: ['admin'], sessionId: 'x', tokenHash: 'x', language: 'en' }, person.id);
  const connections = await t.ctx.database.db.select().from(linkedinConnections).where(eq(linkedinConnections.personId, person.id));
  assert.equal(connections.length, 0);
  const row = await postRow(response.json().id);
  assert.equal(row.text, '');
  assert.equal(row.status, 'cancelled');
});

test('without a LinkedIn app configured the feature says so and stays off', async () => {
  const bare = await createTestApp();
  try {
    const person = await buildPerson(bare);
    const headers = await sessionHeaders(bare, person);
    const state = await bare.app.inject({ method: 'GET', url: '/api/v1/me/linkedin', headers });
    assert.equal(state.statusCode, 200);
    assert.equal(state.json().configured, false);
    const start = await bare.app.inject({ method: 'GET', url: '/api/v1/me/linkedin/connect', headers });
    assert.equal(start.statusCode, 409);
    assert.equal(start.json().error.code, 'linkedin_not_configured');
    const [story] = await bare.ctx.database.db.select({ id: stories.id }).from(stories).limit(1);
    const posted = await bare.app.inject({ method: 'POST', url: '/api/v1/linkedin/posts', headers, payload: { itemType: 'story', storyId: story?.id ?? person.id, text: 'Mijn woorden' } });
    assert.equal(posted.statusCode, 409);
    assert.match(posted.json().error.message, /LinkedIn is not set up/);
    // The routes are documented in the OpenAPI document from their schemas.
    const doc = (await bare.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const route of ['/api/v1/me/linkedin', '/api/v1/me/linkedin/connect', '/api/v1/me/linkedin/callback', '/api/v1/linkedin/posts', '/api/v1/linkedin/posts/{id}']) assert.ok(doc.paths[route], route);
    assert.ok(doc.paths['/api/v1/linkedin/posts']?.post);
  } finally {
    await bare.close();
  }
});
