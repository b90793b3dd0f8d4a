import { Anchor } from '@mantine/core';

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

interface Segment {
  start: number;
  text: string;
  href: string | null;
}

function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function segments(text: string): Segment[] {
  const result: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const raw = match[0].replace(TRAILING_PUNCTUATION, '');
    if (start > last) result.push({ start: last, text: text.slice(last, start), href: null });
    result.push({ start, text: raw, href: safeHref(raw) });
    last = start + raw.length;
  }
  if (last < text.length) result.push({ start: last, text: text.slice(last), href: null });
  return result;
}

/** Plain text with its http(s) links made clickable; never interprets the text as HTML. */
export function LinkifiedText({ text }: { text: string }) {
  return (
    <>
      {segments(text).map((segment) =>
        segment.href ? (
          <Anchor
            key={segment.start}
            href={segment.href}
            rel="noopener noreferrer"
            // Links to this Podium (such as sign-in links) stay in the tab; others open a new one.
            target={new URL(segment.href).origin === window.location.origin ? undefined : '_blank'}
          >
            {segment.text}
          </Anchor>
        ) : (
          <span key={segment.start}>{segment.text}</span>
        ),
      )}
    </>
  );
}
