import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { SignedIn } from '../auth/context.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { audiences, type Language, type Network, networks, themes, vacancies, vacancyThemes } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { vacancyPageUrl } from '../public/urls.ts';
import { networkLimits, X_LINK_LENGTH, xLength } from './composer.ts';
import { networkSchema } from './schema.ts';

/** A vacancy as the composer shares it. */
export interface ShareableVacancy {
  id: string;
  slug: string;
  title: string;
  department: string | null;
  location: string | null;
  employmentType: string | null;
  /** Null when the source did not say. */
  language: Language | null;
  status: 'open' | 'closed';
}

const vacancyColumns = {
  id: vacancies.id,
  slug: vacancies.slug,
  title: vacancies.title,
  department: vacancies.departmentName,
  location: vacancies.location,
  employmentType: vacancies.employmentType,
  language: vacancies.language,
  status: vacancies.status,
};

/** A vacancy that can be shared: it exists (404) and is open (409: a closed one brings no candidates). */
export async function shareableVacancy(tx: Tx, vacancyId: string): Promise<ShareableVacancy> {
  const [vacancy] = await tx.select(vacancyColumns).from(vacancies).where(eq(vacancies.id, vacancyId)).limit(1);
  if (!vacancy) throw notFound('vacancy_not_found', vacancyId);
  if (vacancy.status !== 'open') throw new AppError(409, 'vacancy_closed', 'error.vacancy_closed', { title: vacancy.title });
  return vacancy;
}

/** Cuts a title so a short post stays short; whole words where it can. */
function shortened(title: string, max: number): string {
  if (title.length <= max) return title;
  const cut = title.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

type Parts = { title: string; department: string | null; location: string | null };
type Texts = Record<Network, (v: Parts) => string>;

const inLocation = (location: string | null) => (location ? ` in ${location}` : '');

// Starting points, never finished posts: the composer asks for the ambassador's own words, and a
// text copied from here unchanged is counted as not personalised (it is a suggestion like a story's).
const texts: Record<Language, Texts> = {
  nl: {
    linkedin: (v) =>
      `We zoeken een ${v.title}${v.department ? ` voor ons team ${v.department}` : ''}${inLocation(v.location)}. Ik werk hier zelf en zou graag een nieuwe collega verwelkomen. Ken jij iemand die hier past? Kijk eens of stuur het door.`,
    x: (v) => `Vacature: ${shortened(v.title, 120)}${v.location ? ` (${shortened(v.location, 60)})` : ''}. Ken jij iemand die past?`,
    facebook: (v) => `Bij ons is een plek vrij als ${v.title}${inLocation(v.location)}. Ik werk er zelf met plezier. Ken jij iemand?`,
    whatsapp: (v) => `Hoi! Bij ons is een plek vrij als ${v.title}${inLocation(v.location)}. Ik moest aan jou denken (of aan iemand die je kent). Kijk maar:`,
    email: (v) =>
      `Hoi,\n\nWe zoeken een ${v.title}${v.department ? ` voor ons team ${v.department}` : ''}${inLocation(v.location)}. Ik werk hier met plezier en dacht dat jij misschien iemand kent die past, of er zelf zin in hebt. In de link staat alles over de functie.\n\nGroet,`,
    link: (v) => `Vacature: ${v.title}${inLocation(v.location)}`,
  },
  en: {
    linkedin: (v) =>
      `We are hiring a ${v.title}${v.department ? ` for our ${v.department} team` : ''}${inLocation(v.location)}. I work here myself and would love to welcome a new colleague. Know someone who would fit in? Take a look or pass it on.`,
    x: (v) => `We are hiring: ${shortened(v.title, 120)}${v.location ? ` (${shortened(v.location, 60)})` : ''}. Know someone who fits?`,
    facebook: (v) => `There is an opening for a ${v.title}${inLocation(v.location)} where I work. I enjoy working here. Know anyone?`,
    whatsapp: (v) => `Hi! We have an opening for a ${v.title}${inLocation(v.location)}. I thought of you (or someone you know). Have a look:`,
    email: (v) =>
      `Hi,\n\nWe are looking for a ${v.title}${v.department ? ` for our ${v.department} team` : ''}${inLocation(v.location)}. I enjoy working here and thought you might know someone who fits, or fancy it yourself. The link has everything about the role.\n\nBest,`,
    link: (v) => `Vacancy: ${v.title}${inLocation(v.location)}`,
  },
};

/** A suggested text, fitted to the network's limit (on X with the space and the 23 characters of the link). */
function fitted(network: Network, text: string): string {
  const limit = networkLimits[network];
  const length = (candidate: string) => (network === 'x' ? xLength(candidate) + 1 + X_LINK_LENGTH : Array.from(candidate).length);
  if (limit === null || length(text) <= limit) return text;
  let chars = Array.from(text);
  while (chars.length > 0 && length(`${chars.join('').trimEnd()}…`) > limit) chars = chars.slice(0, -10);
  return `${chars.join('').trimEnd()}…`;
}

/**
 * Suggested share texts for a vacancy, per language and network, built from its title,
 * department and location; the first language given comes first.
 * @example vacancySuggestions(vacancy, ['nl', 'en'])
 */
export function vacancySuggestions(vacancy: Parts, order: readonly Language[]): { id: string; language: Language; network: Network; text: string }[] {
  return order.flatMap((language) => networks.map((network) => ({ id: `${language}-${network}`, language, network, text: fitted(network, texts[language][network](vacancy)) })));
}

/** The language of a vacancy's share texts and disclosure: its own, else the sharer's. */
export const shareLanguageOf = (vacancy: { language: Language | null }, fallback: Language): Language => vacancy.language ?? fallback;

export const vacancyShareKitSchema = z
  .object({
    vacancy: z.object({
      id: z.uuid(),
      slug: z.string(),
      title: z.string(),
      department: z.string().nullable(),
      location: z.string().nullable(),
      employmentType: z.string().nullable(),
      language: z.enum(['nl', 'en']).nullable(),
      /** The public vacancy page every share's short link leads to. */
      url: z.string(),
      themes: z.array(z.object({ id: z.uuid(), key: z.string(), name: z.string() })),
    }),
    /** A vacancy is shared for candidates; send this key as `audience` to /shares/check and /shares. */
    audience: z.object({ key: z.string(), name: z.string() }),
    /** The language the disclosure and the first suggestions are in. */
    language: z.enum(['nl', 'en']),
    headline: z.string(),
    teaser: z.string(),
    suggestions: z.array(z.object({ id: z.string(), language: z.enum(['nl', 'en']), network: networkSchema, text: z.string() })),
  })
  .meta({ id: 'VacancyShareKit' });
export type VacancyShareKit = z.infer<typeof vacancyShareKitSchema>;

export const VACANCY_AUDIENCE = 'candidates';

/** GET /vacancies/{id}/share-kit: what the composer needs to share an open vacancy. */
export async function vacancyShareKit(ctx: AppContext, auth: SignedIn, vacancyId: string): Promise<VacancyShareKit> {
  const db = ctx.database.db;
  const vacancy = await shareableVacancy(db, vacancyId);
  const themeRows = await db
    .select({ id: themes.id, key: themes.key, nameNl: themes.nameNl, nameEn: themes.nameEn })
    .from(vacancyThemes)
    .innerJoin(themes, eq(themes.id, vacancyThemes.themeId))
    .where(eq(vacancyThemes.vacancyId, vacancyId))
    .orderBy(themes.key);
  const [audience] = await db.select({ nameNl: audiences.nameNl, nameEn: audiences.nameEn }).from(audiences).where(eq(audiences.key, VACANCY_AUDIENCE)).limit(1);
  const ui = auth.language;
  const language = shareLanguageOf(vacancy, ui);
  const name = (value: { nameNl: string; nameEn: string }) => (ui === 'nl' ? value.nameNl : value.nameEn);
  return {
    vacancy: {
      id: vacancy.id,
      slug: vacancy.slug,
      title: vacancy.title,
      department: vacancy.department,
      location: vacancy.location,
      employmentType: vacancy.employmentType,
      language: vacancy.language,
      url: vacancyPageUrl(ctx.config, vacancy.slug),
      themes: themeRows.map((theme) => ({ id: theme.id, key: theme.key, name: name(theme) })),
    },
    audience: { key: VACANCY_AUDIENCE, name: audience ? name(audience) : VACANCY_AUDIENCE },
    language,
    headline: vacancy.title,
    teaser: [vacancy.department, vacancy.location].filter((part) => part).join(' · '),
    suggestions: vacancySuggestions(vacancy, language === 'nl' ? ['nl', 'en'] : ['en', 'nl']),
  };
}
