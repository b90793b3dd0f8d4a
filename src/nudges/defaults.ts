import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../db/client.ts';
import { type NotificationChannel, type NudgeText, type NudgeTrigger, nudgeTemplates, type PersonaKey } from '../db/schema/index.ts';

export interface DefaultTemplate {
  key: string;
  trigger: NudgeTrigger;
  params: Record<string, unknown>;
  personas: PersonaKey[];
  channel: NotificationChannel;
  texts: { en: NudgeText; nl: NudgeText };
}

const everyone: PersonaKey[] = ['anchored', 'loyal_fan', 'cautious_mover', 'job_hopper', 'unknown'];

/**
 * The persona-aware defaults, after the four kinds of colleague (PRODUCT.md, idea 5):
 * - anchored colleague: rare, one tap, low pressure, never a ranking or leaderboard;
 * - loyal fan: what sharing does for their own visibility, an invitation to write a column;
 * - cautious mover: start small with a ready personal text, colleagues' examples, privacy reassurance;
 * - job hopper: early access, referral vacancies, an invitation to mentor a cautious mover.
 * Plus the onboarding sequence (day 0, 3, 7 after becoming active) and the alumni invitation.
 */
export const defaultTemplates: DefaultTemplate[] = [
  {
    key: 'new_story.anchored',
    trigger: 'new_story',
    params: { withinHours: 48, featuringTeamOnly: true },
    personas: ['anchored'],
    channel: 'email',
    texts: {
      en: { subject: 'Your team is in the spotlight', body: 'Hi {firstName}, “{storyTitle}” features your team. If you like it, one tap shares it — the text is ready. No need to do anything else.', action: 'Have a look' },
      nl: { subject: 'Je team staat in de schijnwerpers', body: 'Hoi {firstName}, “{storyTitle}” gaat over je team. Vind je het mooi, dan deel je het met één tik — de tekst staat klaar. Verder hoef je niets.', action: 'Even kijken' },
    },
  },
  {
    key: 'new_story.loyal_fan',
    trigger: 'new_story',
    params: { withinHours: 48 },
    personas: ['loyal_fan', 'unknown'],
    channel: 'in_app',
    texts: {
      en: { subject: 'New: {storyTitle}', body: '{firstName}, a new story on a theme you share about. Sharing it in your own words also shows your network what you know.', action: 'Share in your words' },
      nl: { subject: 'Nieuw: {storyTitle}', body: '{firstName}, een nieuw verhaal over een thema waarover jij deelt. Deel je het in je eigen woorden, dan ziet je netwerk ook wat jij weet.', action: 'Deel in je eigen woorden' },
    },
  },
  {
    key: 'new_story.cautious_mover',
    trigger: 'new_story',
    params: { withinHours: 48 },
    personas: ['cautious_mover'],
    channel: 'email',
    texts: {
      en: {
        subject: 'A small first step: {storyTitle}',
        body: 'Hi {firstName}, colleagues are sharing “{storyTitle}”. We prepared a short personal text you can use as is or change a little. You decide what you post; nobody sees your activity in a ranking.',
        action: 'See the ready text',
      },
      nl: {
        subject: 'Een kleine eerste stap: {storyTitle}',
        body: 'Hoi {firstName}, collega’s delen “{storyTitle}”. Er staat een korte persoonlijke tekst voor je klaar die je zo kunt gebruiken of een beetje aanpast. Jij bepaalt wat je plaatst; niemand ziet jouw activiteit in een ranglijst.',
        action: 'Bekijk de klaargezette tekst',
      },
    },
  },
  {
    key: 'new_story.job_hopper',
    trigger: 'new_story',
    params: { withinHours: 24 },
    personas: ['job_hopper'],
    channel: 'web_push',
    texts: {
      en: { subject: 'Early access: {storyTitle}', body: 'You are among the first to see it, {firstName}. Be first in your network too.', action: 'Share it first' },
      nl: { subject: 'Als eerste: {storyTitle}', body: 'Jij ziet het als een van de eersten, {firstName}. Wees ook de eerste in je netwerk.', action: 'Deel het als eerste' },
    },
  },
  {
    key: 'share_clicks.visibility',
    trigger: 'share_clicks',
    params: { clicks: 10, withinDays: 30 },
    personas: ['loyal_fan', 'job_hopper', 'unknown'],
    channel: 'email',
    texts: {
      en: {
        subject: '{clicks} people opened what you shared',
        body: '{firstName}, your share of “{storyTitle}” has been opened {clicks} times. That is your name in front of people — your own visibility grows with every share. Fancy writing a column yourself?',
        action: 'See your impact',
      },
      nl: {
        subject: '{clicks} mensen openden wat jij deelde',
        body: '{firstName}, jouw bericht over “{storyTitle}” is {clicks} keer geopend. Zo komt jouw naam bij mensen in beeld — je eigen zichtbaarheid groeit met elk bericht. Zin om zelf een column te schrijven?',
        action: 'Bekijk je impact',
      },
    },
  },
  {
    key: 'share_clicks.reassure',
    trigger: 'share_clicks',
    params: { clicks: 5, withinDays: 30 },
    personas: ['cautious_mover', 'anchored'],
    channel: 'in_app',
    texts: {
      en: { subject: 'Your share is being read', body: '{firstName}, “{storyTitle}” was opened {clicks} times through your link. Only you see this number.', action: 'See your shares' },
      nl: { subject: 'Je bericht wordt gelezen', body: '{firstName}, “{storyTitle}” is via jouw link {clicks} keer geopend. Alleen jij ziet dit aantal.', action: 'Bekijk je berichten' },
    },
  },
  {
    key: 'share_application.thanks',
    trigger: 'share_application',
    params: { withinDays: 14 },
    personas: everyone,
    channel: 'email',
    texts: {
      en: { subject: 'Someone applied after your share', body: '{firstName}, a person who opened your share of “{storyTitle}” went on to apply. Thank you — this is what sharing does.', action: 'See your impact' },
      nl: { subject: 'Iemand solliciteerde na jouw bericht', body: '{firstName}, iemand die jouw bericht over “{storyTitle}” opende, heeft daarna gesolliciteerd. Dank je wel — dit is wat delen doet.', action: 'Bekijk je impact' },
    },
  },
  {
    key: 'vacancy.loyal_fan',
    trigger: 'vacancy_needs_stories',
    params: { minNeed: 1 },
    personas: ['loyal_fan'],
    channel: 'email',
    texts: {
      en: { subject: 'Your department is hiring: {vacancyTitle}', body: '{firstName}, {department} is looking for a colleague and there are few stories about your work. Would you write a short column about what you do?', action: 'Share or write' },
      nl: { subject: 'Jouw afdeling zoekt: {vacancyTitle}', body: '{firstName}, {department} zoekt een collega en er zijn nog weinig verhalen over jullie werk. Wil jij een korte column schrijven over wat je doet?', action: 'Delen of schrijven' },
    },
  },
  {
    key: 'vacancy.job_hopper',
    trigger: 'vacancy_needs_stories',
    params: { minNeed: 1 },
    personas: ['job_hopper', 'unknown'],
    channel: 'in_app',
    texts: {
      en: { subject: 'Know someone for {vacancyTitle}?', body: '{firstName}, {department} is hiring. Share the vacancy with your network — a referral from you counts.', action: 'Share the vacancy' },
      nl: { subject: 'Ken jij iemand voor {vacancyTitle}?', body: '{firstName}, {department} zoekt iemand. Deel de vacature in je netwerk — een tip van jou telt.', action: 'Deel de vacature' },
    },
  },
  {
    key: 'inactive.anchored',
    trigger: 'inactive',
    params: { days: 30 },
    personas: ['anchored'],
    channel: 'email',
    texts: {
      en: { subject: 'One story picked for you', body: 'Hi {firstName}, no pressure: we picked one story you may like. One tap is enough.', action: 'Open it' },
      nl: { subject: 'Eén verhaal voor je uitgekozen', body: 'Hoi {firstName}, geen verplichting: we kozen één verhaal dat je misschien mooi vindt. Eén tik is genoeg.', action: 'Openen' },
    },
  },
  {
    key: 'inactive.cautious_mover',
    trigger: 'inactive',
    params: { days: 30 },
    personas: ['cautious_mover', 'unknown', 'loyal_fan'],
    channel: 'email',
    texts: {
      en: { subject: 'See how colleagues share', body: '{firstName}, colleagues shared new stories this month, many in just a sentence of their own. Look at their examples; you decide if and when you share.', action: 'See examples' },
      nl: { subject: 'Zie hoe collega’s delen', body: '{firstName}, collega’s deelden deze maand nieuwe verhalen, vaak met maar één eigen zin erbij. Bekijk hun voorbeelden; jij bepaalt of en wanneer je deelt.', action: 'Bekijk voorbeelden' },
    },
  },
  {
    key: 'inactive.job_hopper',
    trigger: 'inactive',
    params: { days: 30 },
    personas: ['job_hopper'],
    channel: 'email',
    texts: {
      en: { subject: 'Would you mentor a colleague?', body: '{firstName}, you know how LinkedIn works. Some colleagues are taking their first careful steps — would you show one of them how you share?', action: 'See what is new' },
      nl: { subject: 'Wil jij een collega op weg helpen?', body: '{firstName}, jij weet hoe LinkedIn werkt. Sommige collega’s zetten hun eerste voorzichtige stappen — wil jij er één laten zien hoe jij deelt?', action: 'Bekijk wat er nieuw is' },
    },
  },
  {
    key: 'onboarding.welcome',
    trigger: 'onboarding',
    params: { step: 'welcome', afterDays: 0 },
    personas: everyone,
    channel: 'email',
    texts: {
      en: { subject: 'Welcome to {organisation}’s stories', body: 'Welcome, {firstName}! Here you find stories by and about colleagues, ready to share in your own words. Sharing is never a duty; you can pause at any time.', action: 'Open your feed' },
      nl: { subject: 'Welkom bij de verhalen van {organisation}', body: 'Welkom, {firstName}! Hier vind je verhalen van en over collega’s, klaar om in je eigen woorden te delen. Delen is nooit een plicht; je kunt altijd pauzeren.', action: 'Open je feed' },
    },
  },
  {
    key: 'onboarding.first_share',
    trigger: 'onboarding',
    params: { step: 'first_share', afterDays: 3, onlyWithoutShares: true },
    personas: everyone,
    channel: 'email',
    texts: {
      en: { subject: 'Your first share, ready in one tap', body: '{firstName}, we put a short personal text ready for a story. Use it as it is or change a word — and share it in one tap.', action: 'See the ready text' },
      nl: { subject: 'Je eerste bericht, klaar in één tik', body: '{firstName}, we hebben een korte persoonlijke tekst bij een verhaal voor je klaargezet. Gebruik hem zo of verander een woord — en deel hem met één tik.', action: 'Bekijk de klaargezette tekst' },
    },
  },
  {
    key: 'onboarding.profile',
    trigger: 'onboarding',
    params: { step: 'profile', afterDays: 7 },
    personas: everyone,
    channel: 'email',
    texts: {
      en: { subject: 'Make Podium yours', body: '{firstName}, choose how you hear from us (e-mail, app, quiet hours) and tell us your network size so we can show your reach.', action: 'Open your profile' },
      nl: { subject: 'Maak Podium van jou', body: '{firstName}, kies hoe je van ons hoort (e-mail, app, stille uren) en vul je netwerkgrootte in, zodat we je bereik kunnen laten zien.', action: 'Open je profiel' },
    },
  },
  {
    key: 'leaving.alumni',
    trigger: 'leaving',
    params: { withinDays: 30 },
    personas: everyone,
    channel: 'email',
    texts: {
      en: {
        subject: 'Stay in touch as {organisation} alumni',
        body: 'Thank you for everything, {firstName}. Your shared links keep working. Join our alumni programme to keep sharing public stories, with a sign-in link to your personal e-mail.',
        action: 'Join the alumni programme',
      },
      nl: {
        subject: 'Blijf in contact als alumnus van {organisation}',
        body: 'Bedankt voor alles, {firstName}. Je gedeelde links blijven werken. Word lid van ons alumniprogramma en blijf openbare verhalen delen, met een inloglink naar je persoonlijke e-mail.',
        action: 'Word lid van het alumniprogramma',
      },
    },
  },
];

/**
 * Installs the default templates by key, idempotently: an existing template (perhaps edited or
 * switched off by an admin) is left alone; only missing keys are added.
 */
export async function installDefaultTemplates(tx: Tx, now: Date, holdoutPercent = 10): Promise<number> {
  const rows = defaultTemplates.map((template) => ({ id: uuidv7(), ...template, holdoutPercent, createdAt: now, updatedAt: now }));
  const inserted = await tx.insert(nudgeTemplates).values(rows).onConflictDoNothing({ target: nudgeTemplates.key }).returning({ id: nudgeTemplates.id });
  return inserted.length;
}
