// Read the way a browser's tokenizer reads them: an element's text runs to the first "</script",
// comments hide what is inside them, and attribute values may hold ">" inside quotes.
const COMMENT_END = '-->';
const SCRIPT_OPEN = /<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>/iy;
const SCRIPT_CLOSE = /<\/script[\s/>]/gi;
const TYPE_ATTRIBUTE = /(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
// Old pages wrap script text in <!-- --> or CDATA markers so that ancient browsers skip it.
const WRAPPERS = /^\s*(?:<!--|(?:\/\/\s*)?<!\[CDATA\[)|(?:-->|(?:\/\/\s*)?\]\]>)\s*$/g;

function typeOf(attributes: string): string {
  const match = TYPE_ATTRIBUTE.exec(attributes);
  const value = match?.[1] ?? match?.[2] ?? match?.[3] ?? '';
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

/** The text of every `<script type="application/ld+json">` element of an HTML page, in page order. */
export function jsonLdScripts(html: string): string[] {
  const scripts: string[] = [];
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf(COMMENT_END, lt + 4);
      at = end === -1 ? html.length : end + COMMENT_END.length;
      continue;
    }
    SCRIPT_OPEN.lastIndex = lt;
    const open = SCRIPT_OPEN.exec(html);
    if (open === null) {
      at = lt + 1;
      continue;
    }
    SCRIPT_CLOSE.lastIndex = SCRIPT_OPEN.lastIndex;
    const close = SCRIPT_CLOSE.exec(html);
    const end = close === null ? html.length : close.index;
    if (typeOf(open[1] ?? '') === 'application/ld+json') {
      scripts.push(html.slice(SCRIPT_OPEN.lastIndex, end).replace(WRAPPERS, ''));
    }
    at = close === null ? html.length : SCRIPT_CLOSE.lastIndex;
  }
  return scripts;
}
