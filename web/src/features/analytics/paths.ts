export const ANALYTICS_PAGE = '/analytics';
export const ANALYTICS_BREAKDOWNS_PAGE = '/analytics/breakdowns';
