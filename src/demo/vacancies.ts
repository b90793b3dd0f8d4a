import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { groups, themeRules, themes, type Urgency, type VacancySourceType, vacancies, vacancySources } from '../db/schema/index.ts';
import { allowedFetchHosts } from '../http/outbound.ts';
import { getSetting, putSetting } from '../settings/service.ts';
import { forgetThemePressure } from '../vacancies/pressure.ts';
import { syncSource } from '../vacancies/sync.ts';

const DAY = 86_400_000;
/** Where the demo's applicant tracking systems answer while the demo imports from them. */
const FIXTURE_HOST = '127.0.0.1';

interface DemoFeed {
  type: VacancySourceType;
  name: string;
  /** Where the real system serves this feed, so the source's URL reads like the real thing. */
  path: string;
  file: string;
  contentType: string;
}

/** Four applicant tracking systems, each with its feed in that system's published format (src/demo/fixtures). */
const demoFeeds: DemoFeed[] = [
  { type: 'greenhouse', name: 'Greenhouse (demo job board)', path: '/v1/boards/podiumdemo/jobs?content=true', file: 'greenhouse-board.json', contentType: 'application/json' },
  { type: 'lever', name: 'Lever (demo postings)', path: '/v0/postings/podiumdemo?mode=json', file: 'lever-postings.json', contentType: 'application/json' },
  { type: 'recruitee', name: 'Recruitee (demo careers site)', path: '/api/offers/', file: 'recruitee-offers.json', contentType: 'application/json' },
  { type: 'workable', name: 'Workable (demo account)', path: '/api/v1/widget/accounts/podiumdemo?details=true', file: 'workable-jobs.json', contentType: 'application/json' },
];

/** A Greenhouse job filled since the first import: gone from the board, so the second sync closes it. */
const FILLED_GREENHOUSE_JOB = 4100011;

/** Department → theme, as a recruiter would set the theme rules up (names of the demo's department groups). */
const departmentThemes: Record<string, string> = {
  Engineering: 'techniek',
  Operations: 'techniek',
  Klantenservice: 'klantverhalen',
  Recruitment: 'werken-bij',
  Communicatie: 'werken-bij',
  Finance: 'werken-bij',
};

/** Title keyword → theme, Dutch and English. */
const keywordThemes: [keyword: string, theme: string][] = [
  ['duurzaam', 'duurzaamheid'],
  ['sustainab', 'duurzaamheid'],
  ['energie', 'duurzaamheid'],
  ['energy', 'duurzaamheid'],
  ['warmte', 'duurzaamheid'],
  ['laadinfra', 'duurzaamheid'],
  ['trainee', 'young-professionals'],
  ['junior', 'young-professionals'],
  ['graduate', 'young-professionals'],
  ['stagiair', 'young-professionals'],
  ['apprentice', 'young-professionals'],
  ['innovat', 'innovatie'],
  ['data', 'innovatie'],
];

/** What the recruiters set after the import: feeds carry neither urgency nor (mostly) the number of openings. */
const hiringNeeds: { type: VacancySourceType; externalId: string; urgency?: Urgency; openings?: number }[] = [
  { type: 'greenhouse', externalId: '4100001', urgency: 'critical', openings: 4 }, // Monteur hoogspanning
  { type: 'greenhouse', externalId: '4100010', urgency: 'critical' }, // Specialist warmtenetten
  { type: 'greenhouse', externalId: '4100002', urgency: 'high', openings: 2 }, // Storingsmonteur elektra
  { type: 'greenhouse', externalId: '4100003', urgency: 'high' }, // Senior netwerkingenieur
  { type: 'lever', externalId: '3c6f1a52-8d0e-4b7a-9f21-5e0a4c7d1b02', urgency: 'high' }, // Innovation lead smart grids
  { type: 'lever', externalId: '3c6f1a52-8d0e-4b7a-9f21-5e0a4c7d1b03', urgency: 'high', openings: 6 }, // Graduate programme
  { type: 'lever', externalId: '3c6f1a52-8d0e-4b7a-9f21-5e0a4c7d1b05', openings: 5 }, // Apprentice electrician
  { type: 'workable', externalId: 'D7A1C0E2F2', urgency: 'high' }, // Monteur laadinfrastructuur
  { type: 'recruitee', externalId: '2200101', urgency: 'high', openings: 3 }, // Klantadviseur energie
  { type: 'recruitee', externalId: '2200103', openings: 2 }, // Medewerker klantcontact
  { type: 'recruitee', externalId: '2200105', urgency: 'low' }, // Employer branding specialist
];

/**
 * A fixture feed with its dates filled in relative to `now`, so the demo's vacancies have been open
 * for a while whatever day it runs: `%DAYS_AGO:n%` becomes an ISO date-time n days back,
 * `%DATE_DAYS_AGO:n%` that day's date (Workable), and `"%DAYS_AGO_MS:n%"` (quotes included)
 * milliseconds since 1970 (Lever).
 * @example renderFixture('{"createdAt": "%DAYS_AGO_MS:2%"}', now) // '{"createdAt": 1762…}'
 */
export function renderFixture(text: string, now: Date): string {
  const daysAgo = (days: string) => new Date(now.getTime() - Number(days) * DAY);
  return text
    .replace(/"%DAYS_AGO_MS:(\d+)%"/g, (_match, days: string) => String(daysAgo(days).getTime()))
    .replace(/%DATE_DAYS_AGO:(\d+)%/g, (_match, days: string) => daysAgo(days).toISOString().slice(0, 10))
    .replace(/%DAYS_AGO:(\d+)%/g, (_match, days: string) => daysAgo(days).toISOString());
}

const fixture = (file: string) => readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8');

/**
 * Lets Podium fetch from a private host while `work` runs, through the admin's fetch allowance,
 * and takes the host off again afterwards, also when `work` fails. A host that was allowed
 * already (in settings or PODIUM_FETCH_ALLOW_HOSTS) is left as it was.
 */
export async function withFetchAllowance<T>(ctx: AppContext, host: string, work: () => Promise<T>): Promise<T> {
  if ((await allowedFetchHosts(ctx)).includes(host)) return work();
  const db = ctx.database.db;
  await putSetting(db, 'fetch.allowHosts', [...(await getSetting(db, 'fetch.allowHosts')), host], ctx.clock.now());
  try {
    return await work();
  } finally {
    // Read again: an admin may have changed the list meanwhile, and only the demo's host goes.
    const hosts = await getSetting(db, 'fetch.allowHosts');
    await putSetting(db, 'fetch.allowHosts', hosts.filter((allowed) => allowed !== host), ctx.clock.now());
  }
}

/** Serves documents (path with query → type and body) on a loopback port while `work` runs, then stops. */
async function withFeedServer<T>(documents: Map<string, { contentType: string; body: string }>, work: (base: string) => Promise<T>): Promise<T> {
  const server = createServer((request, response) => {
    const document = documents.get(request.url ?? '');
    if (!document) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': `${document.contentType}; charset=utf-8` }).end(document.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, FIXTURE_HOST, resolve);
  });
  try {
    return await work(`http://${FIXTURE_HOST}:${(server.address() as AddressInfo).port}`);
  } finally {
    // Podium's fetches keep their connections alive; close them so the port is free at once.
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The demo's theme rules, so imported vacancies get their themes the way a recruiter's rules would give them. */
async function addThemeRules(tx: Tx, now: Date): Promise<void> {
  const themeRows = await tx.select({ id: themes.id, key: themes.key }).from(themes);
  const themeId = new Map(themeRows.map((row) => [row.key, row.id]));
  const departmentRows = await tx.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.kind, 'department'));
  const rules: (typeof themeRules.$inferInsert)[] = [];
  for (const department of departmentRows) {
    const theme = themeId.get(departmentThemes[department.name] ?? '');
    if (theme) rules.push({ themeId: theme, kind: 'department', departmentId: department.id, createdAt: now, updatedAt: now });
  }
  for (const [keyword, key] of keywordThemes) {
    const theme = themeId.get(key);
    if (theme) rules.push({ themeId: theme, kind: 'keyword', keyword, createdAt: now, updatedAt: now });
  }
  if (rules.length) await tx.insert(themeRules).values(rules);
}

async function importFeed(ctx: AppContext, sourceId: string, type: VacancySourceType): Promise<void> {
  const report = await syncSource(ctx, sourceId, { triggeredBy: null });
  // The fixtures are Podium's own: a failing import is a defect, not something to show in a demo.
  if (report.status !== 'applied') throw new Error(`the demo's ${type} feed did not import: ${report.error ?? report.status}`);
}

/**
 * The demo's hiring needs: about 30 vacancies across the demo's themes, imported through the real
 * importers (syncSource and each system's adapter) from fixture feeds that a local HTTP server
 * serves for the import only; 127.0.0.1 is allowed for that time and no longer. A second sync of
 * the Greenhouse board closes a job filled since; then some vacancies become urgent, as
 * recruiters would mark them. The sources are left paused: their server is gone after the demo.
 */
export async function addDemoVacancies(ctx: AppContext): Promise<{ sources: number; vacancies: number }> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  await addThemeRules(db, now);
  const documents = new Map(demoFeeds.map((feed) => [feed.path, { contentType: feed.contentType, body: renderFixture(fixture(feed.file), now) }]));
  const sourceIds = new Map<VacancySourceType, string>();
  await withFeedServer(documents, (base) =>
    withFetchAllowance(ctx, FIXTURE_HOST, async () => {
      for (const feed of demoFeeds) {
        // Paused from the start, so the scheduled sync never reaches for the fixture server.
        const [source] = await db
          .insert(vacancySources)
          .values({ type: feed.type, name: feed.name, url: `${base}${feed.path}`, active: false, createdAt: now, updatedAt: now })
          .returning({ id: vacancySources.id });
        if (!source) throw new Error('vacancy source insert returned nothing');
        sourceIds.set(feed.type, source.id);
        await importFeed(ctx, source.id, feed.type);
      }
      const greenhouse = demoFeeds.find((feed) => feed.type === 'greenhouse') as DemoFeed;
      const board = JSON.parse(documents.get(greenhouse.path)?.body ?? '{}') as { jobs: { id: number }[] };
      const jobs = board.jobs.filter((job) => job.id !== FILLED_GREENHOUSE_JOB);
      documents.set(greenhouse.path, { contentType: greenhouse.contentType, body: JSON.stringify({ jobs, meta: { total: jobs.length } }) });
      await importFeed(ctx, sourceIds.get('greenhouse') as string, 'greenhouse');
    }),
  );
  for (const need of hiringNeeds) {
    await db
      .update(vacancies)
      .set({ urgency: need.urgency, openings: need.openings, updatedAt: now })
      .where(and(eq(vacancies.sourceId, sourceIds.get(need.type) as string), eq(vacancies.externalId, need.externalId)));
  }
  forgetThemePressure(ctx);
  const [open] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(vacancies)
    .where(and(eq(vacancies.status, 'open'), inArray(vacancies.sourceId, [...sourceIds.values()])));
  return { sources: sourceIds.size, vacancies: open?.n ?? 0 };
}
