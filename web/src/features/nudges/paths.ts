export const NUDGE_TEMPLATES_PAGE = '/admin/nudges';
export const NUDGE_TEMPLATE_NEW_PAGE = '/admin/nudges/templates/new';
export const nudgeTemplatePage = (id: string) => `/admin/nudges/templates/${id}`;
export const NUDGE_GUARDRAILS_PAGE = '/admin/nudges/guardrails';
export const NUDGE_REPORT_PAGE = '/admin/nudges/report';
export const NUDGE_FAILED_PAGE = '/admin/nudges/failed';
export const MAIL_SUBSCRIPTIONS_PAGE = '/me/mail';
