import { ActionIcon, Indicator } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentPerson } from '../auth/session';
import { useNotifications } from './notifications-api';
import { pushSupported, registerServiceWorker } from './push-device';

/** A bell outline; decorative, the link carries the name. */
function BellIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The header's bell: unread count, leads to the notification list. Hidden until someone is signed in. */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const person = useCurrentPerson();
  // Alumni get no nudges and may not call the notification routes (src/auth/alumni-access.ts).
  const reachable = person !== null && person.ambassadorStatus !== 'alumni';
  const notifications = useNotifications(reachable);

  // The service worker makes the app installable and receives Web Push; registering it is cheap and idempotent.
  useEffect(() => {
    if (reachable && pushSupported()) void registerServiceWorker();
  }, [reachable]);

  if (!reachable) return null;
  const unread = notifications.data?.unreadCount ?? 0;
  const label = unread > 0 ? t('bell.labelUnread', { count: unread }) : t('bell.label');
  return (
    <Indicator label={unread > 99 ? '99+' : unread} disabled={unread === 0} size={18} color="red.8" offset={6} aria-hidden={false}>
      <ActionIcon component={Link} to="/notifications" variant="subtle" color="dark" size="lg" aria-label={label} title={label}>
        <BellIcon />
      </ActionIcon>
    </Indicator>
  );
}
