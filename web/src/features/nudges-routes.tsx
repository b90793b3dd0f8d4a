import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { AreaNavItem } from '../app/area-nav';
import { RequireAuth } from '../app/require-auth';
import { ROLES, type Role } from '../lib/types';
import { MAIL_SUBSCRIPTIONS_PAGE, NUDGE_FAILED_PAGE, NUDGE_GUARDRAILS_PAGE, NUDGE_REPORT_PAGE, NUDGE_TEMPLATE_NEW_PAGE, NUDGE_TEMPLATES_PAGE } from './nudges/paths';

const TemplatesPage = lazy(() => import('./nudges/templates-page'));
const TemplateEditPage = lazy(() => import('./nudges/template-edit-page'));
const GuardrailsPage = lazy(() => import('./nudges/guardrails-page'));
const ReportPage = lazy(() => import('./nudges/report-page'));
const FailedPage = lazy(() => import('./nudges/failed-page'));
const MailSubscriptionsPage = lazy(() => import('./nudges/mail-subscriptions-page'));

/** Who edits templates and reads the report (the API's canManageNudges). */
const NUDGE_STAFF = ['admin', 'editor'] as const satisfies readonly Role[];
const ADMIN = ['admin'] as const satisfies readonly Role[];

function guarded(path: string, element: ReactNode, roles?: readonly Role[]): RouteObject {
  return { path, element: <RequireAuth roles={roles}>{element}</RequireAuth> };
}

/** Nudge templates, the uplift report, guardrails and failed deliveries; and everyone's own e-mail switches. */
export const nudgesRoutes: RouteObject[] = [
  guarded(NUDGE_TEMPLATES_PAGE, <TemplatesPage />, NUDGE_STAFF),
  guarded(NUDGE_TEMPLATE_NEW_PAGE, <TemplateEditPage />, NUDGE_STAFF),
  guarded(`${NUDGE_TEMPLATES_PAGE}/templates/:id`, <TemplateEditPage />, NUDGE_STAFF),
  guarded(NUDGE_REPORT_PAGE, <ReportPage />, NUDGE_STAFF),
  guarded(NUDGE_GUARDRAILS_PAGE, <GuardrailsPage />, ADMIN),
  guarded(NUDGE_FAILED_PAGE, <FailedPage />, ADMIN),
  guarded(MAIL_SUBSCRIPTIONS_PAGE, <MailSubscriptionsPage />),
];

/** Labels are keys in the `nudges` i18n namespace. */
export const nudgesNav: AreaNavItem[] = [
  { key: 'nudges', to: NUDGE_TEMPLATES_PAGE, roles: NUDGE_STAFF, namespace: 'nudges', labelKey: 'nav.nudges', order: 96 },
  { key: 'mailSubscriptions', to: MAIL_SUBSCRIPTIONS_PAGE, roles: ROLES, namespace: 'nudges', labelKey: 'nav.mail', order: 24 },
];
