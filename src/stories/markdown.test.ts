import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderStoryMarkdown } from './markdown.ts';

const payloads = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](  javascript:alert(1))',
  '[x](java&#x09;script:alert(1))',
  '[x](java&#09;script:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](javascript&#58;alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](javascript:alert(1))',
  '<javascript:alert(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  'javascript:alert(1)',
  '[x](https://example.com" onmouseover="alert(1))',
  '[x][ref]\n\n[ref]: javascript:alert(1)',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  '<iframe src="https://evil.example"></iframe>',
  '```html onload=alert(1)\n<script>alert(1)</script>\n```',
  '`<script>alert(1)</script>`',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<div style="background:url(javascript:alert(1))">x</div>',
];

/** Every start tag in the output, to look for event handler attributes on real elements (not escaped text). */
const tags = (html: string) => html.match(/<[a-z][^>]*>/gi) ?? [];

for (const payload of payloads) {
  test(`Markdown sanitisation: ${JSON.stringify(payload)}`, () => {
    const out = renderStoryMarkdown(payload);
    assert.doesNotMatch(out, /<script/i, out);
    assert.doesNotMatch(out, /javascript:/i, out);
    assert.doesNotMatch(out, /vbscript:/i, out);
    for (const tag of tags(out)) {
      assert.doesNotMatch(tag, /\son\w+\s*=/i, `event handler in ${tag}`);
      assert.doesNotMatch(tag, /(href|src)="(?!https?:|mailto:)/i, `only web and mail links in ${tag}`);
      assert.match(tag, /^<\/?(p|a|img|code|pre|em|strong|ul|ol|li|h[1-6]|blockquote|br|hr)\b/i, `only Markdown's own elements: ${tag}`);
    }
  });
}

test('ordinary Markdown still renders: headings, emphasis, links, autolinks, lists, images', () => {
  const out = renderStoryMarkdown(
    '# Een dag bij de brandweer\n\n*Sanne* vertelt over **haar werk**.\n\n- [Werken bij](https://example.com/jobs?a=1&b=2)\n- mail <mailto:jobs@example.com>\n\nZie https://example.com/over-ons\n\n![Sanne aan het werk](https://example.com/sanne.jpg)',
  );
  assert.match(out, /<h2>Een dag bij de brandweer<\/h2>/);
  assert.match(out, /<em>Sanne<\/em>/);
  assert.match(out, /<strong>haar werk<\/strong>/);
  assert.match(out, /<a href="https:\/\/example.com\/jobs\?a=1&amp;b=2">Werken bij<\/a>/);
  assert.match(out, /<a href="mailto:jobs@example.com">/);
  assert.match(out, /<a href="https:\/\/example.com\/over-ons">/, 'linkify turns a bare URL into a link');
  assert.match(out, /<img src="https:\/\/example.com\/sanne.jpg" alt="Sanne aan het werk">/);
});

test('raw HTML is shown as text, not dropped', () => {
  const out = renderStoryMarkdown('Gebruik <b>vet</b> & zo');
  assert.match(out, /&lt;b&gt;vet&lt;\/b&gt; &amp; zo/);
});

test('a refused link keeps its words readable', () => {
  const out = renderStoryMarkdown('[klik](javascript:alert(1))');
  assert.doesNotMatch(out, /<a /);
  assert.match(out, /\[klik\]\(javascript&#58;alert\(1\)\)/);
});

test('a story’s headings start at h2, so the page title stays the only h1', () => {
  const html = renderStoryMarkdown('# Kop\n\n## Tussenkop\n\n###### Klein');
  assert.match(html, /<h2>Kop<\/h2>/);
  assert.match(html, /<h3>Tussenkop<\/h3>/);
  assert.match(html, /<h6>Klein<\/h6>/);
  assert.doesNotMatch(html, /<h1/);
});
