import type { Language } from '../db/schema/people.ts';
import { html, type SafeHtml } from '../http/html.ts';
import { type MessageKey, t } from '../i18n/index.ts';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export type MailKind = 'sign_in' | 'setup' | 'invite' | 'alumni_sign_in' | 'alumni_invitation' | StoryMailKind;

/** The mails of the editorial workflow, to the people a step concerns. */
export type StoryMailKind = 'story_submitted' | 'changes_requested' | 'story_approved' | 'story_published' | 'approval_request';

interface MailContent {
  organisation: string;
  name: string;
  url: string;
  /** The story a workflow mail is about (fills `{title}`). */
  title?: string;
  /** An editor's or colleague's comment, quoted below the intro. */
  comment?: string | null;
}

const parts: Record<MailKind, { subject: MessageKey; intro: MessageKey; button: MessageKey; note: MessageKey | null; footer?: false }> = {
  sign_in: { subject: 'mail.sign_in.subject', intro: 'mail.sign_in.intro', button: 'mail.sign_in.button', note: 'mail.sign_in.ignore' },
  setup: { subject: 'mail.setup.subject', intro: 'mail.setup.intro', button: 'mail.setup.button', note: null, footer: false },
  invite: { subject: 'mail.invite.subject', intro: 'mail.invite.intro', button: 'mail.invite.button', note: 'mail.invite.validity' },
  // To an alumnus's personal e-mail (src/people/alumni.ts).
  alumni_sign_in: { subject: 'mail.alumni_sign_in.subject', intro: 'mail.alumni_sign_in.intro', button: 'mail.sign_in.button', note: 'mail.sign_in.ignore' },
  alumni_invitation: { subject: 'mail.alumni_invitation.subject', intro: 'mail.alumni_invitation.intro', button: 'mail.alumni_invitation.button', note: 'mail.alumni_invitation.validity' },
  story_submitted: { subject: 'mail.story_submitted.subject', intro: 'mail.story_submitted.intro', button: 'mail.story_submitted.button', note: null },
  changes_requested: { subject: 'mail.changes_requested.subject', intro: 'mail.changes_requested.intro', button: 'mail.changes_requested.button', note: null },
  story_approved: { subject: 'mail.story_approved.subject', intro: 'mail.story_approved.intro', button: 'mail.story_approved.button', note: null },
  story_published: { subject: 'mail.story_published.subject', intro: 'mail.story_published.intro', button: 'mail.story_published.button', note: null },
  approval_request: { subject: 'mail.approval_request.subject', intro: 'mail.approval_request.intro', button: 'mail.approval_request.button', note: null },
};

/**
 * The one layout of every e-mail Podium sends: a single table-based column that mail clients render
 * well from 320 px up — no fixed widths (max-width only), long words and links wrap, so it never
 * scrolls sideways on a phone.
 */
export function mailLayout(language: Language, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7;width:100%;">
<tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;width:100%;background:#ffffff;border-radius:8px;">
<tr><td style="padding:24px 20px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2328;word-wrap:break-word;overflow-wrap:anywhere;">${body}</td></tr>
</table></td></tr></table>
</body></html>`.value;
}

/** Renders one of Podium's transactional e-mails in Dutch or English, as HTML and plain text with the same link. */
export function renderMail(kind: MailKind, language: Language, content: MailContent): RenderedMail {
  const p = parts[kind];
  // A title with a line break must not split the Subject header.
  const vars = { organisation: content.organisation, name: content.name, title: (content.title ?? '').replace(/[\r\n]+/g, ' ') };
  const subject = t(language, p.subject, vars);
  const intro = t(language, p.intro, vars);
  const button = t(language, p.button, vars);
  const note = p.note ? t(language, p.note, vars) : null;
  const footer = p.footer === false ? '' : t(language, 'mail.footer', vars);
  const fallback = t(language, 'mail.link_fallback');
  const comment = content.comment ? { label: t(language, 'mail.story.comment'), text: content.comment } : null;
  const body = html`<h1 style="font-size:20px;margin:0 0 16px;">${subject}</h1>
<p style="margin:0 0 24px;">${intro}</p>
${comment ? html`<p style="margin:0 0 4px;font-weight:bold;">${comment.label}</p><blockquote style="margin:0 0 24px;padding:8px 12px;border-left:4px solid #d0d7de;white-space:pre-wrap;">${comment.text}</blockquote>` : ''}
<p style="margin:0 0 24px;"><a href="${content.url}" style="display:inline-block;background:#1c5fb8;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 24px;border-radius:6px;">${button}</a></p>
<p style="margin:0 0 8px;font-size:14px;color:#4a5058;">${fallback}<br><a href="${content.url}" style="color:#1c5fb8;word-break:break-all;">${content.url}</a></p>
${note ? html`<p style="margin:16px 0 0;font-size:14px;color:#4a5058;">${note}</p>` : ''}
${footer ? html`<p style="margin:24px 0 0;font-size:12px;color:#4a5058;">${footer}</p>` : ''}`;
  const text = [subject, '', intro, '', ...(comment ? [comment.label, comment.text, ''] : []), `${button}: ${content.url}`, '', ...(note ? [note, ''] : []), footer].join('\n').trimEnd();
  return { subject, text, html: mailLayout(language, subject, body) };
}
