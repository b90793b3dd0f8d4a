/**
 * LinkedIn's Posts API reads `commentary` in its "little" text format, where
 * `\ | { } @ [ ] ( ) < > # * _ ~` start mentions, hashtags and templates. Unescaped, LinkedIn may
 * cut the post at the first one (while answering 201). Every reserved character is escaped with a
 * backslash so the person's words appear exactly as typed (a `#word` shows as text, not as a
 * hashtag link; a URL is still linked by LinkedIn).
 */
const reserved = /[\\|{}@[\]()<>#*_~]/g;

export function escapeLittleText(text: string): string {
  return text.replace(reserved, (c) => `\\${c}`);
}
