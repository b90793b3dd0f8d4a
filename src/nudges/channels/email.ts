import type { ChannelDelivery, NudgeMessage } from './types.ts';
import type { AppContext } from '../../context.ts';
import { html } from '../../http/html.ts';
import { t } from '../../i18n/index.ts';
import { mailLayout, type RenderedMail } from '../../mail/templates.ts';
import { openPixelUrl } from '../tracking.ts';
import { getSetting } from '../../settings/service.ts';
import { unsubscribeUrl } from '../unsubscribe.ts';

/**
 * A nudge e-mail: one narrow column that never scrolls sideways (max-width, no fixed widths,
 * long URLs break), one primary button, the same links in the HTML and text part (the action and
 * the unsubscribe page), and the open pixel with an empty alt (it is decoration).
 */
export function renderNudgeMail(message: NudgeMessage, links: { unsubscribe: string; pixel: string; organisation: string }): RenderedMail {
  const lang = message.person.language;
  const why = t(lang, 'mail.nudge.why', { organisation: links.organisation });
  const unsubscribeLabel = t(lang, 'mail.nudge.unsubscribe');
  const fallback = t(lang, 'mail.link_fallback');
  const paragraphs = message.body.split(/\n{2,}/);
  const body = html`<p style="margin:0 0 8px;font-size:14px;color:#4a5058;">${links.organisation}</p>
<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px;">${message.title}</h1>
${paragraphs.map((p) => html`<p style="margin:0 0 20px;">${p}</p>`)}
<p style="margin:0 0 24px;"><a href="${message.actionUrl}" class="primary-button" style="display:inline-block;background:#1c5fb8;color:#ffffff;text-decoration:none;font-weight:bold;font-size:17px;padding:14px 24px;border-radius:6px;max-width:100%;box-sizing:border-box;">${message.actionLabel}</a></p>
<p style="margin:0 0 8px;font-size:14px;color:#4a5058;">${fallback}<br><a href="${message.actionUrl}" style="color:#1c5fb8;word-break:break-all;">${message.actionUrl}</a></p>
<p style="margin:24px 0 0;font-size:13px;color:#4a5058;">${why} <a href="${links.unsubscribe}" style="color:#1c5fb8;word-break:break-all;">${unsubscribeLabel}</a></p>
<img src="${links.pixel}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;">`;
  const page = mailLayout(lang, message.title, body);
  const text = [message.title, '', ...paragraphs.flatMap((p) => [p, '']), `${message.actionLabel}: ${message.actionUrl}`, '', `${why} ${unsubscribeLabel}: ${links.unsubscribe}`].join('\n');
  return { subject: message.title, text, html: page };
}

/** The e-mail channel: the nudge mail with an unsubscribe link and RFC 8058 one-click headers. */
export const deliverEmail: ChannelDelivery = async (ctx: AppContext, message: NudgeMessage) => {
  const organisation = (await getSetting(ctx.database.db, 'organisation.name')) ?? ctx.config.organisationName;
  // One token for the body and the header, so both name the same link.
  const unsubscribe = unsubscribeUrl(ctx, message.person.id, 'nudges');
  const mail = renderNudgeMail(message, { unsubscribe, pixel: openPixelUrl(ctx, message.nudgeId), organisation });
  const headers = { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  await ctx.mailer.send({ ...mail, to: message.person.email, personId: message.person.id, kind: 'nudge', headers });
};
