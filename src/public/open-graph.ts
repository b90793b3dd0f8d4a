import { html, type SafeHtml } from '../http/html.ts';

export interface OpenGraphInput {
  title: string;
  description: string;
  /** og:url — the short link on preview pages, so the preview card keeps the tracked link. */
  url: string;
  /** Absolute URL of the 1200×627 share image, or null. */
  imageUrl: string | null;
  imageAlt: string;
  language: 'nl' | 'en';
  siteName: string;
  type?: 'article' | 'website';
  publishedAt?: Date | null;
}

/** Open Graph and Twitter card meta tags for a story page or a link preview, escaped. */
export function openGraphTags(input: OpenGraphInput): SafeHtml {
  const locale = input.language === 'nl' ? 'nl_NL' : 'en_GB';
  return html`<meta property="og:type" content="${input.type ?? 'article'}">
<meta property="og:site_name" content="${input.siteName}">
<meta property="og:locale" content="${locale}">
<meta property="og:title" content="${input.title}">
<meta property="og:description" content="${input.description}">
<meta property="og:url" content="${input.url}">
${input.imageUrl ? html`<meta property="og:image" content="${input.imageUrl}">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="627">
<meta property="og:image:alt" content="${input.imageAlt}">` : ''}
${input.publishedAt ? html`<meta property="article:published_time" content="${input.publishedAt.toISOString()}">` : ''}
<meta name="twitter:card" content="${input.imageUrl ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${input.title}">
<meta name="twitter:description" content="${input.description}">
${input.imageUrl ? html`<meta name="twitter:image" content="${input.imageUrl}">` : ''}`;
}
