import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Role } from '../../lib/types';
import { PROGRAMME_ANALYTICS_PAGE, RECRUITMENT_ANALYTICS_PAGE } from '../analytics-health/paths';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { ANALYTICS_BREAKDOWNS_PAGE, ANALYTICS_PAGE } from './paths';

const STAFF: Role[] = ['admin', 'editor'];

/** Between the analytics dashboards a person may open; the filters travel along in the address. */
export function AnalyticsSubnav() {
  const { t } = useTranslation('analytics');
  const person = useCurrentPerson();
  const { pathname, search } = useLocation();
  const links = [
    { to: ANALYTICS_PAGE, label: t('nav.overview'), roles: STAFF },
    { to: ANALYTICS_BREAKDOWNS_PAGE, label: t('nav.breakdowns'), roles: STAFF },
    { to: RECRUITMENT_ANALYTICS_PAGE, label: t('nav.recruitment'), roles: [...STAFF, 'recruiter'] as Role[] },
    { to: PROGRAMME_ANALYTICS_PAGE, label: t('nav.programme'), roles: STAFF },
  ].filter((link) => hasAnyRole(person, link.roles));
  if (links.length < 2) return null;
  return (
    <nav aria-label={t('nav.area')}>
      <Group gap="md" wrap="wrap">
        {links.map((link) => (
          <Anchor
            key={link.to}
            component={Link}
            to={`${link.to}${search}`}
            py={10}
            fw={600}
            aria-current={pathname === link.to ? 'page' : undefined}
            underline={pathname === link.to ? 'always' : 'hover'}
          >
            {link.label}
          </Anchor>
        ))}
      </Group>
    </nav>
  );
}
