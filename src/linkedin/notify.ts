import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { people } from '../db/schema/index.ts';
import { html } from '../http/html.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { mailLayout } from '../mail/templates.ts';
import { createNotification } from '../notifications/service.ts';

/**
 * Tells a person something about their LinkedIn connection or posts: always in the bell (in-app),
 * and by e-mail when e-mail is one of their notification channels. In their language (nl/en).
 */
export async function notifyPerson(
  ctx: AppContext,
  personId: string,
  message: { title: MessageKey; body: MessageKey; params?: Record<string, string | number>; path: string; kind: string },
): Promise<void> {
  const [person] = await ctx.database.db
    .select({ email: people.email, language: people.language, channels: people.notificationChannels, erasedAt: people.erasedAt })
    .from(people)
    .where(eq(people.id, personId))
    .limit(1);
  if (!person || person.erasedAt) return;
  const lang = person.language;
  const params = message.params ?? {};
  const title = t(lang, message.title, params);
  const body = t(lang, message.body, params);
  await createNotification(ctx.database.db, { personId, title, body, url: message.path }, ctx.clock.now());
  if (!person.channels.includes('email')) return;
  const url = `${ctx.config.baseUrl}${message.path}`;
  const action = t(lang, 'linkedin.mail_action');
  const page = mailLayout(
    lang,
    title,
    html`<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px;">${title}</h1>
<p style="margin:0 0 20px;">${body}</p>
<p style="margin:0 0 24px;"><a href="${url}" style="display:inline-block;background:#1c5fb8;color:#ffffff;text-decoration:none;font-weight:bold;font-size:17px;padding:14px 24px;border-radius:6px;">${action}</a></p>
<p style="margin:0;font-size:14px;color:#4a5058;">${t(lang, 'mail.link_fallback')}<br><a href="${url}" style="color:#1c5fb8;word-break:break-all;">${url}</a></p>`,
  );
  await ctx.mailer.send({ to: person.email, personId, kind: message.kind, subject: title, text: [title, '', body, '', `${action}: ${url}`].join('\n'), html: page });
}
