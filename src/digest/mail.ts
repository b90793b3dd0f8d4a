import type { Language } from '../db/schema/people.ts';
import { html } from '../http/html.ts';
import { t } from '../i18n/index.ts';
import { mailLayout, type RenderedMail } from '../mail/templates.ts';
import type { WeekImpact } from './impact.ts';

export interface DigestStory {
  title: string;
  summary: string;
  url: string;
}

export interface DigestContent {
  organisation: string;
  name: string;
  impact: WeekImpact;
  stories: DigestStory[];
  feedUrl: string;
  impactUrl: string;
  unsubscribeUrl: string;
}

const line = (text: string) => text.replace(/[\r\n]+/g, ' ');

/**
 * The weekly digest in Dutch or English: last week's impact, the top stories for the reader and
 * the way out. One column from 320 px up, a visible primary button, and the same links in the
 * HTML and the text part (their order too).
 */
export function renderDigestMail(language: Language, content: DigestContent): RenderedMail {
  const vars = { organisation: line(content.organisation), name: content.name, count: content.stories.length };
  const subject = t(language, content.stories.length > 1 ? 'digest.subject' : content.stories.length === 1 ? 'digest.subject_one' : 'digest.subject_impact_only', vars);
  const greeting = t(language, 'digest.greeting', vars);
  const impactHeading = t(language, 'digest.impact_heading');
  const figures = [
    { label: t(language, 'digest.impact_shares'), value: content.impact.shares },
    { label: t(language, 'digest.impact_clicks'), value: content.impact.humanClicks },
    { label: t(language, 'digest.impact_visitors'), value: content.impact.visitors },
    { label: t(language, 'digest.impact_applications'), value: content.impact.applications },
  ];
  const quiet = figures.every((figure) => figure.value === 0);
  const impactNote = t(language, quiet ? 'digest.impact_none' : 'digest.impact_bots', vars);
  const storiesHeading = t(language, 'digest.stories_heading');
  const storiesIntro = t(language, 'digest.stories_intro');
  const feedButton = t(language, 'digest.feed_button');
  const impactLink = t(language, 'digest.impact_link');
  const footer = t(language, 'digest.footer', vars);
  const unsubscribe = t(language, 'digest.unsubscribe');
  const stories = content.stories.map((story) => ({ ...story, title: line(story.title) }));

  const body = html`<h1 style="font-size:20px;line-height:1.3;margin:0 0 16px;">${subject}</h1>
<p style="margin:0 0 20px;">${greeting}</p>
<h2 style="font-size:17px;margin:0 0 8px;">${impactHeading}</h2>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 8px;">
${figures.map((figure) => html`<tr><td style="padding:4px 0;border-bottom:1px solid #e5e7eb;">${figure.label}</td><td align="right" style="padding:4px 0 4px 12px;border-bottom:1px solid #e5e7eb;font-weight:bold;white-space:nowrap;">${figure.value}</td></tr>`)}
</table>
<p style="margin:0 0 24px;font-size:14px;color:#4a5058;">${impactNote}</p>
${
  stories.length > 0
    ? html`<h2 style="font-size:17px;margin:0 0 8px;">${storiesHeading}</h2>
<p style="margin:0 0 12px;">${storiesIntro}</p>
${stories.map(
  (story) => html`<div style="margin:0 0 16px;padding:12px;border:1px solid #d0d7de;border-radius:6px;">
<p style="margin:0 0 4px;font-weight:bold;font-size:16px;">${story.title}</p>
${story.summary ? html`<p style="margin:0 0 8px;">${story.summary}</p>` : ''}
<a href="${story.url}" style="color:#1c5fb8;">${t(language, 'digest.read_story', { title: story.title })}</a>
</div>`,
)}`
    : ''
}
<p style="margin:8px 0 16px;"><a href="${content.feedUrl}" style="display:inline-block;background:#1c5fb8;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 24px;border-radius:6px;">${feedButton}</a></p>
<p style="margin:0 0 24px;"><a href="${content.impactUrl}" style="color:#1c5fb8;">${impactLink}</a></p>
<p style="margin:0 0 8px;font-size:12px;color:#4a5058;">${footer}</p>
<p style="margin:0;font-size:12px;"><a href="${content.unsubscribeUrl}" style="color:#4a5058;">${unsubscribe}</a></p>`;

  const text = [
    subject,
    '',
    greeting,
    '',
    impactHeading,
    ...figures.map((figure) => `- ${figure.label}: ${figure.value}`),
    impactNote,
    '',
    ...(stories.length > 0 ? [storiesHeading, storiesIntro, '', ...stories.flatMap((story) => [`* ${story.title}`, ...(story.summary ? [`  ${line(story.summary)}`] : []), `  ${t(language, 'digest.read_story', { title: story.title })}: ${story.url}`, ''])] : []),
    `${feedButton}: ${content.feedUrl}`,
    `${impactLink}: ${content.impactUrl}`,
    '',
    footer,
    `${unsubscribe}: ${content.unsubscribeUrl}`,
  ].join('\n');

  const page = mailLayout(language, subject, body);
  return { subject, text, html: page };
}
