import { isbot } from 'isbot';

/**
 * Link-preview crawlers: they fetch a shared link to draw its card, so they get the Open Graph
 * page. Teams fetches as "SkypeUriPreview" and, newer, "MicrosoftPreview".
 */
const previewCrawlers = /LinkedInBot|facebookexternalhit|Facebot|Twitterbot|Slackbot-LinkExpanding|Slack-ImgProxy|WhatsApp|TelegramBot|SkypeUriPreview|MicrosoftPreview|Discordbot|Pinterestbot|redditbot|Iframely|Embedly|Mastodon|Bluesky|vkShare|XING-contenttabreceiver|Snap URL Preview/i;

/** In-app browsers of social apps: people reading inside LinkedIn or Facebook, not crawlers. */
const inAppBrowsers = /LinkedInApp|FBAN\/|FBAV\/|FB_IAB|Instagram/;

export type OpeningKind = 'visit' | 'preview' | 'bot';

/**
 * Who opened a link, from the user agent: a person (visit), a link-preview crawler (preview) or
 * another automated client that isbot recognises (bot). A missing user agent is a person: some
 * privacy tools strip it, and a miscounted visit costs less than a lost one.
 */
export function classifyUserAgent(userAgent: string | undefined): OpeningKind {
  const ua = userAgent ?? '';
  if (inAppBrowsers.test(ua)) return 'visit';
  if (previewCrawlers.test(ua)) return 'preview';
  return isbot(ua) ? 'bot' : 'visit';
}

/** Device class of a person's browser, from the user agent. */
export function deviceClass(userAgent: string | undefined): 'mobile' | 'tablet' | 'desktop' {
  const ua = userAgent ?? '';
  if (/iPad|Tablet|PlayBook|Silk|Kindle|Nexus (7|9|10)\b/i.test(ua) || (/Android/i.test(ua) && !/Mobile/i.test(ua))) return 'tablet';
  if (/Mobi|iPhone|iPod|Android|Windows Phone|BlackBerry|Opera Mini/i.test(ua)) return 'mobile';
  return 'desktop';
}

/** The host (lower-case, no port, path or query) of a Referer header, or null. */
export function referrerHost(referer: string | undefined): string | null {
  if (!referer) return null;
  try {
    const url = new URL(referer);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}
