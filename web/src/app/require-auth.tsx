import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { hasAnyRole, useSession } from '../features/auth/session';
import { signInPath } from '../lib/safe-next';
import type { Role } from '../lib/types';
import { ErrorAlert, Page, PageLoader } from './page';

/** Renders children only for a signed-in person (with one of `roles`, when given). */
export function RequireAuth({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError) {
    return (
      <Page title={t('errors.title')}>
        <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />
      </Page>
    );
  }
  if (!session.data) return <Navigate to={signInPath(location)} replace />;
  if (roles && !hasAnyRole(session.data.person, roles)) {
    return (
      <Page title={t('errors.forbiddenTitle')}>
        <Text>{t('errors.forbidden')}</Text>
      </Page>
    );
  }
  return children;
}
