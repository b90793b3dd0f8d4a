export const RECRUITMENT_ANALYTICS_PAGE = '/analytics/recruitment';
export const PROGRAMME_ANALYTICS_PAGE = '/analytics/programme';
