import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../db/client.ts';
import {
  audiences,
  campaigns,
  campaignStories,
  type Language,
  type Network,
  shareSuggestions,
  stories,
  storyEvents,
  storyFeatured,
  type StoryFormat,
  type StoryStatus,
  storyThemes,
  storyVariants,
  themes,
} from '../db/schema/index.ts';
import { slugify } from '../stories/slug.ts';

const DAY = 86_400_000;

/** The demo's themes; keys stay stable so the recruitment demo can tie hiring needs to them. */
const demoThemes = [
  { key: 'techniek', nameNl: 'Techniek', nameEn: 'Engineering', description: 'Het vak achter onze projecten.' },
  { key: 'duurzaamheid', nameNl: 'Duurzaamheid', nameEn: 'Sustainability', description: 'Werk dat de energietransitie vooruit helpt.' },
  { key: 'werken-bij', nameNl: 'Werken bij', nameEn: 'Working here', description: 'Hoe het is om hier te werken.' },
  { key: 'innovatie', nameNl: 'Innovatie', nameEn: 'Innovation', description: 'Nieuwe ideeën en hoe ze ontstaan.' },
  { key: 'klantverhalen', nameNl: 'Klantverhalen', nameEn: 'Customer stories', description: 'Wat we samen met klanten bereiken.' },
  { key: 'young-professionals', nameNl: 'Young professionals', nameEn: 'Young professionals', description: 'De eerste jaren van een loopbaan.' },
] as const;
type ThemeKey = (typeof demoThemes)[number]['key'];

interface DemoStory {
  title: string;
  language: Language;
  format: StoryFormat;
  themes: ThemeKey[];
  summary: string;
  /** Index of the story this one translates (earlier in the list). */
  translates?: number;
}

/** Titles and summaries written for the demo (about 40, all formats, Dutch and English). */
const demoStories: DemoStory[] = [
  { title: 'Eén dag bij de storingsdienst', language: 'nl', format: 'behind_the_scenes', themes: ['techniek', 'werken-bij'], summary: 'Van het eerste alarm tot de laatste meting: een dienst met onze monteurs.' },
  { title: 'A day with the field service team', language: 'en', format: 'behind_the_scenes', themes: ['techniek', 'werken-bij'], summary: 'From the first alarm to the last measurement: a shift with our technicians.', translates: 0 },
  { title: 'Waarom ik na twintig jaar nog steeds graag kom', language: 'nl', format: 'column', themes: ['werken-bij'], summary: 'Een collega over wat hem hier houdt.' },
  { title: 'Interview: de jongste projectleider van het jaar', language: 'nl', format: 'interview', themes: ['young-professionals', 'techniek'], summary: 'Op haar zesentwintigste leidt ze een project van veertig mensen.' },
  { title: 'Interview: the youngest project lead of the year', language: 'en', format: 'interview', themes: ['young-professionals', 'techniek'], summary: 'At twenty-six she leads a project of forty people.', translates: 3 },
  { title: 'Zo rekenen wij met warmtepompen', language: 'nl', format: 'expertise', themes: ['duurzaamheid', 'techniek'], summary: 'Onze specialist legt uit hoe je een installatie goed dimensioneert.' },
  { title: 'Nieuw: onze vestiging in Eindhoven', language: 'nl', format: 'news', themes: ['werken-bij'], summary: 'Vanaf voorjaar werken zestig collega’s vanuit Eindhoven.' },
  { title: 'Vacature in de spotlight: data-engineer', language: 'nl', format: 'vacancy_spotlight', themes: ['techniek', 'innovatie'], summary: 'Wat je doet, met wie je werkt en wat je leert.' },
  { title: 'Vacancy spotlight: data engineer', language: 'en', format: 'vacancy_spotlight', themes: ['techniek', 'innovatie'], summary: 'What you do, who you work with and what you learn.', translates: 7 },
  { title: 'Bruggen bouwen zonder beton', language: 'nl', format: 'expertise', themes: ['duurzaamheid', 'innovatie'], summary: 'Hoe ons team houtbouw en staal combineert.' },
  { title: 'Klant aan het woord: de gemeente die van het gas af ging', language: 'nl', format: 'interview', themes: ['klantverhalen', 'duurzaamheid'], summary: 'Een wethouder en onze projectleider over drie jaar samenwerken.' },
  { title: 'What our apprentices taught us', language: 'en', format: 'column', themes: ['young-professionals'], summary: 'Our training lead on learning from the newest colleagues.' },
  { title: 'Achter de schermen bij de controlekamer', language: 'nl', format: 'behind_the_scenes', themes: ['techniek'], summary: 'Vierentwintig uur per dag houden zij het netwerk in de gaten.' },
  { title: 'In het nieuws: onze aanpak voor netcongestie', language: 'nl', format: 'external_article', themes: ['innovatie', 'duurzaamheid'], summary: 'Het vakblad schreef over ons slimme laadplein.' },
  { title: 'Mijn eerste honderd dagen', language: 'nl', format: 'column', themes: ['young-professionals', 'werken-bij'], summary: 'Een trainee blikt terug op haar start.' },
  { title: 'My first hundred days', language: 'en', format: 'column', themes: ['young-professionals', 'werken-bij'], summary: 'A trainee looks back on her start.', translates: 14 },
  { title: 'Hoe we de hackathon wonnen', language: 'nl', format: 'news', themes: ['innovatie'], summary: 'Vier collega’s, achtenveertig uur en een prototype dat nu in productie draait.' },
  { title: 'Customer story: a hospital that never goes dark', language: 'en', format: 'interview', themes: ['klantverhalen', 'techniek'], summary: 'How we keep the power on where it matters most.' },
  { title: 'Parttime werken als engineer? Zo doen wij dat', language: 'nl', format: 'interview', themes: ['werken-bij'], summary: 'Drie collega’s over werk en zorg combineren.' },
  { title: 'Vacature in de spotlight: monteur hoogspanning', language: 'nl', format: 'vacancy_spotlight', themes: ['techniek'], summary: 'Buiten werken aan het net van morgen.' },
  { title: 'Expert view: batteries on the grid', language: 'en', format: 'expertise', themes: ['duurzaamheid', 'innovatie'], summary: 'Our specialist on where storage makes sense and where it does not.' },
  { title: 'Zo ziet inwerken er bij ons uit', language: 'nl', format: 'behind_the_scenes', themes: ['werken-bij', 'young-professionals'], summary: 'Een buddy, een plan en een eerste klus in week twee.' },
  { title: 'This is how onboarding works here', language: 'en', format: 'behind_the_scenes', themes: ['werken-bij', 'young-professionals'], summary: 'A buddy, a plan and a first job in week two.', translates: 21 },
  { title: 'Klant aan het woord: de haven die elektrisch werd', language: 'nl', format: 'interview', themes: ['klantverhalen', 'duurzaamheid'], summary: 'Kranen en schepen aan de stekker.' },
  { title: 'Column: waarom ik mentor werd', language: 'nl', format: 'column', themes: ['werken-bij'], summary: 'Over kennis doorgeven en er zelf van leren.' },
  { title: 'News: record number of apprentices', language: 'en', format: 'news', themes: ['young-professionals'], summary: 'Forty apprentices started this year.' },
  { title: 'Van stagiair tot teamleider', language: 'nl', format: 'interview', themes: ['young-professionals', 'werken-bij'], summary: 'Zes jaar, vier rollen, één werkgever.' },
  { title: 'Innovatie uit de werkplaats: de slimme meetkoffer', language: 'nl', format: 'news', themes: ['innovatie', 'techniek'], summary: 'Een idee van twee monteurs, nu standaard in elke bus.' },
  { title: 'Behind the scenes: testing in the high-voltage lab', language: 'en', format: 'behind_the_scenes', themes: ['techniek', 'innovatie'], summary: 'Where new equipment proves itself before it goes outside.' },
  { title: 'Expertise: zo voorkom je storingen in de winter', language: 'nl', format: 'expertise', themes: ['techniek'], summary: 'Vijf lessen uit tien jaar winterdiensten.' },
  { title: 'Werken bij ons in Rotterdam', language: 'nl', format: 'behind_the_scenes', themes: ['werken-bij'], summary: 'Het team aan de Maas stelt zich voor.' },
  { title: 'Working with us in Rotterdam', language: 'en', format: 'behind_the_scenes', themes: ['werken-bij'], summary: 'The team on the river Maas introduces itself.', translates: 30 },
  { title: 'Duurzaam renoveren: de school die energie levert', language: 'nl', format: 'interview', themes: ['klantverhalen', 'duurzaamheid'], summary: 'Een schoolbestuurder over het eerste energieneutrale jaar.' },
  { title: 'Vacancy spotlight: grid planner', language: 'en', format: 'vacancy_spotlight', themes: ['techniek', 'duurzaamheid'], summary: 'Plan the grid that the energy transition needs.' },
  { title: 'Column: de kracht van saaie betrouwbaarheid', language: 'nl', format: 'column', themes: ['techniek'], summary: 'Waarom niemand merkt dat wij ons werk goed doen, en waarom dat mooi is.' },
  { title: 'In the press: our view on the energy transition', language: 'en', format: 'external_article', themes: ['duurzaamheid'], summary: 'An opinion piece by our director in a national newspaper.' },
  { title: 'Idee: een dag meelopen met de planners', language: 'nl', format: 'behind_the_scenes', themes: ['werken-bij'], summary: 'Hoe ziet de puzzel van een werkweek eruit?' },
  { title: 'Idee: interview met onze eerste vrouwelijke ploegleider', language: 'nl', format: 'interview', themes: ['techniek', 'werken-bij'], summary: 'Over vakmanschap en rolmodellen.' },
  { title: 'Draft: lessons from a year of remote inspections', language: 'en', format: 'expertise', themes: ['innovatie'], summary: 'Drones, cameras and what still needs a person on site.' },
  { title: 'Nieuws: samenwerking met de hogeschool', language: 'nl', format: 'news', themes: ['young-professionals', 'innovatie'], summary: 'Studenten lossen echte vraagstukken op in onze projecten.' },
];

/** Suggested LinkedIn texts per audience, in each language (two or three per audience). */
const suggestionTexts: Record<Language, Record<string, string[]>> = {
  nl: {
    candidates: ['Benieuwd hoe het is om bij ons te werken? Dit verhaal laat het zien.', 'Zo ziet een werkdag bij ons er echt uit. Misschien iets voor jou?', 'Trots op mijn collega’s in dit verhaal. We zoeken nog mensen zoals zij!'],
    colleagues: ['Mooi om te lezen wat collega’s elders in het bedrijf doen.', 'Wist je dit al van ons eigen team?'],
    press: ['Een kijkje achter de schermen bij ons werk aan het net van morgen.', 'Onze vakmensen vertellen zelf hoe ze het aanpakken.'],
    partners: ['Samen met partners bouwen we aan een betrouwbaar net. Lees hoe.', 'Dit is wat goede samenwerking oplevert.'],
  },
  en: {
    candidates: ['Curious what it is like to work here? This story shows it.', 'This is what a working day really looks like. Could it be yours?', 'Proud of my colleagues in this story. We are hiring people like them!'],
    colleagues: ['Great to read what colleagues elsewhere in the company are doing.', 'Did you know this about our own team?'],
    press: ['A look behind the scenes of our work on tomorrow’s grid.', 'Our specialists explain in their own words how they do it.'],
    partners: ['Together with partners we build a reliable grid. Read how.', 'This is what good collaboration delivers.'],
  },
};

export interface DemoPerson {
  id: string;
  roles: string[];
  active: boolean;
}

/**
 * Adds the demo's stories inside the demo organisation's transaction: themes, ~40 stories in every
 * format over a year around now (published, scheduled, in the workflow), translated pairs, featured
 * colleagues with their approvals, variants with LinkedIn suggestions, and three campaigns.
 * Bulk inserts keep it fast; the seeded random keeps it the same every time.
 */
export async function addDemoStories(tx: Tx, now: Date, rand: () => number, demoPeople: DemoPerson[]): Promise<{ stories: number; campaigns: number }> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const editors = demoPeople.filter((p) => p.roles.includes('editor'));
  const colleagues = demoPeople.filter((p) => p.active && !p.roles.includes('editor'));
  const themeRows = demoThemes.map((t) => ({ id: uuidv7(), ...t, createdAt: now, updatedAt: now }));
  const themeId = new Map(themeRows.map((t) => [t.key, t.id]));
  const audienceRows = await tx.select({ id: audiences.id, key: audiences.key }).from(audiences);
  const audienceId = new Map(audienceRows.map((a) => [a.key, a.id]));

  const storyRows: (typeof stories.$inferInsert)[] = [];
  const themeLinks: (typeof storyThemes.$inferInsert)[] = [];
  const featuredRows: (typeof storyFeatured.$inferInsert)[] = [];
  const events: (typeof storyEvents.$inferInsert)[] = [];
  const variantRows: (typeof storyVariants.$inferInsert)[] = [];
  const suggestionRows: (typeof shareSuggestions.$inferInsert)[] = [];
  const usedSlugs = new Set<string>();
  let future = 0;

  demoStories.forEach((demo, i) => {
    // Spread over the past ~11 months up to ~6 weeks ahead; translations come a day after their original.
    const original = demo.translates === undefined ? undefined : storyRows[demo.translates];
    const offsetDays = original ? 0 : Math.round(-270 + i * 8.25 + rand() * 4);
    const date = original?.plannedFor ? new Date(Date.parse(`${original.plannedFor}T09:00:00Z`) + DAY) : new Date(now.getTime() + offsetDays * DAY);
    const past = date.getTime() < now.getTime();
    const isIdea = demo.title.startsWith('Idee') || demo.title.startsWith('Draft');
    let status: StoryStatus;
    if (isIdea) status = demo.title.startsWith('Draft') ? 'draft' : 'idea';
    else if (past) status = i % 13 === 5 ? 'archived' : 'published';
    else {
      // Ahead of today: one of each step, and a scheduled one (published with a future date).
      status = (['approved', 'in_review', 'draft', 'published'] as const)[future % 4] ?? 'draft';
      future++;
    }
    const id = uuidv7();
    let slug = slugify(demo.title);
    for (let n = 2; usedSlugs.has(slug); n++) slug = `${slugify(demo.title)}-${n}`;
    usedSlugs.add(slug);
    const author = editors.length ? pick(editors).id : null;
    const submitter = i % 5 === 2 && colleagues.length ? pick(colleagues).id : null;
    const publishedAt = status === 'published' || status === 'archived' ? date : null;
    storyRows.push({
      id,
      translationGroupId: original?.translationGroupId ?? id,
      language: demo.language,
      format: demo.format,
      status,
      title: demo.title,
      slug,
      summary: demo.summary,
      bodyMarkdown: `${demo.summary}\n\n## ${demo.language === 'nl' ? 'Het verhaal' : 'The story'}\n\n${demo.language === 'nl' ? 'Collega’s vertellen in hun eigen woorden over hun werk.' : 'Colleagues tell about their work in their own words.'}`,
      authorId: author,
      submittedBy: submitter,
      externalUrl: demo.format === 'external_article' ? `https://www.example.com/news/${slug}` : null,
      publishAt: status === 'published' && !past ? date : null,
      publishedAt,
      archivedAt: status === 'archived' ? new Date(date.getTime() + 60 * DAY) : null,
      plannedFor: date.toISOString().slice(0, 10),
      createdAt: new Date(date.getTime() - 21 * DAY),
      updatedAt: publishedAt ?? now,
    });
    for (const key of demo.themes) themeLinks.push({ storyId: id, themeId: themeId.get(key) as string });

    const featuredCount = demo.format === 'news' || demo.format === 'external_article' ? 0 : 1 + Math.floor(rand() * 2);
    const chosen = new Set<string>();
    for (let f = 0; f < featuredCount && colleagues.length; f++) chosen.add(pick(colleagues).id);
    [...chosen].forEach((personId, position) => {
      const approval = publishedAt || status === 'approved' ? 'approved' : status === 'in_review' ? 'pending' : 'not_requested';
      featuredRows.push({
        storyId: id,
        personId,
        quote: demo.language === 'nl' ? 'Ik vind het mooi om te laten zien wat we hier doen.' : 'I like showing what we do here.',
        position,
        approval,
        requestedAt: approval === 'not_requested' ? null : new Date(date.getTime() - 7 * DAY),
        decidedAt: approval === 'approved' ? new Date(date.getTime() - 5 * DAY) : null,
      });
    });

    events.push({ storyId: id, actorId: submitter ?? author, kind: 'transition', fromStatus: null, toStatus: submitter ? 'in_review' : 'draft', at: new Date(date.getTime() - 21 * DAY) });
    if (publishedAt) events.push({ storyId: id, actorId: author, kind: 'transition', fromStatus: 'approved', toStatus: 'published', at: publishedAt });

    if (status !== 'idea') {
      const audienceKeys = ['candidates', 'colleagues', ...(i % 3 === 0 ? ['press'] : []), ...(i % 4 === 1 ? ['partners'] : [])];
      for (const key of audienceKeys) {
        const variantId = uuidv7();
        variantRows.push({ id: variantId, storyId: id, audienceId: audienceId.get(key) as string, headline: demo.title, teaser: demo.summary, createdAt: now, updatedAt: now });
        const texts = suggestionTexts[demo.language][key] ?? [];
        for (const [position, text] of texts.entries()) suggestionRows.push({ variantId, network: 'linkedin' as Network, text, position });
        suggestionRows.push({ variantId, network: 'x', text: demo.summary.slice(0, 200), position: texts.length });
      }
    }
  });

  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
  const storyIdsWith = (key: ThemeKey) => themeLinks.filter((l) => l.themeId === themeId.get(key)).map((l) => l.storyId);
  const campaignRows = [
    { id: uuidv7(), slug: 'techniek-talent', name: 'Techniek talent', goal: 'recruitment' as const, themeId: themeId.get('techniek') ?? null, description: 'Werving van monteurs en engineers.', startsOn: day(-30), endsOn: day(60), createdAt: now, updatedAt: now },
    { id: uuidv7(), slug: 'trots-op-ons-werk', name: 'Trots op ons werk', goal: 'employer_branding' as const, themeId: themeId.get('werken-bij') ?? null, description: 'Collega’s laten zien wat ze doen.', startsOn: day(-200), endsOn: day(-100), createdAt: now, updatedAt: now },
    { id: uuidv7(), slug: 'lancering-eindhoven', name: 'Lancering Eindhoven', goal: 'launch' as const, themeId: null, description: 'De nieuwe vestiging voorstellen.', startsOn: day(20), endsOn: day(80), createdAt: now, updatedAt: now },
  ];
  const campaignLinks = [
    ...storyIdsWith('techniek').slice(-8).map((storyId) => ({ campaignId: campaignRows[0]?.id as string, storyId })),
    ...storyIdsWith('werken-bij').slice(0, 6).map((storyId) => ({ campaignId: campaignRows[1]?.id as string, storyId })),
    ...storyRows.filter((s) => s.title?.includes('Eindhoven')).map((s) => ({ campaignId: campaignRows[2]?.id as string, storyId: s.id as string })),
  ];

  await tx.insert(themes).values(themeRows).onConflictDoNothing();
  await tx.insert(stories).values(storyRows);
  await tx.insert(storyThemes).values(themeLinks).onConflictDoNothing();
  if (featuredRows.length) await tx.insert(storyFeatured).values(featuredRows).onConflictDoNothing();
  await tx.insert(storyEvents).values(events);
  await tx.insert(storyVariants).values(variantRows);
  await tx.insert(shareSuggestions).values(suggestionRows);
  await tx.insert(campaigns).values(campaignRows);
  await tx.insert(campaignStories).values(campaignLinks).onConflictDoNothing();
  return { stories: storyRows.length, campaigns: campaignRows.length };
}
