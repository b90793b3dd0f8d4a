import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import type { Language } from '../db/schema/people.ts';
import { html, type SafeHtml } from '../http/html.ts';
import { say } from './messages.ts';

/** The public stylesheet, read once; its hash in the URL lets browsers cache it for a year. */
export const stylesheet = readFileSync(new URL('./public.css', import.meta.url), 'utf8');
export const stylesheetPath = `/public.css?v=${createHash('sha256').update(stylesheet).digest('hex').slice(0, 12)}`;

export interface PageInput {
  language: Language;
  title: string;
  /** Extra head elements: meta tags, links, JSON-LD. */
  head?: SafeHtml;
  /** The skip link's text and the main content. */
  skipLabel: string;
  main: SafeHtml;
  bodyClass?: string;
  /** Without the site header and footer (the widget). */
  compact?: boolean;
}

/** The shell of every public page: landmarks, a skip link, the stylesheet, no script. */
export function page(config: Config, input: PageInput): string {
  const hub = `/stories?lang=${input.language}`;
  return html`<!doctype html>
<html lang="${input.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title}</title>
<link rel="stylesheet" href="${stylesheetPath}">
${input.head}
</head>
<body${input.bodyClass ? html` class="${input.bodyClass}"` : ''}>
${input.compact ? '' : html`<a class="skip" href="#main">${input.skipLabel}</a>
<header class="site-header"><div class="wrap wide"><a href="${hub}">${config.organisationName} · ${say(input.language, 'stories')}</a></div></header>`}
<main id="main" tabindex="-1">
${input.main}
</main>
${input.compact ? '' : html`<footer class="site-footer"><div class="wrap wide"><a href="${hub}">${say(input.language, 'allStories')}</a> · <a href="/stories/feed.xml?lang=${input.language}">${say(input.language, 'rss')}</a></div></footer>`}
</body>
</html>
`.value;
}

/**
 * JSON for a `<script type="application/ld+json">` block: `<` is written as \u003c so no value can
 * close the script element or open a comment, whatever a title or summary holds.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
