import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { hasAnyRole, useCurrentPerson } from '../auth/session';
import { NUDGE_FAILED_PAGE, NUDGE_GUARDRAILS_PAGE, NUDGE_REPORT_PAGE, NUDGE_TEMPLATES_PAGE } from './paths';

/** The nudge area's pages; guardrails and failed deliveries are for admins. */
export function NudgesSubnav() {
  const { t } = useTranslation('nudges');
  const me = useCurrentPerson();
  const { pathname } = useLocation();
  const admin = hasAnyRole(me, ['admin']);
  const links = [
    { to: NUDGE_TEMPLATES_PAGE, label: t('nav.templates') },
    { to: NUDGE_REPORT_PAGE, label: t('nav.report') },
    ...(admin
      ? [
          { to: NUDGE_GUARDRAILS_PAGE, label: t('nav.guardrails') },
          { to: NUDGE_FAILED_PAGE, label: t('nav.failed') },
        ]
      : []),
  ];
  return (
    <nav aria-label={t('nav.area')}>
      <Group gap="md" wrap="wrap">
        {links.map((link) => (
          <Anchor key={link.to} component={Link} to={link.to} py={10} fw={600} aria-current={pathname === link.to ? 'page' : undefined} underline={pathname === link.to ? 'always' : 'hover'}>
            {link.label}
          </Anchor>
        ))}
      </Group>
    </nav>
  );
}
