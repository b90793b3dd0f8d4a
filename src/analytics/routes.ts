import { recordAudit } from '../audit/service.ts';
import { canReadAnalytics, hasRole, isAdmin, type SignedIn } from '../auth/context.ts';
import type { App, AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { errorResponses } from '../http/openapi.ts';
import { getSetting, putSetting } from '../settings/service.ts';
import { analyticsBreakdown } from './breakdown.ts';
import { type CsvCell, sendCsv } from './csv.ts';
import { analyticsQuery, parseAnalyticsQuery } from './filters.ts';
import { analyticsOverview } from './overview.ts';
import { type AnalyticsSettings, analyticsSettingsSchema, breakdownQuery, breakdownSchema, type Overview, overviewSchema, type Timeseries, timeseriesQuery, timeseriesSchema } from './schema.ts';
import { analyticsTimeseries } from './timeseries.ts';

/** Only admins see groups smaller than MIN_GROUP. */
const seesEverything = (auth: SignedIn): boolean => hasRole(auth, 'admin');

const csvDescription = 'Add `format=csv` for the same figures as a CSV download (UTF-8 with BOM); with it, filter by story format with `storyFormat`.';

/** The overview as figure/current/previous lines. */
function overviewCsv(overview: Overview): CsvCell[][] {
  const line = (figure: string, pick: (o: Partial<Overview>) => number | string | null | undefined): CsvCell[] => [figure, pick(overview) ?? null, overview.previous ? (pick(overview.previous) ?? null) : null];
  return [
    ['period_from', overview.period.from, overview.previousPeriod?.from ?? null],
    ['period_to', overview.period.to, overview.previousPeriod?.to ?? null],
    line('suppressed', (o) => (o.suppressed ? 'yes' : 'no')),
    line('participation_active', (o) => o.participation?.active),
    line('participation_invited', (o) => o.participation?.invited),
    line('participation_sharers', (o) => o.participation?.sharers),
    line('shares', (o) => o.shares),
    line('clicks_human', (o) => o.clicks?.human),
    line('clicks_unique', (o) => o.clicks?.unique),
    line('visitors_sum_of_daily_uniques', (o) => o.clicks?.visitors),
    line('clicks_bot', (o) => o.clicks?.bot),
    line('click_through_per_share', (o) => o.clickThroughPerShare),
    ...(['apply_started', 'application', 'hire', 'lead', 'signup'] as const).map((type) => line(`conversions_${type}`, (o) => o.conversions?.[type])),
    line('earned_media_value', (o) => o.earnedMediaValue?.amount),
    line('earned_media_value_currency', (o) => o.earnedMediaValue?.currency),
    line('earned_media_value_cost_per_click', (o) => o.earnedMediaValue?.costPerClick),
    line('earned_media_value_cost_per_thousand_impressions', (o) => o.earnedMediaValue?.costPerThousandImpressions),
    line('impressions_estimated', (o) => o.earnedMediaValue?.impressions),
    line('reach_estimated', (o) => o.reach?.estimated),
    line('reach_sharers_with_known_network', (o) => o.reach?.sharersWithKnownNetwork),
    line('reach_default_network_size', (o) => o.reach?.defaultNetworkSize),
    line('company_followers', (o) => o.reach?.companyFollowers),
    line('touchpoints_median', (o) => o.touchpoints?.median),
    ...(overview.touchpoints?.histogram ?? []).map((bucket, index) => line(`applications_after_${bucket.touchpoints}_touchpoints`, (o) => o.touchpoints?.histogram[index]?.applications)),
  ];
}

function timeseriesCsv(series: Timeseries): CsvCell[][] {
  const rows = (period: string, points: Timeseries['points']): CsvCell[][] => points.map((p) => [period, p.start, p.shares, p.humanClicks, p.visitors, p.applications, p.hires]);
  return [...rows('current', series.points), ...rows('previous', series.previous ?? [])];
}

/** The analytics dashboards' API: overview, breakdowns and time series, each also as CSV; and the assumptions behind earned media value. */
export async function analyticsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/analytics/overview', {
    config: { policy: canReadAnalytics },
    schema: {
      tags: ['analytics'],
      summary: 'Participation, shares, clicks, conversions, earned media value, reach and touchpoints for a period, with the previous period',
      description: `Read from the click rollups and the conversions' touchpoints. A view narrowed to fewer than 5 people is left out for everyone but admins. ${csvDescription}`,
      querystring: analyticsQuery,
      response: { 200: overviewSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { filter, csv } = parseAnalyticsQuery(request.query);
      const overview = await analyticsOverview(ctx, filter, { admin: seesEverything(request.auth as SignedIn) });
      if (csv) return sendCsv(reply, `podium-overview-${overview.period.from}-${overview.period.to}.csv`, ['figure', 'current', 'previous'], overviewCsv(overview));
      return overview;
    },
  });

  app.get('/api/v1/analytics/breakdown', {
    config: { policy: canReadAnalytics },
    schema: {
      tags: ['analytics'],
      summary: 'Shares, clicks and conversions per department, location, persona, theme, format, campaign, network or audience',
      description: `Department and persona as they were at the time of the share; location is the sharer's current location. Groups of fewer than 5 people are left out for everyone but admins (with the next smallest when only one is). ${csvDescription}`,
      querystring: breakdownQuery,
      response: { 200: breakdownSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { filter, csv } = parseAnalyticsQuery(request.query);
      const breakdown = await analyticsBreakdown(ctx, filter, request.query.by, { admin: seesEverything(request.auth as SignedIn), language: request.language });
      if (!csv) return breakdown;
      const figures = (row: (typeof breakdown)['totals']): CsvCell[] => [
        row.people,
        row.shares,
        row.clicks?.human ?? null,
        row.clicks?.unique ?? null,
        row.clicks?.visitors ?? null,
        row.conversions?.application ?? null,
        row.conversions?.hire ?? null,
        row.suppressed ? 'yes' : 'no',
      ];
      return sendCsv(
        reply,
        `podium-breakdown-${breakdown.by}-${breakdown.period.from}-${breakdown.period.to}.csv`,
        [breakdown.by, 'label', 'people', 'shares', 'human_clicks', 'unique_clicks', 'visitors_sum_of_daily_uniques', 'applications', 'hires', 'suppressed'],
        [...breakdown.rows.map((row) => [row.key, row.label, ...figures(row)]), ['total', null, ...figures(breakdown.totals)]],
      );
    },
  });

  app.get('/api/v1/analytics/timeseries', {
    config: { policy: canReadAnalytics },
    schema: {
      tags: ['analytics'],
      summary: 'Shares, human clicks, visitors, applications and hires per day, week or month, with the previous period',
      description: `Weeks start on Monday (UTC). ${csvDescription}`,
      querystring: timeseriesQuery,
      response: { 200: timeseriesSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { filter, csv } = parseAnalyticsQuery(request.query);
      const series = await analyticsTimeseries(ctx, filter, request.query.interval, { admin: seesEverything(request.auth as SignedIn) });
      if (!csv) return series;
      return sendCsv(
        reply,
        `podium-timeseries-${series.interval}-${series.period.from}-${series.period.to}.csv`,
        ['period', 'start', 'shares', 'human_clicks', 'visitors_sum_of_daily_uniques', 'applications', 'hires'],
        timeseriesCsv(series),
      );
    },
  });

  const readSettings = async (tx: Tx = ctx.database.db): Promise<AnalyticsSettings> => {
    const emv = await getSetting(tx, 'analytics.emv');
    const defaultNetworkSize = await getSetting(tx, 'analytics.defaultNetworkSize');
    return { emv, defaultNetworkSize };
  };

  app.get('/api/v1/settings/analytics', {
    config: { policy: canReadAnalytics },
    schema: {
      tags: ['settings'],
      summary: 'The assumptions behind earned media value and reach: cost per click, per thousand impressions, impressions per network member, default network size',
      response: { 200: analyticsSettingsSchema, ...errorResponses },
    },
    handler: async () => readSettings(),
  });

  app.put('/api/v1/settings/analytics', {
    config: { policy: isAdmin },
    schema: {
      tags: ['settings'],
      summary: 'Set the assumptions behind earned media value and reach',
      body: analyticsSettingsSchema,
      response: { 200: analyticsSettingsSchema, ...errorResponses },
    },
    handler: async (request) => {
      const now = ctx.clock.now();
      const after = { ...request.body, emv: { ...request.body.emv, currency: request.body.emv.currency.toUpperCase() } };
      await ctx.database.db.transaction(async (tx) => {
        const before = await readSettings(tx);
        await putSetting(tx, 'analytics.emv', after.emv, now);
        await putSetting(tx, 'analytics.defaultNetworkSize', after.defaultNetworkSize, now);
        await recordAudit(tx, request.auth as SignedIn, now, { action: 'settings.analytics_updated', subjectType: 'settings', subjectId: 'analytics', before, after });
      });
      return readSettings();
    },
  });
}
