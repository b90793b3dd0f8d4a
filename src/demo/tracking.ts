import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { recordConversion } from '../conversions/service.ts';
import type { Tx } from '../db/client.ts';
import { audiences, campaigns, campaignStories, groupMemberships, groups, links, people, shares, stories } from '../db/schema/index.ts';
import type { Network } from '../db/schema/stories.ts';
import type { ConversionType } from '../db/schema/tracking.ts';
import { type ClickInput, type ShareDimensions, shareDimensionsOf, storeClicks } from '../links/store.ts';
import { getSetting } from '../settings/service.ts';
import { insertLink } from '../sharing/compose.ts';
import {
  activity,
  botClick,
  clickTime,
  DAY,
  type DemoClick,
  demoVisitorHash,
  deviceFor,
  exponential,
  HOUR,
  meanReach,
  previewsAtShare,
  type Random,
  referrerFor,
  seededUuid,
  spread,
  weighted,
} from './click-shape.ts';

/** Six months of clicks, as the demo asks. */
export const DEMO_TRACKING_DAYS = 182;
/** Clicks are written like the redirect writes them: through storeClicks, a batch per transaction. */
const BATCH = 2_000;

export interface DemoTrackingResult {
  shares: number;
  clicks: number;
  conversions: number;
}

interface DemoShare {
  id: string;
  code: string;
  sharedAt: number;
  dimensions: ShareDimensions;
}

const networks: readonly (readonly [Network, number])[] = [['linkedin', 68], ['facebook', 10], ['whatsapp', 9], ['x', 8], ['email', 5]];
const personalTexts = {
  nl: ['Mooi om te laten zien wat we hier doen: {title}', 'Dit is waarom ik graag bij ons werk. {title}', 'Trots op mijn collega’s! {title}', 'Aanrader voor iedereen die nieuwsgierig is naar ons werk: {title}'],
  en: ['Proud to show what we do here: {title}', 'This is why I like working here. {title}', 'Great story by my colleagues: {title}', 'Worth a read if you wonder what our work is like: {title}'],
};
/** What a share that is not personalised says: a suggestion taken as it was. */
const suggestedTexts = { nl: 'Benieuwd hoe het is om bij ons te werken? Dit verhaal laat het zien.', en: 'Curious what it is like to work here? This story shows it.' };

/** When an ambassador shares a story published at `publishedAt`: mostly in its first week, on working days, at hours people are online. */
function shareTime(rand: Random, publishedAt: number): number | null {
  for (let attempt = 0; attempt < 8; attempt++) {
    const at = Math.floor(publishedAt + HOUR + exponential(rand, 6 * DAY));
    if (rand() < activity(at) ** 2) return at;
  }
  return null;
}

/** A base62 link code from the seeded source (the codes of the demo are the same every time). */
const seededCode = (rand: Random) => () => Array.from({ length: 10 }, () => '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[Math.floor(rand() * 62)]).join('');

/**
 * Shares of the published stories by active ambassadors over the period: most soon after a story
 * is published, a few ambassadors sharing much and many a little, on LinkedIn mostly, with the
 * campaign and department of the moment, each with its tracked link.
 */
async function addDemoShares(tx: Tx, rand: Random, now: number, since: number): Promise<number> {
  const storyRows = await tx
    .select({ id: stories.id, title: stories.title, language: stories.language, publishedAt: stories.publishedAt })
    .from(stories)
    .where(and(inArray(stories.status, ['published', 'archived']), isNotNull(stories.publishedAt), lte(stories.publishedAt, new Date(now))))
    .orderBy(stories.publishedAt, stories.slug);
  const ambassadors = await tx
    .select({ id: people.id, joinedAt: people.createdAt, department: sql<string | null>`(select g.id from ${groupMemberships} gm join ${groups} g on g.id = gm.group_id where gm.person_id = ${people}.id and g.kind = 'department' order by g.name limit 1)` })
    .from(people)
    .where(and(eq(people.ambassadorStatus, 'active'), sql`'ambassador' = any(${people.roles})`))
    // By e-mail address (made from the seeded names), not by id (random), so the same people share the same stories every time.
    .orderBy(people.email);
  if (storyRows.length === 0 || ambassadors.length === 0) return 0;
  // A few loyal fans share a lot; most colleagues now and then.
  const propensity = ambassadors.map(() => 0.2 + rand() ** 3 * 8);
  const audienceRows = await tx.select({ id: audiences.id, key: audiences.key }).from(audiences);
  const audienceId = new Map(audienceRows.map((a) => [a.key, a.id]));
  const campaignRows = await tx
    .select({ id: campaigns.id, storyId: campaignStories.storyId, startsOn: campaigns.startsOn, endsOn: campaigns.endsOn })
    .from(campaignStories)
    .innerJoin(campaigns, eq(campaigns.id, campaignStories.campaignId));
  const disclosure = await getSetting(tx, 'sharing.disclosure');

  const rows: (typeof shares.$inferInsert)[] = [];
  const taken = new Set<string>();
  for (const story of storyRows) {
    const publishedAt = (story.publishedAt as Date).getTime();
    const wanted = Math.round(8 + rand() * 22);
    for (let n = 0; n < wanted; n++) {
      const sharedAt = shareTime(rand, publishedAt);
      if (sharedAt === null || sharedAt < since || sharedAt > now - HOUR) continue;
      const candidates = ambassadors.map((a, i) => (a.joinedAt.getTime() <= sharedAt ? (propensity[i] ?? 0) : 0));
      const person = ambassadors[weighted(rand, candidates.map((w, i) => [i, w] as const))];
      const network = weighted(rand, networks);
      if (!person || taken.has(`${person.id}|${story.id}|${network}`) || person.joinedAt.getTime() > sharedAt) continue;
      taken.add(`${person.id}|${story.id}|${network}`);
      const day = new Date(sharedAt).toISOString().slice(0, 10);
      const campaign = campaignRows.find((c) => c.storyId === story.id && c.startsOn <= day && day <= c.endsOn);
      const audience = weighted(rand, [['candidates', 60], ['colleagues', 30], ['partners', 6], ['press', 4]] as const);
      const personal = rand() < 0.7;
      const texts = personalTexts[story.language];
      const text = personal ? (texts[Math.floor(rand() * texts.length)] ?? '{title}').replace('{title}', story.title) : suggestedTexts[story.language];
      const mark = disclosure.enabled ? ` ${story.language === 'nl' ? disclosure.textNl : disclosure.textEn}` : '';
      rows.push({
        id: seededUuid(rand, sharedAt),
        personId: person.id,
        itemType: 'story',
        storyId: story.id,
        network,
        audienceId: audienceId.get(audience) ?? null,
        text: `${text}${mark}`,
        personalised: personal,
        similarity: personal ? Math.round(rand() * 50) / 100 : 0.9 + Math.round(rand() * 10) / 100,
        disclosureAdded: disclosure.enabled,
        campaignId: campaign?.id ?? null,
        departmentId: person.department,
        createdAt: new Date(sharedAt),
      });
    }
  }
  if (rows.length === 0) return 0;
  for (let i = 0; i < rows.length; i += 500) await tx.insert(shares).values(rows.slice(i, i + 500));
  const draw = seededCode(rand);
  for (const row of rows) await insertLink(tx, row.id as string, row.storyId as string, row.createdAt as Date, draw);
  return rows.length;
}

/** The shares with their links and dimensions, oldest first. */
async function loadShares(tx: Tx): Promise<DemoShare[]> {
  const rows = await tx.select({ id: shares.id, code: links.code, createdAt: shares.createdAt }).from(shares).innerJoin(links, eq(links.shareId, shares.id)).orderBy(shares.createdAt, shares.id);
  const dimensions = await shareDimensionsOf(tx, rows.map((row) => row.id));
  return rows.flatMap((row) => {
    const share = dimensions.get(row.id);
    return share ? [{ id: row.id, code: row.code, sharedAt: row.createdAt.getTime(), dimensions: share }] : [];
  });
}

/** A share's own life: previews when it is posted, people clicking (some twice), and bots now and then. */
function clicksOfShare(rand: Random, share: DemoShare, now: number): DemoClick[] {
  const network = share.dimensions.network;
  const out: DemoClick[] = [];
  for (let i = 0; i < previewsAtShare[network]; i++) {
    const at = share.sharedAt + Math.floor(1_000 + rand() * 90_000);
    if (at <= now) out.push(botClick(rand, 'preview', at));
  }
  const people = Math.round(meanReach[network] * spread(rand, 0.8) * (share.dimensions.campaignId ? 1.3 : 1));
  const visitors: string[] = [];
  for (let i = 0; i < people; i++) {
    const at = clickTime(rand, share.sharedAt, now);
    if (at === null) continue;
    // About one in eight comes back later (the same visitor: again unique, and on another day a visitor again).
    let visitor = rand() < 0.12 ? visitors[Math.floor(rand() * visitors.length)] : undefined;
    if (!visitor) {
      visitor = `${share.id}:${i}`;
      visitors.push(visitor);
    }
    const device = deviceFor(rand, network);
    const referrerHost = referrerFor(rand, network);
    out.push({ id: seededUuid(rand, at), at, kind: 'visit', device, referrerHost, visitorHash: demoVisitorHash(visitor, at) });
    // Some people open the link twice within minutes (a repeat: counted once as unique).
    if (rand() < 0.08 && at + 30 * 60_000 <= now) {
      const repeat = at + Math.floor(60_000 + rand() * 20 * 60_000);
      out.push({ id: seededUuid(rand, repeat), at: repeat, kind: 'visit', device, referrerHost, visitorHash: demoVisitorHash(visitor, repeat) });
    }
    // A colleague re-posts now and then: the network's crawler renders the card again.
    if (rand() < 0.03) out.push(botClick(rand, 'preview', at));
  }
  const life = Math.min(now, share.sharedAt + 30 * DAY) - share.sharedAt;
  for (let i = 0; i < Math.round(people * 0.09); i++) {
    const at = share.sharedAt + Math.floor(rand() * life);
    out.push(botClick(rand, rand() < 0.8 ? 'bot' : 'head', at));
  }
  return out;
}

interface Journey {
  clicks: { share: DemoShare; click: DemoClick }[];
  consent: boolean;
}

/**
 * Candidates' journeys: one person meeting shares of several colleagues over days or weeks
 * (1 to 10 touchpoints, around five as a rule) before starting an application.
 */
function journeys(rand: Random, all: DemoShare[], now: number, since: number, count: number): Journey[] {
  const out: Journey[] = [];
  for (let j = 0; j < count; j++) {
    const touches = weighted(rand, [[1, 8], [2, 10], [3, 11], [4, 12], [5, 12], [6, 11], [7, 10], [8, 9], [9, 9], [10, 8]] as const);
    let at = since + 2 * DAY + Math.floor(rand() * (now - since - 10 * DAY));
    const mobile = rand() < 0.6;
    const journey: Journey = { clicks: [], consent: rand() < 0.8 };
    for (let n = 0; n < touches && at < now - HOUR; n++) {
      // Someone meets the shares that are going round at that moment: made in the past month.
      const going = all.filter((s) => s.sharedAt < at && s.sharedAt > at - 30 * DAY && s.dimensions.network !== 'email');
      const share = going[Math.floor(rand() * going.length)];
      if (share) {
        const network = share.dimensions.network;
        journey.clicks.push({
          share,
          click: { id: seededUuid(rand, at), at, kind: 'visit', device: mobile ? 'mobile' : 'desktop', referrerHost: referrerFor(rand, network), visitorHash: demoVisitorHash(`candidate:${j}`, at) },
        });
      }
      at += Math.floor(2 * HOUR + exponential(rand, 3 * DAY));
    }
    if (journey.clicks.length > 0) out.push(journey);
  }
  return out;
}

/** The demo's Greenhouse job ids (src/demo/fixtures/greenhouse-board.json): each journey's candidate applies for one, so the vacancy funnels fill once the demo imports them. */
const DEMO_JOB_REFS = Array.from({ length: 11 }, (_, i) => String(4_100_001 + i));

/** The conversions of a journey: started applying, then (often) applied, then (sometimes) hired, each while it is still in the past. */
function conversionsOf(rand: Random, journey: Journey, index: number, now: number): { type: ConversionType; at: number; externalId: string }[] {
  const last = journey.clicks.at(-1)?.click.at ?? now;
  const out: { type: ConversionType; at: number; externalId: string }[] = [];
  const started = last + Math.floor(10 * 60_000 + exponential(rand, 20 * HOUR));
  if (started >= now) return out;
  out.push({ type: 'apply_started', at: started, externalId: `demo-apply-started-${index}` });
  if (rand() >= 0.62) return out;
  const applied = started + Math.floor(5 * 60_000 + rand() * 2 * DAY);
  if (applied >= now) return out;
  out.push({ type: 'application', at: applied, externalId: `demo-application-${index}` });
  const hired = applied + Math.floor((21 + rand() * 40) * DAY);
  if (rand() < 0.18 && hired < now) out.push({ type: 'hire', at: hired, externalId: `demo-hire-${index}` });
  return out;
}

/**
 * Adds the demo's tracking: shares of the demo stories (when there are none yet), six months of
 * clicks with bot and preview noise written through the real click writer (so the rollups are
 * filled as in production), and conversions of candidates' multi-day journeys recorded through
 * the real attribution. Deterministic for a given random source.
 */
export async function addDemoTracking(ctx: AppContext, rand: Random): Promise<DemoTrackingResult> {
  const db = ctx.database.db;
  const now = ctx.clock.now().getTime();
  const since = now - DEMO_TRACKING_DAYS * DAY;
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(shares);
  const made = (existing?.n ?? 0) > 0 ? 0 : await db.transaction((tx) => addDemoShares(tx, rand, now, since));
  const all = await loadShares(db);

  const clicks: ClickInput[] = [];
  const toInput = (share: DemoShare, click: DemoClick): ClickInput => ({
    id: click.id,
    linkCode: share.code,
    occurredAt: new Date(click.at),
    kind: click.kind,
    bot: click.kind !== 'visit',
    device: click.device,
    referrerHost: click.referrerHost,
    visitorHash: click.visitorHash,
    share: share.dimensions,
  });
  for (const share of all) for (const click of clicksOfShare(rand, share, now)) clicks.push(toInput(share, click));
  const paths = journeys(rand, all, now, since, Math.round(all.length * 0.5));
  for (const journey of paths) for (const { share, click } of journey.clicks) clicks.push(toInput(share, click));
  clicks.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : 1));

  const planned = paths.flatMap((journey, index) => conversionsOf(rand, journey, index, now).map((conversion) => ({ journey, journeyIndex: index, ...conversion })));
  // In time order, batch by batch, as the redirect's group commit would have written them.
  for (let i = 0; i < clicks.length; i += BATCH) {
    const batch = clicks.slice(i, i + BATCH);
    await db.transaction((tx) => storeClicks(tx, batch));
  }
  let conversions = 0;
  for (const conversion of planned) {
    const ids = conversion.journey.clicks.map(({ click }) => click.id);
    // With consent the careers site kept every click id; without, it knows only the last visit's.
    const clickIds = conversion.journey.consent ? ids : ids.slice(-1);
    const { created } = await recordConversion(
      ctx,
      { type: conversion.type, externalId: conversion.externalId, clickIds, occurredAt: new Date(conversion.at), vacancyRef: DEMO_JOB_REFS[conversion.journeyIndex % DEMO_JOB_REFS.length] ?? null },
      conversion.type === 'hire' ? 'api' : 'script',
    );
    if (created) conversions++;
  }
  return { shares: made, clicks: clicks.length, conversions };
}
