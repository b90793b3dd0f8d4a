import { inArray } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { audiences, campaigns, groups, themes } from '../db/schema/index.ts';
import type { Language } from '../db/schema/people.ts';
import { suppressGroup, suppressSmallGroups } from './anonymity.ts';
import { type BreakdownDimension, type GroupFigures, groupFigures } from './figures.ts';
import { type AnalyticsFilter, periodsOf } from './filters.ts';
import type { Breakdown } from './schema.ts';

/** Names of the groups a breakdown shows; persona, network and format keys are names the client translates. */
async function labelsOf(ctx: AppContext, by: BreakdownDimension, keys: string[], language: Language): Promise<Map<string, string>> {
  const db = ctx.database.db;
  if (keys.length === 0) return new Map();
  if (by === 'department' || by === 'location') {
    const rows = await db.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, keys));
    return new Map(rows.map((row) => [row.id, row.name]));
  }
  if (by === 'campaign') {
    const rows = await db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(inArray(campaigns.id, keys));
    return new Map(rows.map((row) => [row.id, row.name]));
  }
  if (by === 'theme' || by === 'audience') {
    const table = by === 'theme' ? themes : audiences;
    const rows = await db.select({ id: table.id, nl: table.nameNl, en: table.nameEn }).from(table).where(inArray(table.id, keys));
    return new Map(rows.map((row) => [row.id, language === 'nl' ? row.nl : row.en]));
  }
  return new Map();
}

const presentFigures = (row: GroupFigures) => ({
  people: row.people,
  shares: row.shares,
  clicks: { human: row.clicks.human, unique: row.clicks.unique, visitors: row.clicks.visitors },
  conversions: { application: row.conversions.application, hire: row.conversions.hire },
});

/**
 * Figures per department, location, persona, theme, format, campaign, network or audience for a
 * filter and period. Groups of fewer than MIN_GROUP people are left out for everyone but admins,
 * together with the next smallest when only one is, so the totals cannot be subtracted to reveal it.
 */
export async function analyticsBreakdown(ctx: AppContext, filter: AnalyticsFilter, by: BreakdownDimension, options: { admin: boolean; language: Language }): Promise<Breakdown> {
  const { current } = periodsOf({ ...filter, compare: 'none' }, ctx.clock.now());
  const [groupsFound, [total]] = await Promise.all([groupFigures(ctx, filter, current, by), groupFigures(ctx, filter, current, null)]);
  const keys = groupsFound.map((row) => row.key).filter((key): key is string => key !== null);
  const labels = await labelsOf(ctx, by, keys, options.language);
  const sorted = groupsFound
    .map((row) => ({ key: row.key, label: row.key === null ? null : (labels.get(row.key) ?? null), ...presentFigures(row) }))
    .sort((a, b) => b.clicks.human - a.clicks.human || b.shares - a.shares || String(a.label ?? a.key ?? '').localeCompare(String(b.label ?? b.key ?? '')));
  const totals = presentFigures(total ?? { key: null, people: 0, shares: 0, clicks: { human: 0, unique: 0, visitors: 0, bot: 0 }, conversions: { apply_started: 0, application: 0, hire: 0, lead: 0, signup: 0 } });
  return {
    by,
    period: { from: current.from, to: current.to },
    visitorsCounted: 'sum_of_daily_uniques',
    rows: suppressSmallGroups(sorted, options),
    totals: suppressGroup(totals, options),
  };
}
