import MarkdownIt from 'markdown-it';

/** Link and image targets a story may use: web pages and e-mail addresses, nothing a browser would run. */
const allowedUrl = /^(https?:\/\/|mailto:)/i;

const md = new MarkdownIt({ html: false, linkify: true, breaks: false, typographer: false });

// markdown-it hands validateLink the normalised URL (entities decoded, then percent-encoded), so
// `java&#x09;script:` arrives as `java%09script:` and fails the scheme test like every other trick.
md.validateLink = (url: string) => allowedUrl.test(url.trim());

// The page's title is its only h1: a story's own headings start at h2 (`#` → h2 … `#####` → h6).
md.core.ruler.push('podium_heading_levels', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
    }
  }
  return true;
});

/**
 * A refused link stays as literal text (`[x](javascript:…)`). The words are harmless as text, but
 * nothing in a story page should ever contain a script scheme, so its colon becomes an entity;
 * browsers decode `&#58;` back to `:` in text and attributes alike, so what a reader sees is unchanged.
 */
const scriptScheme = /(java|vb)(script):/gi;

/**
 * Renders a story's Markdown to HTML that is safe to put in a page: raw HTML is escaped (never
 * passed through), only http(s) and mailto links and images survive, and no script scheme remains.
 * @example renderStoryMarkdown('[Werken bij](https://example.com/jobs)')
 */
export function renderStoryMarkdown(markdown: string): string {
  return md.render(markdown).replace(scriptScheme, '$1$2&#58;');
}
