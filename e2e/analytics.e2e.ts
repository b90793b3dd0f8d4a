import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { people } from '../src/db/schema/index.ts';
import { addDemoOrganisation } from '../src/demo/organisation.ts';
import { assertAccessible, type E2eServer, launchBrowser, screenshotOnFailure, signedIn, startServer } from './support.ts';

/**
 * A communications lead's Monday: the analytics overview on the demo organisation, narrowed to one
 * department and one persona; the figures on screen are the API's, the charts draw them, and the
 * CSV downloaded from the breakdown adds up to the totals on screen.
 */

let server: E2eServer;
let browser: Browser;
let editorId: string;

before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await addDemoOrganisation(server.ctx);
  // An editor of their own (not one of the demo's people, whose language and shares vary).
  editorId = uuidv7();
  const now = new Date();
  await server.ctx.database.db
    .insert(people)
    .values({ id: editorId, name: 'Eva Editor', email: 'eva.editor@example.com', roles: ['editor'], ambassadorStatus: 'active', language: 'en', createdAt: now, updatedAt: now });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const en = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const count = (value: number | null | undefined) => (value === null || value === undefined ? 'fewer than 5' : en.format(value));

interface OverviewFigures {
  suppressed: boolean;
  shares?: number;
  clicks?: { human: number; visitors: number };
  conversions?: { application: number; hire: number };
  participation?: { active: number };
}
interface BreakdownRow {
  key: string | null;
  label: string | null;
  people: number | null;
  shares: number | null;
  clicks: { human: number; visitors: number } | null;
  conversions: { application: number; hire: number } | null;
  suppressed: boolean;
}
interface Breakdown {
  rows: BreakdownRow[];
  totals: Omit<BreakdownRow, 'key' | 'label'>;
}

/** The API's answer for the signed-in page's session (the same cookie the page uses). */
async function apiJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${server.url}${path}`);
  assert.equal(response.status(), 200, await response.text());
  return (await response.json()) as T;
}

/** The cells of a table row, by the row's header text. */
async function rowCells(table: Locator, header: string): Promise<string[]> {
  const row = table.locator('tr').filter({ has: table.page().getByRole('rowheader', { name: header, exact: true }) });
  await row.first().waitFor();
  return (await row.first().locator('td').allInnerTexts()).map((text) => text.trim());
}

/** Opens a figures table (a <details> disclosure) by its summary text and returns the table. */
async function openTable(page: Page, summary: string): Promise<Locator> {
  const details = page.locator('details').filter({ has: page.locator('summary', { hasText: summary }) });
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  return details.getByRole('table');
}

/** The key figures table says what the overview API says, for the filters in the address. */
async function expectKeyFigures(page: Page, query: string): Promise<OverviewFigures> {
  const overview = await apiJson<OverviewFigures>(page, `/api/v1/analytics/overview${query}`);
  assert.equal(overview.suppressed, false, 'the chosen group is large enough to show');
  const table = await openTable(page, 'Key figures as a table');
  const expected: [string, number | undefined][] = [
    ['Active ambassadors', overview.participation?.active],
    ['Shares', overview.shares],
    ['Clicks by people', overview.clicks?.human],
    ['Unique visitors', overview.clicks?.visitors],
    ['Applications', overview.conversions?.application],
    ['Hires', overview.conversions?.hire],
  ];
  for (const [label, value] of expected) {
    await assertEventually(async () => (await rowCells(table, label))[0] === count(value), `${label}: ${count(value)} on screen`);
  }
  // The same figures on the cards.
  assert.equal((await page.getByRole('group', { name: 'Shares', exact: true }).textContent())?.includes(count(overview.shares)), true);
  return overview;
}

/** The screen updates after a request; waits (without timing anything) until the assertion holds. */
async function assertEventually(check: () => Promise<boolean>, message: string): Promise<void> {
  const end = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(message);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** RFC 4180 lines of a small CSV file without quoted line breaks. */
function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r\n/)
    .map((line) => [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => (m[1] ?? '').replace(/^"|"$/g, '').replaceAll('""', '"')));
}

test('an editor reads the overview, narrows it to a department and a persona, and the breakdown CSV adds up to the screen', async (t) => {
  const context = await signedIn(browser, server, editorId, { acceptDownloads: true });
  const page = await context.newPage();
  t.after(() => screenshotOnFailure(t, page).then(() => context.close()));

  await page.goto(`${server.url}/analytics`);
  await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
  const all = await expectKeyFigures(page, '');
  assert.ok((all.shares ?? 0) > 0 && (all.clicks?.human ?? 0) > 0, 'the demo has shares and clicks in the last 28 days');
  // The time series chart is drawn, and its table holds the API's points.
  const series = await apiJson<{ points: { start: string; shares: number; humanClicks: number }[] }>(page, '/api/v1/analytics/timeseries?interval=week');
  const seriesTable = await openTable(page, 'The figures over time as a table');
  await assertEventually(async () => (await seriesTable.locator('tbody tr').count()) === series.points.length, 'one row per week');
  const seriesShares = (await seriesTable.locator('tbody tr td:nth-of-type(1)').allInnerTexts()).map((text) => text.trim());
  assert.deepEqual(seriesShares, series.points.map((point) => count(point.shares)));
  await page.locator('section[aria-labelledby="analytics-series"] .recharts-surface').first().waitFor();
  await assertAccessible(page, 'the analytics overview');

  // The last twelve weeks (the persona runs the demo replays), then the department and persona with the most people in them.
  const from = new Date(Date.now() - 83 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('From', { exact: true }).fill(from);
  await page.waitForURL((url) => url.searchParams.get('from') === from);
  const twelveWeeks = await expectKeyFigures(page, `?from=${from}`);
  const departments = await apiJson<Breakdown>(page, `/api/v1/analytics/breakdown?by=department&from=${from}`);
  // The pair with the most people whose breakdown by network still shows a group (five people or more):
  // which pair that is depends on the day the demo was made, so it is looked up, not assumed.
  const pairs: [BreakdownRow, BreakdownRow][] = [];
  for (const candidate of departments.rows.filter((row) => row.key !== null && !row.suppressed)) {
    const personas = await apiJson<Breakdown>(page, `/api/v1/analytics/breakdown?by=persona&from=${from}&department=${candidate.key}`);
    for (const row of personas.rows.filter((r) => r.key !== null && r.key !== 'unknown' && !r.suppressed)) pairs.push([candidate, row]);
  }
  pairs.sort((a, b) => (b[1].people ?? 0) - (a[1].people ?? 0));
  let department: BreakdownRow | undefined;
  let persona: BreakdownRow | undefined;
  for (const [candidate, row] of pairs) {
    const networks = await apiJson<Breakdown>(page, `/api/v1/analytics/breakdown?by=network&from=${from}&department=${candidate.key}&persona=${row.key}`);
    if (networks.rows.some((network) => !network.suppressed)) {
      [department, persona] = [candidate, row];
      break;
    }
  }
  assert.ok(department?.key && department.label && persona?.key, 'a department and a persona in it with five people or more, in at least one network');
  const personaNames: Record<string, string> = { anchored: 'Anchored colleague', loyal_fan: 'Loyal fan', cautious_mover: 'Cautious mover', job_hopper: 'Social-savvy job hopper' };

  await page.getByLabel('Department', { exact: true }).selectOption({ label: department.label });
  await page.getByLabel('Persona', { exact: true }).selectOption({ label: personaNames[persona.key] ?? persona.key });
  await page.waitForURL((url) => url.searchParams.get('department') === department.key && url.searchParams.get('persona') === persona.key);
  const narrowed = await expectKeyFigures(page, `?from=${from}&department=${department.key}&persona=${persona.key}`);
  assert.ok((narrowed.shares ?? 0) < (twelveWeeks.shares ?? 0), 'the narrowed view shows fewer shares than everything');

  // The breakdowns keep the filters; by network, every figure on screen is the API's, and the bars carry the same values.
  await page.getByRole('navigation', { name: 'Analytics pages' }).getByRole('link', { name: 'Breakdowns' }).click();
  await page.getByRole('heading', { level: 1, name: 'Analytics breakdowns' }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('persona'), persona.key);
  await page.getByLabel('Break down by', { exact: true }).selectOption({ label: 'Network' });
  await page.waitForURL((url) => url.searchParams.get('by') === 'network');
  const byNetwork = await apiJson<Breakdown>(page, `/api/v1/analytics/breakdown?by=network&from=${from}&department=${department.key}&persona=${persona.key}`);
  assert.ok(byNetwork.rows.some((row) => !row.suppressed), `a network group large enough to show: ${JSON.stringify(byNetwork.rows)}`);
  const table = await openTable(page, 'All figures by network as a table');
  const networkNames: Record<string, string> = { linkedin: 'LinkedIn', x: 'X', facebook: 'Facebook', whatsapp: 'WhatsApp', email: 'E-mail', link: 'Link' };
  for (const row of byNetwork.rows) {
    const cells = await rowCells(table, networkNames[row.key ?? ''] ?? String(row.key));
    assert.deepEqual(cells.slice(0, 3), [count(row.shares), count(row.clicks?.human), count(row.clicks?.visitors)], `${row.key} on screen`);
  }
  const totalCells = await rowCells(table, 'Total');
  assert.deepEqual(totalCells.slice(0, 5), [count(byNetwork.totals.shares), count(byNetwork.totals.clicks?.human), count(byNetwork.totals.clicks?.visitors), count(byNetwork.totals.conversions?.application), count(byNetwork.totals.conversions?.hire)]);
  const chart = page.locator('section[aria-labelledby="analytics-breakdown"] .recharts-surface');
  await chart.first().waitFor();
  const barLabels = (await page.locator('section[aria-labelledby="analytics-breakdown"] .recharts-label-list text').allTextContents()).map((text) => text.trim());
  assert.deepEqual(
    barLabels,
    byNetwork.rows.filter((row) => !row.suppressed).map((row) => count(row.clicks?.human)),
    'one bar per shown group, labelled with its clicks by people',
  );
  await assertAccessible(page, 'the analytics breakdowns');

  // The chart's CSV: the same filters; its total line equals the totals on screen, and so do its rows added up.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('section[aria-labelledby="analytics-breakdown"]').getByRole('link', { name: /^CSV/ }).click()]);
  assert.match(download.suggestedFilename(), /^podium-breakdown-network-.*\.csv$/);
  const csv = parseCsv(await readFile((await download.path()) as string, 'utf8'));
  const header = csv[0] ?? [];
  const column = (name: string) => header.indexOf(name);
  const total = csv.find((line) => line[0] === 'total');
  assert.ok(total, 'a total line');
  const onScreen = { shares: totalCells[0], human_clicks: totalCells[1], visitors_sum_of_daily_uniques: totalCells[2], applications: totalCells[3], hires: totalCells[4] };
  for (const [name, shown] of Object.entries(onScreen)) {
    assert.equal(count(Number(total[column(name)])), shown, `${name}: the CSV's total is the screen's`);
    const rows = csv.slice(1).filter((line) => line[0] !== 'total');
    if (name === 'applications' || name === 'hires') {
      // A conversion counts for every network one of its touchpoints came through: the groups need not add up, but none exceeds the total.
      for (const line of rows) assert.ok(Number(line[column(name)] || 0) <= Number(total[column(name)]), `${name}: a group is part of the total`);
      continue;
    }
    // A share goes to one network, so its clicks add up to the total — unless small groups are hidden.
    const added = rows.reduce((sum, line) => sum + Number(line[column(name)] || 0), 0);
    if (rows.every((line) => line[column('suppressed')] === 'no')) assert.equal(count(added), shown, `${name}: the CSV's rows add up to the screen's total`);
    else assert.ok(added <= Number(total[column(name)]), `${name}: the shown groups are part of the total`);
  }

  // "Export this view": one file with the filters and every chart of the page.
  const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export this view' }).click()]);
  const view = await readFile((await exported.path()) as string, 'utf8');
  assert.match(view, new RegExp(`Department: ${department.label}`));
  assert.match(view, /Persona: /);
  assert.ok(view.includes('network,label,people,shares'), 'the breakdown part');
  assert.ok(view.includes('period,start,shares'), 'the time series part');
});

test('an admin, in Dutch, sets the assumptions behind earned media value and the figure follows', async (t) => {
  const adminId = uuidv7();
  const now = new Date();
  await server.ctx.database.db
    .insert(people)
    .values({ id: adminId, name: 'Anne Beheer', email: 'anne.beheer@example.com', roles: ['admin'], ambassadorStatus: 'active', language: 'nl', createdAt: now, updatedAt: now });
  const context = await signedIn(browser, server, adminId);
  const page = await context.newPage();
  t.after(() => screenshotOnFailure(t, page).then(() => context.close()));

  await page.goto(`${server.url}/analytics`);
  await page.getByRole('heading', { level: 1, name: 'Analyse' }).waitFor();
  const form = page.getByRole('region', { name: 'Aannames achter verdiende mediawaarde en bereik' });
  await form.getByLabel('Kosten per klik').waitFor();
  await assertAccessible(page, 'the analytics overview for an admin, in Dutch');

  await form.getByLabel('Kosten per klik').fill('4');
  await form.getByRole('button', { name: 'Aannames opslaan' }).click();
  await page.getByText('De aannames zijn opgeslagen').waitFor();
  const saved = await apiJson<{ emv: { costPerClick: number } }>(page, '/api/v1/settings/analytics');
  assert.equal(saved.emv.costPerClick, 4);
  const overview = await apiJson<{ earnedMediaValue: { amount: number; currency: string }; clicks: { human: number } }>(page, '/api/v1/analytics/overview');
  const money = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: overview.earnedMediaValue.currency, maximumFractionDigits: overview.earnedMediaValue.amount >= 100 ? 0 : 2 });
  const emv = page.getByRole('region', { name: 'Verdiende mediawaarde', exact: true });
  await assertEventually(async () => ((await emv.textContent()) ?? '').includes(money.format(overview.earnedMediaValue.amount)), 'the new earned media value on screen');
  const perClick = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: overview.earnedMediaValue.currency }).format(4);
  assert.ok(((await emv.textContent()) ?? '').includes(`${perClick} per klik`), 'the cost per click shown next to the figure');
});
