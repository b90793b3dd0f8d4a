import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type MailKind, renderMail } from './templates.ts';

const kinds: MailKind[] = ['sign_in', 'setup', 'invite', 'story_submitted', 'changes_requested', 'story_approved', 'story_published', 'approval_request'];
const storyKinds = kinds.slice(3);
const languages = ['nl', 'en'] as const;
// An ampersand shows whether the HTML escapes the link and the text keeps it as it is.
const url = 'https://podium.example.com/auth/magic?token=abc-123_XYZ&next=%2Fstories';
const hostile = { organisation: 'Acme & <b>Co</b>', name: '<script>alert(1)</script>', url, title: 'Een <img src=x onerror=alert(1)> dag' };

const unescapeHtml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => unescapeHtml(m[1] ?? ''));

for (const kind of kinds) {
  for (const language of languages) {
    test(`${kind} mail in ${language}: names are escaped in HTML, and text and HTML carry the same link`, () => {
      const mail = renderMail(kind, language, hostile);
      assert.doesNotMatch(mail.html, /<script>/i, 'a name cannot inject markup');
      assert.doesNotMatch(mail.html, /<b>Co<\/b>/, 'an organisation name cannot inject markup');
      if (kind !== 'setup') assert.match(mail.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'the name is shown as text');
      assert.match(mail.html, new RegExp(`<html lang="${language}">`));

      const textLinks = mail.text.match(/https?:\/\/\S+/g) ?? [];
      assert.deepEqual(textLinks, [url], 'the text part has the link once, unchanged');
      const links = hrefs(mail.html);
      assert.ok(links.length > 0);
      for (const link of links) assert.equal(link, url);

      assert.ok(mail.subject.length > 0);
      assert.doesNotMatch(mail.subject + mail.text + mail.html, /\{\w+\}/, 'no placeholder is left unfilled');
      assert.doesNotMatch(mail.subject, /[\r\n]/, 'a subject is one header line');
    });
  }

  test(`${kind} mail: Dutch differs from English`, () => {
    const nl = renderMail(kind, 'nl', hostile);
    const en = renderMail(kind, 'en', hostile);
    assert.notEqual(nl.subject, en.subject);
    assert.notEqual(nl.text, en.text);
    assert.notEqual(nl.html, en.html);
  });
}

test('a mail addressed to a person greets them by name in the text part, unescaped', () => {
  const mail = renderMail('invite', 'nl', { organisation: 'Acme', name: 'René & Zoë', url });
  assert.match(mail.text, /Hallo René & Zoë,/);
  assert.match(mail.html, /Hallo René &amp; Zoë,/);
  assert.match(mail.subject, /^Acme nodigt je uit/);
});

for (const kind of storyKinds) {
  test(`${kind} mail names the story, escaped in HTML, in both languages`, () => {
    for (const language of languages) {
      const mail = renderMail(kind, language, hostile);
      assert.match(mail.subject + mail.text, /Een <img src=x onerror=alert\(1\)> dag/, 'the title is in the subject or text as written');
      assert.doesNotMatch(mail.html, /<img/i, 'a title cannot inject markup');
      assert.match(mail.html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    }
  });
}

test('a workflow mail quotes the comment, escaped, in text and HTML', () => {
  const mail = renderMail('changes_requested', 'en', { organisation: 'Acme', name: 'Sanne', url, title: 'Dag', comment: 'Shorter intro <please>\nand a photo' });
  assert.match(mail.text, /Comment:\nShorter intro <please>\nand a photo/);
  assert.match(mail.html, /<blockquote[^>]*>Shorter intro &lt;please&gt;\nand a photo<\/blockquote>/);
  const nl = renderMail('changes_requested', 'nl', { organisation: 'Acme', name: 'Sanne', url, title: 'Dag', comment: 'Korter' });
  assert.match(nl.text, /Toelichting:\nKorter/);
  assert.doesNotMatch(renderMail('story_approved', 'en', { organisation: 'Acme', name: 'S', url, title: 'Dag' }).html, /blockquote/, 'no empty quote without a comment');
});

test('a story title with a line break cannot add a mail header', () => {
  const mail = renderMail('approval_request', 'en', { organisation: 'Acme', name: 'S', url, title: 'Dag\r\nBcc: evil@example.com' });
  assert.doesNotMatch(mail.subject, /[\r\n]/);
});
