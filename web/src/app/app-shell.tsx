import { AppShell, Burger, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import { Suspense, useEffect, useRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { ambassadorNav } from '../features/ambassador-routes';
import { hasAnyRole, useCurrentPerson } from '../features/auth/session';
import { editorialNav } from '../features/editorial-routes';
import { recruitmentNav } from '../features/recruitment-routes';
import { impactNav } from '../features/impact-routes';
import { NotificationBell, notificationNav } from '../features/notifications-routes';
import { nudgesNav } from '../features/nudges-routes';
import { personasNav } from '../features/personas-routes';
import { analyticsNav } from '../features/analytics-routes';
import { leaderboardNav } from '../features/leaderboards-routes';
import { analyticsReportNav } from '../features/analytics-reports-routes';
import { analyticsHealthNav } from '../features/analytics-health-routes';
import { webhookNav } from '../features/webhooks-routes';
import { scimNav } from '../features/scim-routes';
import { alumniNav, navForPerson } from '../features/alumni-routes';
import type { Role } from '../lib/types';
import classes from './app.module.css';
import { LanguageSwitcher } from './language-switcher';
import { PageLoader } from './page';

type NavKey = 'people' | 'groups' | 'profile' | 'outbox' | 'audit';

interface NavItem {
  key: string;
  to: string;
  roles: readonly Role[];
  order: number;
  /** The translated label. */
  label: (t: TFunction) => string;
}

const foundationLabel = (key: NavKey) => (t: TFunction) => t(`nav.${key}`);

const NAV_ITEMS: NavItem[] = (
  [
  { key: 'people', to: '/people', roles: ['admin', 'editor', 'recruiter'], order: 100, label: foundationLabel('people') },
  { key: 'groups', to: '/groups', roles: ['admin', 'editor', 'recruiter'], order: 200, label: foundationLabel('groups') },
  { key: 'profile', to: '/profile', roles: ['admin', 'editor', 'recruiter', 'ambassador'], order: 300, label: foundationLabel('profile') },
  { key: 'outbox', to: '/admin/outbox', roles: ['admin'], order: 400, label: foundationLabel('outbox') },
  { key: 'audit', to: '/admin/audit', roles: ['admin'], order: 500, label: foundationLabel('audit') },
  // Feature areas contribute their own entries, labelled from their own i18n namespace.
  ...[...editorialNav, ...ambassadorNav, ...recruitmentNav, ...impactNav, ...notificationNav, ...nudgesNav, ...alumniNav, ...personasNav, ...analyticsNav, ...analyticsHealthNav, ...leaderboardNav, ...analyticsReportNav, ...webhookNav, ...scimNav].map((item) => ({
    key: item.key,
    to: item.to,
    roles: item.roles,
    order: item.order,
    label: (t: TFunction) => t(item.labelKey as never, { ns: item.namespace }) as string,
  })),
  ] satisfies NavItem[]
).sort((a, b) => a.order - b.order);

/** Header, role-aware navigation (a burger menu on phones) and the main landmark. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const person = useCurrentPerson();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(location.pathname);

  // The profile language wins over the browser's once we know who is signed in.
  const profileLanguage = person?.language;
  useEffect(() => {
    if (profileLanguage && profileLanguage !== i18n.resolvedLanguage) {
      void i18n.changeLanguage(profileLanguage);
    }
  }, [profileLanguage, i18n]);

  // After navigating, close the phone menu and move focus to the new page (as a full load would).
  useEffect(() => {
    if (location.pathname === previousPath.current) return;
    previousPath.current = location.pathname;
    close();
    mainRef.current?.focus();
  }, [location.pathname, close]);

  // Personal routes are also reachable by every signed-in person (an account has at least a profile).
  const links = person
    ? navForPerson(person, NAV_ITEMS.filter((item) => item.key === 'profile' || hasAnyRole(person, item.roles)))
    : [];
  const hasNav = links.length > 0;
  // The most specific entry under which the page lies (/analytics/recruitment, not /analytics too).
  const activeTo = links
    .map((item) => item.to)
    .filter((to) => location.pathname === to || location.pathname.startsWith(`${to}/`))
    .sort((a, b) => b.length - a.length)[0];

  return (
    <>
      <a href="#main-content" className={classes.skipLink}>
        {t('shell.skipToContent')}
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={
          hasNav
            ? { width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }
            : undefined
        }
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap">
              {hasNav ? (
                <Burger
                  opened={opened}
                  onClick={toggle}
                  hiddenFrom="sm"
                  size="md"
                  aria-label={opened ? t('shell.closeMenu') : t('shell.openMenu')}
                  aria-expanded={opened}
                  aria-controls="main-navigation"
                />
              ) : null}
              <Link to="/" className={classes.brand}>
                Podium
              </Link>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <NotificationBell />
              <LanguageSwitcher />
            </Group>
          </Group>
        </AppShell.Header>
        {hasNav && person ? (
          <AppShell.Navbar
            id="main-navigation"
            aria-label={t('shell.mainNavigation')}
            p="sm"
            // A closed phone menu slides off-screen; keep its links out of the tab order too.
            inert={isPhone === true && !opened}
          >
            <Stack justify="space-between" h="100%" gap="md">
              <Stack gap={4}>
                {links.map((item) => {
                  const active = item.to === activeTo;
                  return (
                    <NavLink
                      key={item.key}
                      component={Link}
                      to={item.to}
                      label={item.label(t)}
                      active={active}
                      aria-current={active ? 'page' : undefined}
                      variant="filled"
                    />
                  );
                })}
              </Stack>
              <Text size="sm" c="gray.8" truncate="end">
                {t('shell.signedInAs', { name: person.name })}
              </Text>
            </Stack>
          </AppShell.Navbar>
        ) : null}
        <AppShell.Main id="main-content" ref={mainRef} tabIndex={-1} className={classes.main}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
          <Notifications position="top-right" zIndex={2000} withinPortal={false} />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
