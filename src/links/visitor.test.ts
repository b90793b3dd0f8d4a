import assert from 'node:assert/strict';
import { test } from 'node:test';
import { userAgents } from './user-agents.fixture.ts';
import { classifyUserAgent, deviceClass, referrerHost } from './visitor.ts';

for (const { name, ua, kind, device } of userAgents) {
  test(`${name} is a ${kind}${device ? ` on ${device}` : ''}`, () => {
    assert.equal(classifyUserAgent(ua), kind);
    if (device) assert.equal(deviceClass(ua), device);
  });
}

test('the fixture covers people, in-app browsers and every preview crawler the issue names', () => {
  assert.ok(userAgents.length >= 25);
  for (const needle of ['LinkedInBot', 'facebookexternalhit', 'Facebot', 'Twitterbot', 'Slackbot-LinkExpanding', 'WhatsApp', 'TelegramBot', 'SkypeUriPreview', 'MicrosoftPreview', 'Discordbot', 'LinkedInApp', 'FBAN', 'curl', 'Googlebot']) {
    assert.ok(userAgents.some((u) => u.ua.includes(needle)), needle);
  }
});

test('a missing user agent counts as a person', () => {
  assert.equal(classifyUserAgent(undefined), 'visit');
  assert.equal(deviceClass(undefined), 'desktop');
});

test('the referrer is reduced to its lower-case host', () => {
  assert.equal(referrerHost('https://WWW.LinkedIn.com/feed/update/urn:li:activity:123?x=1'), 'www.linkedin.com');
  assert.equal(referrerHost('http://localhost:8080/a'), 'localhost');
  assert.equal(referrerHost('android-app://com.linkedin.android/'), null);
  assert.equal(referrerHost('not a url'), null);
  assert.equal(referrerHost(undefined), null);
});
