import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { deliverSlack } from '../nudges/channels/slack.ts';
import { ChannelUnavailable, type NudgeMessage } from '../nudges/channels/types.ts';
import { getSetting, putSetting } from '../settings/service.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders } from '../../test/support/factories.ts';
import { type SlackStandIn, startSlackApi } from '../../test/support/slack-api.ts';
import { announceCampaignsStartingToday } from './announcements.ts';
import { SlackApiError } from './slack-api.ts';

const token = 'xoxb-1111-2222-podiumtesttoken';
let t: TestApp;
let slack: SlackStandIn;
let admin: Record<string, string>;
let editor: Record<string, string>;
const slackUser = { email: 'sanne.devries@example.com', id: 'U0SANNE01' };

before(async () => {
  slack = await startSlackApi({ token, team: { id: 'T0ACME', name: 'Acme' }, users: { [slackUser.email]: slackUser.id, 'someone.else@example.com': 'U0OTHER02' } });
  // The webhooks' stand-ins run on this machine: allowed as an admin would allow an intranet host.
  t = await createTestApp({ PODIUM_SLACK_API_URL: slack.apiUrl, PODIUM_FETCH_ALLOW_HOSTS: '127.0.0.1' });
  admin = await sessionHeaders(t, await buildPerson(t, { roles: ['admin'] }));
  editor = await sessionHeaders(t, await buildPerson(t, { roles: ['editor'] }));
});
after(async () => {
  await t?.close();
  await slack?.close();
});

function messageFor(person: { id: string; email: string; name: string }): NudgeMessage {
  return {
    nudgeId: uuidv7(),
    person: { id: person.id, email: person.email, name: person.name, language: 'nl', timeZone: 'Europe/Amsterdam' },
    title: 'Je verhaal kreeg 12 kliks',
    body: 'Collega’s <3 wat je deelde & willen meer.',
    actionLabel: 'Open je feed',
    actionUrl: 'http://podium.test/n/click-token',
    path: '/feed',
  };
}

test('without a bot token Slack is unavailable, so delivery falls back to in-app', async () => {
  const person = await buildPerson(t, { email: 'nobody.configured@example.com' });
  await assert.rejects(deliverSlack(t.ctx, messageFor(person)), ChannelUnavailable);
});

test('the bot token is checked with auth.test, kept, and never answered by any API', async () => {
  const wrong = await t.app.inject({ method: 'PUT', url: '/api/v1/integrations/slack', headers: admin, payload: { botToken: 'xoxb-9999-wrong-token' } });
  assert.equal(wrong.statusCode, 400);
  assert.equal(wrong.json().error.code, 'slack_token_invalid');
  assert.match(wrong.json().error.message, /invalid_auth/);

  const saved = await t.app.inject({ method: 'PUT', url: '/api/v1/integrations/slack', headers: admin, payload: { botToken: token } });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.deepEqual(saved.json().slack, { configured: true, workspace: 'Acme', savedAt: t.clock.now().toISOString() });
  for (const url of ['/api/v1/integrations', '/api/v1/settings/public', '/api/v1/settings/fetch-allowance', '/api/v1/audit']) {
    const response = await t.app.inject({ method: 'GET', url, headers: admin });
    assert.ok(!response.body.includes('podiumtesttoken'), `${url} must not show the token`);
  }
  const byEditor = await t.app.inject({ method: 'GET', url: '/api/v1/integrations', headers: editor });
  assert.equal(byEditor.statusCode, 403);
});

test('a nudge goes to the right person’s Slack DM: lookup by e-mail, open the DM, post text and a button', async () => {
  const person = await buildPerson(t, { email: slackUser.email });
  await buildPerson(t, { email: 'someone.else@example.com' });
  const before = slack.messages.length;
  const message = messageFor(person);
  await deliverSlack(t.ctx, message);
  const posted = slack.messages.slice(before);
  assert.equal(posted.length, 1);
  assert.equal(posted[0]?.user, slackUser.id);
  assert.equal(posted[0]?.channel, `D${slackUser.id.slice(1)}`);
  // The plain text is escaped like the blocks: a `<!channel>` in a text must not notify anyone.
  assert.equal(posted[0]?.text, `${message.title}\nCollega’s &lt;3 wat je deelde &amp; willen meer.`);
  const blocks = JSON.stringify(posted[0]?.blocks);
  assert.ok(blocks.includes('Collega’s &lt;3 wat je deelde &amp; willen meer.'), 'mrkdwn control characters are escaped');
  const button = ((posted[0]?.blocks ?? []) as { type: string; elements?: { url: string; text: { text: string } }[] }[]).find((b) => b.type === 'actions')?.elements?.[0];
  assert.equal(button?.url, message.actionUrl);
  assert.equal(button?.text.text, message.actionLabel);
  const lookup = slack.calls.findLast((c) => c.method === 'users.lookupByEmail');
  assert.equal(lookup?.args.email, slackUser.email);
  assert.equal(slack.webhookPosts.length, 0, 'a personal nudge never goes to a channel webhook');
});

test('no Slack user for the e-mail → ChannelUnavailable (users_not_found)', async () => {
  const person = await buildPerson(t, { email: 'not.on.slack@example.com' });
  await assert.rejects(deliverSlack(t.ctx, messageFor(person)), (error) => error instanceof ChannelUnavailable && /users_not_found/.test(error.message));
});

test('rate limited: the error carries Retry-After and is retried, not given up', async () => {
  const person = await buildPerson(t, { email: 'rate.limited@example.com' });
  const before = slack.messages.length;
  slack.rateLimitNext(1, 7);
  await assert.rejects(
    deliverSlack(t.ctx, { ...messageFor(person), person: { ...messageFor(person).person, email: slackUser.email } }),
    (error) => error instanceof SlackApiError && !(error instanceof ChannelUnavailable) && error.code === 'ratelimited' && error.retryAfterSeconds === 7,
  );
  assert.equal(slack.messages.length, before);
  await deliverSlack(t.ctx, { ...messageFor(person), person: { ...messageFor(person).person, email: slackUser.email } });
  assert.equal(slack.messages.length, before + 1, 'the retry delivers');
});

test('a token Slack no longer accepts → ChannelUnavailable with a reason an admin can act on', async () => {
  const kept = await getSetting(t.ctx.database.db, 'integrations.slack');
  assert.ok(kept);
  await putSetting(t.ctx.database.db, 'integrations.slack', { ...kept, botToken: 'xoxb-revoked-token' }, t.clock.now());
  try {
    const person = await buildPerson(t);
    await assert.rejects(
      deliverSlack(t.ctx, { ...messageFor(person), person: { ...messageFor(person).person, email: slackUser.email } }),
      (error) => error instanceof ChannelUnavailable && /invalid_auth/.test(error.message) && /admin/.test(error.message),
    );
  } finally {
    await putSetting(t.ctx.database.db, 'integrations.slack', kept, t.clock.now());
  }
});

test('webhooks: only https (or an allowed host) is accepted, and only the host is ever shown', async () => {
  const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/integrations/webhooks', headers: admin, payload: { slack: 'http://hooks.example.com/services/x' } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'webhook_url_invalid');
  const saved = await t.app.inject({ method: 'PUT', url: '/api/v1/integrations/webhooks', headers: admin, payload: { slack: slack.slackWebhookUrl, teams: slack.teamsWebhookUrl, language: 'nl' } });
  assert.equal(saved.statusCode, 200, saved.body);
  const host = new URL(slack.slackWebhookUrl).host;
  assert.deepEqual(saved.json().webhooks, { slack: { configured: true, host }, teams: { configured: true, host }, language: 'nl' });
  const read = await t.app.inject({ method: 'GET', url: '/api/v1/integrations', headers: admin });
  assert.ok(!read.body.includes('secret'), 'the webhook addresses are secrets');
  const tested = await t.app.inject({ method: 'POST', url: '/api/v1/integrations/webhooks/test', headers: admin });
  assert.deepEqual(tested.json(), { slack: 'sent', teams: 'sent' });
  slack.webhookPosts.length = 0;
});

test('a new campaign is announced to the Slack and Teams channels, in the chosen language', async () => {
  slack.webhookPosts.length = 0;
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/campaigns',
    headers: editor,
    payload: { name: 'Werken bij de zorg', goal: 'recruitment', description: 'Verhalen van verpleegkundigen.', startsOn: '2026-11-27', endsOn: '2026-12-31' },
  });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(await t.jobs.drain(), 2);
  const slackPost = slack.webhookPosts.find((p) => p.kind === 'slack');
  assert.match(String(slackPost?.body.text), /^Nieuwe campagne: Werken bij de zorg\nVerhalen van verpleegkundigen\.\nVan 27 november 2026 tot en met 31 december 2026\.\nhttp:\/\/podium\.test\/feed$/);
  const card = (slackPost && slack.webhookPosts.find((p) => p.kind === 'teams')?.body) as { attachments: { contentType: string; content: { body: { text: string }[]; actions: { url: string }[] } }[] };
  assert.equal(card.attachments[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
  assert.equal(card.attachments[0]?.content.body[0]?.text, 'Nieuwe campagne: Werken bij de zorg');
  assert.equal(card.attachments[0]?.content.actions[0]?.url, 'http://podium.test/feed');
});

test('a campaign created earlier is announced again on the morning it starts', async () => {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/campaigns',
    headers: editor,
    payload: { name: 'Open dag', goal: 'employer_branding', startsOn: '2026-11-29', endsOn: '2026-11-30' },
  });
  assert.equal(created.statusCode, 201, created.body);
  await t.jobs.drain();
  slack.webhookPosts.length = 0;
  assert.equal(await announceCampaignsStartingToday(t.ctx), 0, 'nothing starts today');
  t.clock.advance(2 * 86_400_000);
  assert.equal(await announceCampaignsStartingToday(t.ctx), 1);
  await t.jobs.drain();
  assert.deepEqual(
    slack.webhookPosts.map((p) => p.kind),
    ['slack', 'teams'],
  );
  assert.match(String(slack.webhookPosts[0]?.body.text), /^Vandaag van start: Open dag/);
});

test('without webhooks nothing is queued for a new campaign', async () => {
  await t.app.inject({ method: 'PUT', url: '/api/v1/integrations/webhooks', headers: admin, payload: { slack: null, teams: null } });
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: editor, payload: { name: 'Stil', goal: 'other', startsOn: '2026-12-01', endsOn: '2026-12-02' } });
  assert.equal(created.statusCode, 201);
  assert.equal(t.jobs.sent.filter((job) => job.name === 'integrations.announce').length, 0);
  const removed = await t.app.inject({ method: 'DELETE', url: '/api/v1/integrations/slack', headers: admin });
  assert.equal(removed.statusCode, 200, removed.body);
  assert.equal(removed.json().slack.configured, false);
});
