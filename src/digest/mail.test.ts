import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderDigestMail } from './mail.ts';

const content = {
  organisation: 'Zorggroep',
  name: 'Sam <b>',
  impact: { shares: 0, humanClicks: 0, visitors: 0, applications: 0 },
  stories: [] as { title: string; summary: string; url: string }[],
  feedUrl: 'https://podium.example/feed',
  impactUrl: 'https://podium.example/me/impact',
  unsubscribeUrl: 'https://podium.example/unsubscribe/d.x.y.z',
};

test('without stories the subject speaks of impact, and a quiet week says so kindly', () => {
  const mail = renderDigestMail('en', content);
  assert.equal(mail.subject, 'Your week at Zorggroep: what your shares did');
  assert.match(mail.text, /A quiet week/);
  assert.doesNotMatch(mail.text, /Stories for you/);
});

test('names and story texts are escaped in HTML and kept as text in the text part; a title cannot break the subject', () => {
  const mail = renderDigestMail('nl', {
    ...content,
    impact: { shares: 1, humanClicks: 5, visitors: 4, applications: 1 },
    stories: [{ title: 'Line\r\nbreak "quoted"', summary: '<script>x</script>', url: 'https://podium.example/stories/a?x=1&y=2' }],
  });
  assert.equal(mail.subject, 'Je week bij Zorggroep: een verhaal om te delen');
  assert.match(mail.html, /Hallo Sam &lt;b&gt;/);
  assert.match(mail.html, /&lt;script&gt;x&lt;\/script&gt;/);
  assert.match(mail.html, /href="https:\/\/podium\.example\/stories\/a\?x=1&amp;y=2"/);
  assert.match(mail.text, /Hallo Sam <b>/);
  assert.match(mail.text, /\* Line break "quoted"/);
  assert.match(mail.text, /Sollicitaties waaraan je berichten bijdroegen: 1/);
});

test('the HTML and the text part carry the same links in the same order, unsubscribe last', () => {
  const mail = renderDigestMail('en', { ...content, stories: [{ title: 'A', summary: '', url: 'https://podium.example/stories/a' }, { title: 'B', summary: 'b', url: 'https://podium.example/stories/b' }] });
  const textLinks = [...mail.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
  const htmlLinks = [...mail.html.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
  assert.deepEqual(htmlLinks, textLinks);
  assert.deepEqual(textLinks, ['https://podium.example/stories/a', 'https://podium.example/stories/b', content.feedUrl, content.impactUrl, content.unsubscribeUrl]);
});
