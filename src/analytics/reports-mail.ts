import type { Language } from '../db/schema/people.ts';
import { html } from '../http/html.ts';
import { t } from '../i18n/index.ts';
import type { RenderedMail } from '../mail/templates.ts';
import { mailLayout } from '../mail/templates.ts';
import type { ReportPeriod } from './reports-period.ts';
import type { Overview } from './schema.ts';

export interface ReportMailContent {
  organisation: string;
  reportName: string;
  frequency: 'weekly' | 'monthly';
  period: ReportPeriod;
  /** The filters in words ("Department: Care, Persona: loyal_fan"); empty when none. */
  filters: string;
  overview: Overview;
  /** The dashboard with the same period and filters. */
  url: string;
}

type Figures = Omit<Overview, 'period' | 'previousPeriod' | 'previous'>;
interface Line {
  label: string;
  value: (f: Figures) => number | null | undefined;
  money?: boolean;
}

function formatDay(language: Language, day: string): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/**
 * The scheduled report: the key figures of a period next to the period before, as an HTML table
 * (in the one mail layout) and the same lines as plain text, with a link to the dashboard.
 */
export function renderReportMail(language: Language, c: ReportMailContent): RenderedMail {
  const numbers = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 0 });
  const emv = c.overview.earnedMediaValue;
  const currency = emv?.currency ?? 'EUR';
  const money = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency, maximumFractionDigits: 0 });
  const precise = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency, maximumFractionDigits: 2 });
  const lines: Line[] = [
    { label: t(language, 'report.participation', { invited: numbers.format(c.overview.participation?.invited ?? 0) }), value: (f) => f.participation?.active },
    { label: t(language, 'report.sharers'), value: (f) => f.participation?.sharers },
    { label: t(language, 'report.shares'), value: (f) => f.shares },
    { label: t(language, 'report.human_clicks'), value: (f) => f.clicks?.human },
    { label: t(language, 'report.visitors'), value: (f) => f.clicks?.visitors },
    { label: t(language, 'report.applications'), value: (f) => f.conversions?.application },
    { label: t(language, 'report.hires'), value: (f) => f.conversions?.hire },
    { label: t(language, 'report.emv', { currency }), value: (f) => f.earnedMediaValue?.amount, money: true },
  ];
  const suppressed = t(language, 'report.suppressed');
  const show = (f: Figures | null, line: Line): string => {
    if (!f) return '–';
    if (f.suppressed) return suppressed;
    const v = line.value(f);
    if (v === null || v === undefined) return '–';
    return line.money ? money.format(v) : numbers.format(v);
  };
  const current = c.overview;
  const previous = c.overview.previous;
  const vars = { organisation: c.organisation, period: c.frequency === 'weekly' ? c.period.key : new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${c.period.from}T00:00:00Z`)) };
  const subject = t(language, c.frequency === 'weekly' ? 'report.subject_weekly' : 'report.subject_monthly', vars).replace(/[\r\n]+/g, ' ');
  const intro = t(language, 'report.intro', { name: c.reportName, from: formatDay(language, c.period.from), to: formatDay(language, c.period.to) });
  const filtered = c.filters ? t(language, 'report.filtered', { filters: c.filters }) : null;
  const emvNote = emv ? t(language, 'report.emv_note', { costPerClick: precise.format(emv.costPerClick), cpm: precise.format(emv.costPerThousandImpressions) }) : null;
  const notes = [t(language, 'report.bots_note'), ...(emvNote ? [emvNote] : [])];
  const button = t(language, 'report.button');
  const why = t(language, 'report.why', { name: c.reportName });
  const cell = 'padding:6px 8px;border-bottom:1px solid #d0d7de;';
  const body = html`<h1 style="font-size:20px;margin:0 0 16px;">${subject}</h1>
<p style="margin:0 0 8px;">${intro}</p>
${filtered ? html`<p style="margin:0 0 16px;color:#4a5058;">${filtered}</p>` : ''}
<table role="table" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse;margin:0 0 16px;font-size:15px;">
<thead><tr><th scope="col" style="${cell}text-align:left;">${t(language, 'report.figure')}</th><th scope="col" style="${cell}text-align:right;">${t(language, 'report.this_period')}</th><th scope="col" style="${cell}text-align:right;">${t(language, 'report.previous_period')}</th></tr></thead>
<tbody>${lines.map((line) => html`<tr><th scope="row" style="${cell}text-align:left;font-weight:normal;">${line.label}</th><td style="${cell}text-align:right;font-weight:bold;">${show(current, line)}</td><td style="${cell}text-align:right;color:#4a5058;">${show(previous, line)}</td></tr>`)}</tbody>
</table>
${notes.map((note) => html`<p style="margin:0 0 8px;font-size:14px;color:#4a5058;">${note}</p>`)}
<p style="margin:16px 0 24px;"><a href="${c.url}" style="display:inline-block;background:#1c5fb8;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 24px;border-radius:6px;">${button}</a></p>
<p style="margin:0 0 8px;font-size:14px;color:#4a5058;">${t(language, 'mail.link_fallback')}<br><a href="${c.url}" style="color:#1c5fb8;word-break:break-all;">${c.url}</a></p>
<p style="margin:24px 0 0;font-size:12px;color:#4a5058;">${why}</p>`;
  const text = [
    subject,
    '',
    intro,
    ...(filtered ? [filtered] : []),
    '',
    ...lines.map((line) => `${line.label}: ${show(current, line)} (${t(language, 'report.previous_period').toLowerCase()}: ${show(previous, line)})`),
    '',
    ...notes,
    '',
    `${button}: ${c.url}`,
    '',
    why,
  ].join('\n');
  return { subject, text, html: mailLayout(language, subject, body) };
}
