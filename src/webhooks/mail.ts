import type { Language } from '../db/schema/people.ts';
import { html } from '../http/html.ts';
import { t } from '../i18n/index.ts';
import { mailLayout, type RenderedMail } from '../mail/templates.ts';

export interface EndpointDisabledContent {
  organisation: string;
  name: string;
  endpointUrl: string;
  failures: number;
  /** The last attempt's outcome: `HTTP 500` or the network error. */
  lastError: string;
  /** The webhooks admin page. */
  url: string;
}

/** The notice to admins that Podium stopped sending to an endpoint that kept failing, in the one mail layout. */
export function renderEndpointDisabledMail(language: Language, c: EndpointDisabledContent): RenderedMail {
  const vars = { organisation: c.organisation, name: c.name, endpoint: c.endpointUrl, failures: c.failures, error: c.lastError };
  const subject = t(language, 'mail.webhook_disabled.subject', vars).replace(/[\r\n]+/g, ' ');
  const intro = t(language, 'mail.webhook_disabled.intro', vars);
  const last = t(language, 'mail.webhook_disabled.last_error', vars);
  const next = t(language, 'mail.webhook_disabled.next', vars);
  const button = t(language, 'mail.webhook_disabled.button', vars);
  const why = t(language, 'mail.webhook_disabled.why', vars);
  const body = html`<h1 style="font-size:20px;margin:0 0 16px;">${subject}</h1>
<p style="margin:0 0 8px;">${intro}</p>
<p style="margin:0 0 8px;word-break:break-all;"><code>${c.endpointUrl}</code></p>
<p style="margin:0 0 16px;">${last}</p>
<p style="margin:0 0 24px;">${next}</p>
<p style="margin:0 0 24px;"><a href="${c.url}" style="display:inline-block;background:#1c5fb8;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 24px;border-radius:6px;">${button}</a></p>
<p style="margin:0 0 8px;font-size:14px;color:#4a5058;">${t(language, 'mail.link_fallback')}<br><a href="${c.url}" style="color:#1c5fb8;word-break:break-all;">${c.url}</a></p>
<p style="margin:24px 0 0;font-size:12px;color:#4a5058;">${why}</p>`;
  const text = [subject, '', intro, c.endpointUrl, '', last, '', next, '', `${button}: ${c.url}`, '', why].join('\n');
  return { subject, text, html: mailLayout(language, subject, body) };
}
