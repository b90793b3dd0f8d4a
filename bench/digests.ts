// `npm run bench:digests` (also the second half of `npm run bench:personas`): prepare the weekly
// digest for 50,000 people — the top stories ranked as each person's feed, without what they
// shared, and their impact of last week — on PostgreSQL and on PGlite. Target (PostgreSQL): ≤ 2 minutes.
// Baseline, measured in the same run: the obvious way, one person at a time through the feed
// itself (GET /api/v1/feed's code path) and the stats queries, on a sample, extrapolated to everyone.
import { loadavg } from 'node:os';
import { v7 as uuidv7 } from 'uuid';
import type { SignedIn } from '../src/auth/context.ts';
import type { AppContext } from '../src/context.ts';
import type { Database } from '../src/db/client.ts';
import {
  audiences,
  campaigns,
  campaignStories,
  clickRollupsDaily,
  conversions,
  conversionTouchpoints,
  digests,
  groupMemberships,
  groups,
  people,
  personPersonas,
  shares,
  shareSuggestions,
  stories,
  storyFormats,
  storyTargetGroups,
  storyThemes,
  storyVariants,
  themes,
  vacancies,
  vacancyThemes,
} from '../src/db/schema/index.ts';
import type { PersonaKey } from '../src/db/schema/engagement.ts';
import type { JobQueue } from '../src/jobs/queue.ts';
import { prepareDigests } from '../src/digest/prepare.ts';
import { digestWeekOf, impactDaysOf } from '../src/digest/schedule.ts';
import { addDays } from '../src/impact/weeks.ts';
import { feedBody } from '../src/sharing/feed.ts';
import { getStats } from '../src/stats/service.ts';
import { type Engine, engines, insertInBatches, writeResult, withPodium } from './support.ts';

const PEOPLE = Number(process.env.PODIUM_BENCH_DIGEST_PEOPLE ?? 50_000);
/** PGlite runs the same benchmark on this many people (all 50,000 unless set lower). */
const PGLITE_PEOPLE = Number(process.env.PODIUM_BENCH_DIGEST_PGLITE_PEOPLE ?? PEOPLE);
const STORIES = 500;
const DEPARTMENTS = 20;
const TEAMS = 100;
const LOCATIONS = 3;
const THEMES = 12;
const VACANCIES = 200;
/** People prepared one at a time for the baseline, then extrapolated. */
const BASELINE_SAMPLE = 500;
const TARGET_SECONDS = 120;
const DAY = 86_400_000;

const zones = ['Europe/Amsterdam', 'Europe/Amsterdam', 'Europe/Amsterdam', 'Europe/Amsterdam', 'Europe/Amsterdam', 'Europe/Amsterdam', 'Europe/Amsterdam', 'Europe/London', 'America/New_York', 'Asia/Singapore'];
const personas: PersonaKey[] = ['anchored', 'loyal_fan', 'cautious_mover', 'job_hopper', 'unknown'];

/** Counts the send jobs instead of writing them (pg-boss's insert is not what this measures). */
class CountingJobs implements JobQueue {
  sent = 0;
  async send() {
    this.sent++;
  }
  async sendMany(_name: string, items: object[]) {
    this.sent += items.length;
  }
  async work() {}
  async schedule() {}
  async stop() {}
}

interface Seeded {
  sample: { id: string; language: 'nl' | 'en' }[];
  counts: Record<string, number>;
}

/** Groups, people in them (some paused, opted out or unsubscribed; many with a persona), vacancies, 500 stories, shares, last week's clicks and applications. */
async function seed(database: Database, total: number): Promise<Seeded> {
  const now = Date.now();
  const at = new Date(now);
  const stamp = { createdAt: at, updatedAt: at };
  const departmentRows = Array.from({ length: DEPARTMENTS }, (_, i) => ({ id: uuidv7(), kind: 'department' as const, name: `Department ${i}`, ...stamp }));
  const teamRows = Array.from({ length: TEAMS }, (_, i) => ({ id: uuidv7(), kind: 'team' as const, name: `Team ${i}`, ...stamp }));
  const locationRows = Array.from({ length: LOCATIONS }, (_, i) => ({ id: uuidv7(), kind: 'location' as const, name: `Location ${i}`, ...stamp }));
  await insertInBatches(database, groups, [...departmentRows, ...teamRows, ...locationRows]);
  const id = (rows: { id: string }[], i: number) => rows[i % rows.length]?.id as string;

  const statusOf = (i: number) => (i % 50 === 7 ? 'paused' : i % 100 === 13 ? 'opted_out' : i % 200 === 21 ? 'alumni' : 'active');
  const personRows = Array.from({ length: total }, (_, i) => ({
    id: uuidv7(),
    email: `digest${i}@bench.example`,
    name: `Colleague ${i}`,
    language: i % 10 < 7 ? 'nl' : 'en',
    timeZone: zones[i % zones.length] as string,
    roles: ['ambassador'],
    ambassadorStatus: statusOf(i),
    digestUnsubscribedAt: i % 100 === 42 ? at : null,
    ...stamp,
  }));
  await insertInBatches(database, people, personRows);
  await insertInBatches(
    database,
    groupMemberships,
    personRows.flatMap((person, i) => [
      { personId: person.id, groupId: id(teamRows, i) },
      { personId: person.id, groupId: id(departmentRows, i % TEAMS) },
      { personId: person.id, groupId: id(locationRows, i) },
    ]),
  );
  // Four in ten have a persona, varying within every team (the feed meets cautious movers and job hoppers halfway).
  await insertInBatches(
    database,
    personPersonas,
    personRows.flatMap((person, i) => (i % 10 < 4 ? [{ personId: person.id, persona: personas[(i + Math.floor(i / 100)) % personas.length] as PersonaKey, since: at, computedAt: at }] : [])),
  );

  const themeRows = Array.from({ length: THEMES }, (_, i) => ({ id: uuidv7(), key: `theme-${i}`, nameNl: `Thema ${i}`, nameEn: `Theme ${i}`, ...stamp }));
  await insertInBatches(database, themes, themeRows);
  const vacancyRows = Array.from({ length: VACANCIES }, (_, i) => ({
    id: uuidv7(),
    slug: `digest-vacancy-${i}`,
    title: `Vacancy ${i}`,
    departmentName: `Department ${i % DEPARTMENTS}`,
    departmentId: id(departmentRows, i),
    openings: 1 + (i % 3),
    urgency: (['low', 'normal', 'normal', 'high', 'critical'] as const)[i % 5],
    status: 'open' as const,
    openedAt: new Date(now - (i % 90) * DAY),
    ...stamp,
  }));
  await insertInBatches(database, vacancies, vacancyRows);
  await insertInBatches(database, vacancyThemes, vacancyRows.map((vacancy, i) => ({ vacancyId: vacancy.id, themeId: id(themeRows, i) })));

  const [candidates] = await database.db.select({ id: audiences.id }).from(audiences).limit(1);
  const storyRows = Array.from({ length: STORIES }, (_, i) => ({
    id: uuidv7(),
    translationGroupId: uuidv7(),
    language: i % 2 === 0 ? 'nl' : 'en',
    format: storyFormats[i % (storyFormats.length - 1)],
    status: 'published',
    title: `Story ${i}: a day at work`,
    slug: `digest-story-${i}`,
    summary: `What colleague ${i} does, and why it matters.`,
    // One story every 12 hours, newest first.
    publishedAt: new Date(now - i * 12 * 3_600_000 - 3_600_000),
    ...stamp,
  }));
  await insertInBatches(database, stories, storyRows);
  await insertInBatches(database, storyThemes, storyRows.flatMap((story, i) => [{ storyId: story.id, themeId: id(themeRows, i) }, { storyId: story.id, themeId: id(themeRows, i + 5) }]));
  await insertInBatches(
    database,
    storyTargetGroups,
    storyRows.flatMap((story, i) => (i % 5 === 1 ? [{ storyId: story.id, groupId: id(departmentRows, i) }] : i % 11 === 3 ? [{ storyId: story.id, groupId: id(teamRows, i) }] : [])),
  );
  if (candidates) {
    // Half the stories come with a ready suggested text.
    const variantRows = storyRows.filter((_, i) => i % 2 === 0).map((story, i) => ({ id: uuidv7(), storyId: story.id, audienceId: candidates.id, headline: `Headline ${i}`, teaser: '', ...stamp }));
    await insertInBatches(database, storyVariants, variantRows);
    await insertInBatches(database, shareSuggestions, variantRows.map((variant) => ({ id: uuidv7(), variantId: variant.id, network: 'linkedin', text: 'Proud of my colleague: read their story.', position: 0 })));
  }
  const [campaign] = await database.db
    .insert(campaigns)
    .values({ slug: 'digest-bench', name: 'Digest bench', goal: 'recruitment', startsOn: new Date(now - 10 * DAY).toISOString().slice(0, 10), endsOn: new Date(now + 20 * DAY).toISOString().slice(0, 10) })
    .returning({ id: campaigns.id });
  if (campaign) await insertInBatches(database, campaignStories, [3, 40, 120].map((i) => ({ campaignId: campaign.id, storyId: storyRows[i]?.id as string })));

  // 30,000 shares: most long ago, a third last week (with clicks); people share what is near the top of their feed.
  const week = digestWeekOf(new Date(now));
  const lastWeek = impactDaysOf(week);
  const lastWeekAt = (i: number) => new Date(Date.parse(`${addDays(lastWeek.from, i % 7)}T10:00:00Z`));
  const shareRows = Array.from({ length: 30_000 }, (_, i) => {
    const personIndex = (i * 7919) % total;
    const recent = i % 3 === 0;
    return {
      id: uuidv7(),
      personId: personRows[personIndex]?.id as string,
      itemType: 'story',
      storyId: storyRows[(i * 31) % 60]?.id as string,
      network: i % 4 === 0 ? 'x' : 'linkedin',
      text: 'In my own words.',
      personalised: true,
      similarity: 0.2,
      createdAt: recent ? lastWeekAt(i) : new Date(now - (30 + (i % 60)) * DAY),
    };
  });
  await insertInBatches(database, shares, shareRows);
  const recentShares = shareRows.filter((_, i) => i % 3 === 0);
  const dimensions = (share: (typeof shareRows)[number]) => ({ shareId: share.id, personId: share.personId, itemType: 'story', storyId: share.storyId, network: share.network });
  await insertInBatches(
    database,
    clickRollupsDaily,
    recentShares.map((share, i) => ({ day: share.createdAt.toISOString().slice(0, 10), ...dimensions(share), humanClicks: 1 + (i % 9), uniqueClicks: 1 + (i % 7), visitors: 1 + (i % 6), previews: i % 3, botClicks: i % 2 })),
  );
  const conversionRows = recentShares.slice(0, 500).map((share, i) => ({
    id: uuidv7(),
    externalId: `digest-bench-${i}`,
    type: 'application',
    source: 'api',
    occurredAt: new Date(share.createdAt.getTime() + 3_600_000),
    receivedAt: new Date(share.createdAt.getTime() + 3_600_000),
    reportedClickIds: [],
    touchpointCount: 1,
    firstTouchAt: share.createdAt,
    lastTouchAt: share.createdAt,
  }));
  await insertInBatches(database, conversions, conversionRows);
  await insertInBatches(
    database,
    conversionTouchpoints,
    conversionRows.map((conversion, i) => {
      const share = recentShares[i] as (typeof shareRows)[number];
      return { conversionId: conversion.id, clickId: uuidv7(), position: 1, occurredAt: share.createdAt, ...dimensions(share), creditFirst: 1, creditLast: 1, creditLinear: 1 };
    }),
  );

  // The baseline's sample: spread over everyone who gets a digest.
  const recipients = personRows.filter((person) => person.ambassadorStatus === 'active' && person.digestUnsubscribedAt === null);
  const step = Math.max(1, Math.floor(recipients.length / BASELINE_SAMPLE));
  const sample = recipients.filter((_, i) => i % step === 0).slice(0, BASELINE_SAMPLE).map((person) => ({ id: person.id, language: person.language as 'nl' | 'en' }));
  return { sample, counts: { people: total, recipients: recipients.length, stories: STORIES, shares: shareRows.length, rollupRows: recentShares.length, applications: conversionRows.length } };
}

/**
 * The baseline: a digest for one person at a time, the way it would be written without the bulk
 * path — their feed through the feed's own code (pool and rankings cached across people, as in
 * production; the reader read per person), the first three stories they did not share, their
 * results from the stats service, and one insert — for a sample, timed and extrapolated.
 */
async function baseline(ctx: AppContext, sample: Seeded['sample'], recipients: number): Promise<Record<string, unknown>> {
  const week = addDays(digestWeekOf(ctx.clock.now()), 7);
  const days = impactDaysOf(digestWeekOf(ctx.clock.now()));
  const started = performance.now();
  for (const person of sample) {
    const body = JSON.parse((await feedBody(ctx, person.id, person.language, { audience: 'candidates', limit: 20 })).toString()) as { items: { story: { id: string }; sharedByMe: number }[] };
    const storyIds = body.items.filter((item) => item.sharedByMe === 0).slice(0, 3).map((item) => item.story.id);
    const auth: SignedIn = { kind: 'token', personId: person.id, roles: ['ambassador'], tokenId: uuidv7(), language: person.language };
    const stats = await getStats(ctx, auth, 'person', person.id, { from: days.from, to: days.to });
    const impact = { shares: stats.shares, humanClicks: stats.clicks.human, visitors: stats.clicks.visitors, applications: stats.conversions.application };
    await ctx.database.db.insert(digests).values({ personId: person.id, week, storyIds, impact, status: 'prepared', preparedAt: ctx.clock.now() });
  }
  const seconds = (performance.now() - started) / 1000;
  await ctx.database.query('delete from digests where week = $1', [week]);
  return {
    label: `BASELINE (not the shipped path): one person at a time through the feed and the stats service, ${sample.length} people timed, extrapolated to ${recipients} recipients`,
    sample: sample.length,
    sampleSeconds: round(seconds),
    msPerPerson: round((seconds * 1000) / sample.length),
    extrapolatedSeconds: round((seconds / sample.length) * recipients),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

async function runEngine(engine: Engine): Promise<Record<string, unknown>> {
  const total = engine === 'pglite' ? PGLITE_PEOPLE : PEOPLE;
  let seeded: Seeded | null = null;
  const jobs = new CountingJobs();
  let seedSeconds = 0;
  return withPodium(
    engine,
    async (database) => {
      const started = performance.now();
      seeded = await seed(database, total);
      seedSeconds = round((performance.now() - started) / 1000);
      console.log(`${engine}: seeded ${total} people, ${STORIES} stories and their shares in ${seedSeconds} s`);
    },
    async ({ ctx }) => {
      const { sample, counts } = seeded as unknown as Seeded;
      const result: Record<string, unknown> = { people: total, seedSeconds, seeded: counts };
      result.baseline = await baseline(ctx, sample, counts.recipients ?? total);
      console.log(`${engine} baseline:`, result.baseline);
      const started = performance.now();
      const report = await prepareDigests(ctx);
      const seconds = round((performance.now() - started) / 1000);
      const [row] = await ctx.database.query<{ prepared: number; skipped: number; with_stories: number }>(
        "select count(*) filter (where status = 'prepared')::int as prepared, count(*) filter (where status = 'skipped')::int as skipped, count(*) filter (where cardinality(story_ids) = 3)::int as with_stories from digests where week = $1",
        [report.week],
      );
      result.prepare = {
        label: `SHIPPED PATH: prepareDigests for every recipient in bulk (${total} people seeded)`,
        seconds,
        ...report,
        sendJobsCounted: jobs.sent,
        rows: row,
        msPerPerson: round((seconds * 1000) / Math.max(1, report.prepared + report.skipped)),
      };
      const baselineSeconds = (result.baseline as { extrapolatedSeconds: number }).extrapolatedSeconds;
      result.speedupOverBaseline = round(baselineSeconds / Math.max(0.001, seconds));
      console.log(`${engine} bulk preparation:`, result.prepare, `${result.speedupOverBaseline}× the baseline`);
      return result;
    },
    { jobs: async () => jobs },
  );
}

const report: Record<string, unknown> = {
  at: new Date().toISOString(),
  people: PEOPLE,
  pglitePeople: PGLITE_PEOPLE,
  stories: STORIES,
  node: process.version,
  loadAverageAtStart: loadavg().map((n) => round(n)),
};
for (const engine of engines) report[engine] = await runEngine(engine);
report.loadAverageAtEnd = loadavg().map((n) => round(n));
const seconds = (engine: Engine) => (report[engine] as { prepare?: { seconds: number } } | undefined)?.prepare?.seconds;
report.targets = {
  prepare50kAtMost120sPostgres: seconds('postgres') === undefined ? 'not run' : (seconds('postgres') as number) <= TARGET_SECONDS && PEOPLE >= 50_000,
  prepareAtMost120sPglite: seconds('pglite') === undefined ? 'not run' : (seconds('pglite') as number) <= TARGET_SECONDS,
};
writeResult('digests.json', report);
console.log(JSON.stringify(report, null, 2));
