import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { personaKeys } from '../db/schema/engagement.ts';
import { networks, storyFormats } from '../db/schema/stories.ts';
import { AppError } from '../http/errors.ts';
import { dateSchema } from '../people/schema.ts';
import type { DayRange } from '../stats/range.ts';

const DAY_MS = 86_400_000;
/** The default period: the last 28 UTC days up to today. */
export const DEFAULT_PERIOD_DAYS = 28;
/** The longest period a dashboard asks for (ten years), so a typo in a year cannot ask for millennia. */
export const MAX_PERIOD_DAYS = 3660;

/** The filters every analytics view accepts: a period, a comparison and the dimensions of a share. */
export const analyticsFilter = z.object({
  from: dateSchema.optional().describe('First UTC day, included (YYYY-MM-DD); default: 27 days before `to`'),
  to: dateSchema.optional().describe('Last UTC day, included (YYYY-MM-DD); default: today'),
  compare: z.enum(['previous', 'none']).default('previous').describe('`previous`: also the figures of the period of the same length just before'),
  department: z.uuid().optional().describe('Department group id, as it was at the time of the share'),
  location: z.uuid().optional().describe('Location group id: the sharer’s current location'),
  persona: z.enum(personaKeys).optional().describe('The sharer’s persona at the time of the share'),
  theme: z.uuid().optional().describe('Theme id of the shared story'),
  format: z.enum(storyFormats).optional().describe('Format of the shared story'),
  campaign: z.uuid().optional().describe('Campaign id'),
  network: z.enum(networks).optional().describe('Network the share went to'),
  audience: z.string().min(1).max(100).optional().describe('Audience key'),
});
export type AnalyticsFilter = z.infer<typeof analyticsFilter>;

/** The dimension filters (everything but the period), for telling whether a view is narrowed to a group. */
export const dimensionKeys = ['department', 'location', 'persona', 'theme', 'format', 'campaign', 'network', 'audience'] as const;

/**
 * The query string of an analytics GET: the filters plus the output. `?format=csv` answers CSV;
 * as `format` is also the story-format filter, `storyFormat` filters by story format in a CSV request.
 */
export const analyticsQuery = analyticsFilter.extend({
  format: z
    .enum([...storyFormats, 'csv', 'json'])
    .optional()
    .describe('`csv` answers the same figures as CSV (`json` is the default); a story format filters by the shared story’s format'),
  storyFormat: z.enum(storyFormats).optional().describe('Format of the shared story (use this with `format=csv`)'),
});
export type AnalyticsQuery = z.infer<typeof analyticsQuery>;

/** Splits an analytics query into its filter and whether CSV was asked for. */
export function parseAnalyticsQuery(query: AnalyticsQuery): { filter: AnalyticsFilter; csv: boolean } {
  const { format, storyFormat, ...rest } = query;
  const csv = format === 'csv';
  const storyFormatFilter = storyFormat ?? (format === 'csv' || format === 'json' ? undefined : format);
  return { filter: { ...rest, format: storyFormatFilter }, csv };
}

/** A period with both ends known. */
export type Period = DayRange & { from: string; to: string; start: Date; end: Date };

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string): number => Date.parse(`${day}T00:00:00Z`);

function periodOf(from: string, to: string): Period {
  return { from, to, start: new Date(msOf(from)), end: new Date(msOf(to) + DAY_MS) };
}

/**
 * The filter's period (default: the last 28 days up to today) and, unless `compare=none`, the
 * period of the same length just before it. `to` before `from`, or a period over ten years, is a 400.
 */
export function periodsOf(filter: Pick<AnalyticsFilter, 'from' | 'to' | 'compare'>, now: Date = new Date()): { current: Period; previous: Period | null } {
  const to = filter.to ?? (filter.from && filter.from > dayOf(now.getTime()) ? filter.from : dayOf(now.getTime()));
  const from = filter.from ?? dayOf(msOf(to) - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS);
  if (to < from) throw new AppError(400, 'period_invalid', 'error.period_invalid', { start: from, end: to });
  const days = Math.round((msOf(to) - msOf(from)) / DAY_MS) + 1;
  if (days > MAX_PERIOD_DAYS) throw new AppError(400, 'period_too_long', 'error.analytics_period_too_long', { days, max: MAX_PERIOD_DAYS });
  const current = periodOf(from, to);
  if ((filter.compare ?? 'previous') === 'none') return { current, previous: null };
  const previousTo = dayOf(msOf(from) - DAY_MS);
  return { current, previous: periodOf(dayOf(msOf(previousTo) - (days - 1) * DAY_MS), previousTo) };
}

const column = (alias: string, name: string): SQL => sql.raw(`${alias}.${name}`);

/**
 * Conditions on the share dimensions every rollup, touchpoint and share carries (department and
 * persona as at the time of the share; location is the sharer's current location group).
 */
function dimensionConditions(filter: AnalyticsFilter, alias: string, storyFormatColumn: SQL | null): SQL[] {
  const conditions: SQL[] = [];
  if (filter.department) conditions.push(sql`${column(alias, 'department_id')} = ${filter.department}`);
  if (filter.persona) conditions.push(sql`${column(alias, 'persona_key')} = ${filter.persona}`);
  if (filter.campaign) conditions.push(sql`${column(alias, 'campaign_id')} = ${filter.campaign}`);
  if (filter.network) conditions.push(sql`${column(alias, 'network')} = ${filter.network}`);
  if (filter.audience) conditions.push(sql`${column(alias, 'audience_id')} = (select a.id from audiences a where a.key = ${filter.audience})`);
  if (filter.location) {
    conditions.push(
      sql`${column(alias, 'person_id')} in (select gm.person_id from group_memberships gm join groups g on g.id = gm.group_id where gm.group_id = ${filter.location} and g.kind = 'location')`,
    );
  }
  if (filter.theme) conditions.push(sql`${column(alias, 'story_id')} in (select st.story_id from story_themes st where st.theme_id = ${filter.theme})`);
  if (filter.format) {
    conditions.push(storyFormatColumn ?? sql`${column(alias, 'story_id')} in (select fs.id from stories fs where fs.format = ${filter.format})`);
  }
  return conditions;
}

const joinAnd = (conditions: SQL[]): SQL => (conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `));

/**
 * SQL conditions on click_rollups_daily (alias `r`) for a filter's dimensions, and on its days when
 * a period is given.
 * @example sql`select sum(r.human_clicks) from click_rollups_daily r where ${rollupConditions(filter, 'r', period)}`
 */
export function rollupConditions(filter: AnalyticsFilter, alias = 'r', period?: DayRange | null): SQL {
  const conditions = dimensionConditions(filter, alias, null);
  if (period?.from) conditions.push(sql`${column(alias, 'day')} >= ${period.from}`);
  if (period?.to) conditions.push(sql`${column(alias, 'day')} <= ${period.to}`);
  return joinAnd(conditions);
}

/** SQL conditions on shares (alias `s`) for a filter's dimensions, and on when they were made when a period is given. */
export function shareConditions(filter: AnalyticsFilter, alias = 's', period?: DayRange | null): SQL {
  const conditions = dimensionConditions(filter, alias, null);
  if (period?.start) conditions.push(sql`${column(alias, 'created_at')} >= ${period.start.toISOString()}`);
  if (period?.end) conditions.push(sql`${column(alias, 'created_at')} < ${period.end.toISOString()}`);
  return joinAnd(conditions);
}

/**
 * SQL conditions on conversion_touchpoints (alias `t`) for a filter's dimensions. The period applies to
 * the conversion (when it occurred), so it is not part of these conditions: see `conversionPeriod`.
 */
export function touchpointConditions(filter: AnalyticsFilter, alias = 't'): SQL {
  return joinAnd(dimensionConditions(filter, alias, null));
}

/** SQL conditions on conversions (alias `c`): occurred within the period. */
export function conversionPeriod(period: DayRange, alias = 'c'): SQL {
  const conditions: SQL[] = [];
  if (period.start) conditions.push(sql`${column(alias, 'occurred_at')} >= ${period.start.toISOString()}`);
  if (period.end) conditions.push(sql`${column(alias, 'occurred_at')} < ${period.end.toISOString()}`);
  return joinAnd(conditions);
}

/** Whether the filter narrows the view to a group (any dimension set): such views follow the k-anonymity rule. */
export const isNarrowed = (filter: AnalyticsFilter): boolean => dimensionKeys.some((key) => filter[key] !== undefined);
